/*
 * Host-test stand-in for <ts/lock.h> (the tests are built with -nostdinc,
 * without pthreads): single-threaded mutexes that check their discipline.
 * Locking a held non-recursive mutex or unlocking a free one aborts, and
 * stub_locks_held counts the locks held, which every test checks is 0
 * between calls.
 */
#ifndef TS_LOCK_H
#define TS_LOCK_H

#include <stddef.h>

struct ts_mutex {
	void *owner; /* unused */
	unsigned int depth;
	int recursive;
	int waiters; /* unused */
};
#define TS_WAITQ_INIT 0
#define TS_MUTEX_INIT { NULL, 0, 0, TS_WAITQ_INIT }

extern int stub_locks_held;
_Noreturn void ref_abort(void) __asm__("abort");

static inline void ts_mutex_init(struct ts_mutex *m, int recursive)
{
	m->owner = NULL;
	m->depth = 0;
	m->recursive = recursive;
	m->waiters = 0;
}

static inline int ts_mutex_lock(struct ts_mutex *m)
{
	if (m->depth && !m->recursive)
		ref_abort();
	m->depth++;
	stub_locks_held++;
	return 0;
}

static inline int ts_mutex_unlock(struct ts_mutex *m)
{
	if (!m->depth)
		ref_abort();
	m->depth--;
	stub_locks_held--;
	return 0;
}

#endif
