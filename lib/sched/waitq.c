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

/* Queue the calling thread on q and give the CPU away; inside a critical
 * section. */
static void block_on(struct ts_waitq *q, uint64_t deadline_ns)
{
	struct ts_thread *self = ts_sched_current;
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
}

int ts_waitq_wait(struct ts_waitq *q, uint64_t deadline_ns)
{
	ts_sched_atomic_begin();
	block_on(q, deadline_ns);
	int timed_out = ts_sched_current->timed_out;
	ts_sched_atomic_end();
	return timed_out ? -ETIMEDOUT : 0;
}

int ts_waitq_wait_intr(struct ts_waitq *q, uint64_t deadline_ns)
{
	struct ts_thread *self = ts_sched_current;
	int r = 0;
	ts_sched_atomic_begin();
	if (!self->interrupted) {
		self->intr_wait = 1;
		block_on(q, deadline_ns);
		self->intr_wait = 0;
		r = self->timed_out ? -ETIMEDOUT : 0;
	}
	if (self->interrupted) {
		self->interrupted = 0;
		r = -EINTR;
	}
	ts_sched_atomic_end();
	return r;
}

void ts_thread_interrupt(struct ts_thread *t)
{
	ts_sched_atomic_begin();
	t->interrupted = 1;
	if (t->intr_wait && t->state == T_BLOCKED) {
		ts_waitq_remove(t);
		if (t->deadline)
			ts_sched_sleep_remove(t);
		ts_sched_make_ready(t);
	}
	ts_sched_atomic_end();
}

int ts_thread_interrupted(void)
{
	return ts_sched_current ? __atomic_load_n(&ts_sched_current->interrupted, __ATOMIC_RELAXED) : 0;
}

int ts_thread_interrupt_clear(void)
{
	ts_sched_atomic_begin();
	int was = ts_sched_current->interrupted;
	ts_sched_current->interrupted = 0;
	ts_sched_atomic_end();
	return was;
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
