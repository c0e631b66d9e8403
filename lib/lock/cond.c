/* cond.c: condition variables over ts_mutex. */
#include <errno.h>
#include <ts/lock.h>
#include "atomic.h"

void ts_cond_init(struct ts_cond *c)
{
	*c = (struct ts_cond)TS_COND_INIT;
}

static int timedwait(struct ts_cond *c, struct ts_mutex *m, uint64_t deadline_ns)
{
	if (m->owner != ts_thread_self())
		return -EPERM;
	unsigned int depth = m->depth;
	m->depth = 1; /* a recursive mutex is released entirely while waiting */
	ts_mutex_unlock(m);
	int rc = ts_waitq_wait(&c->waiters, deadline_ns);
	ts_mutex_lock(m);
	m->depth = depth;
	return rc;
}

/* Atomic as a whole: the unlock and the start of the wait cannot be split
 * by a preemption (a signal in between would be lost). */
int ts_cond_timedwait(struct ts_cond *c, struct ts_mutex *m, uint64_t deadline_ns)
{
	return LOCKED(timedwait(c, m, deadline_ns));
}

int ts_cond_wait(struct ts_cond *c, struct ts_mutex *m)
{
	return ts_cond_timedwait(c, m, 0);
}

void ts_cond_signal(struct ts_cond *c) { ts_waitq_wake_one(&c->waiters); }
void ts_cond_broadcast(struct ts_cond *c) { ts_waitq_wake_all(&c->waiters); }
