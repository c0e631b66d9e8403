/* waitq.c: wait queues — FIFO lists of blocked threads, with deadlines. */
#include <errno.h>
#include "sched_impl.h"

void ts_waitq_remove(struct ts_thread *t)
{
	struct ts_waitq *q = t->waitq;
	if (!q)
		return;
	if (t->q_prev)
		t->q_prev->q_next = t->q_next;
	else
		q->head = t->q_next;
	if (t->q_next)
		t->q_next->q_prev = t->q_prev;
	else
		q->tail = t->q_prev;
	t->q_prev = t->q_next = NULL;
	t->waitq = NULL;
}

int ts_waitq_wait(struct ts_waitq *q, uint64_t deadline_ns)
{
	struct ts_thread *self = ts_sched_current;
	ts_sched_atomic_begin();
	self->state = T_BLOCKED;
	self->waitq = q;
	self->timed_out = 0;
	self->q_next = NULL;
	self->q_prev = q->tail;
	if (q->tail)
		q->tail->q_next = self;
	else
		q->head = self;
	q->tail = self;
	self->deadline = deadline_ns;
	if (deadline_ns)
		ts_sched_sleep_add(self);
	ts_sched_reschedule();
	int timed_out = self->timed_out;
	ts_sched_atomic_end();
	return timed_out ? -ETIMEDOUT : 0;
}

static int wake_one(struct ts_waitq *q)
{
	struct ts_thread *t = q->head;
	if (!t)
		return 0;
	ts_waitq_remove(t);
	if (t->deadline)
		ts_sched_sleep_remove(t);
	ts_sched_make_ready(t);
	return 1;
}

int ts_waitq_wake_one(struct ts_waitq *q)
{
	ts_sched_atomic_begin();
	int n = wake_one(q);
	ts_sched_atomic_end();
	return n;
}

int ts_waitq_wake_all(struct ts_waitq *q)
{
	int n = 0;
	ts_sched_atomic_begin();
	while (wake_one(q))
		n++;
	ts_sched_atomic_end();
	return n;
}
