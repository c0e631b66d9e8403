/* mutex.c: sleeping mutual exclusion, optionally recursive, with timeouts. */
#include <errno.h>
#include <ts/lock.h>
#include "atomic.h"

void ts_mutex_init(struct ts_mutex *m, int recursive)
{
	*m = (struct ts_mutex)TS_MUTEX_INIT;
	m->recursive = recursive;
}

static int lock(struct ts_mutex *m, uint64_t deadline_ns, int try)
{
	struct ts_thread *self = ts_thread_self();
	if (m->owner == self) {
		if (!m->recursive)
			return -EDEADLK;
		m->depth++;
		return 0;
	}
	while (m->owner) {
		if (try)
			return -EBUSY;
		if (ts_waitq_wait(&m->waiters, deadline_ns) == -ETIMEDOUT && m->owner)
			return -ETIMEDOUT;
	}
	m->owner = self;
	m->depth = 1;
	return 0;
}

int ts_mutex_lock(struct ts_mutex *m) { return LOCKED(lock(m, 0, 0)); }
int ts_mutex_timedlock(struct ts_mutex *m, uint64_t deadline_ns) { return LOCKED(lock(m, deadline_ns, 0)); }
int ts_mutex_trylock(struct ts_mutex *m) { return LOCKED(lock(m, 0, 1)); }

static int unlock(struct ts_mutex *m)
{
	if (m->owner != ts_thread_self())
		return -EPERM;
	if (--m->depth == 0) {
		m->owner = NULL;
		ts_waitq_wake_one(&m->waiters);
	}
	return 0;
}

int ts_mutex_unlock(struct ts_mutex *m)
{
	return LOCKED(unlock(m));
}
