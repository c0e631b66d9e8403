/* Host-test stand-in (a copy of lib/vfs's) for <ts/lock.h>: mutexes are error-checking pthread
 * mutexes, and any failure (locking twice, unlocking what one does not
 * hold) aborts, so the tests catch lock-discipline bugs. */
#ifndef TS_LOCK_H
#define TS_LOCK_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct ts_mutex {
	pthread_mutex_t m;
};
#define TS_MUTEX_INIT { PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP }

static inline void ts_mutex_init(struct ts_mutex *m, int recursive)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, recursive ? PTHREAD_MUTEX_RECURSIVE : PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m->m, &a);
	pthread_mutexattr_destroy(&a);
}

static inline int ts_mutex_lock(struct ts_mutex *m)
{
	int r = pthread_mutex_lock(&m->m);

	if (r) {
		fprintf(stderr, "ts_mutex_lock: error %d\n", r);
		abort();
	}
	return 0;
}

static inline int ts_mutex_unlock(struct ts_mutex *m)
{
	int r = pthread_mutex_unlock(&m->m);

	if (r) {
		fprintf(stderr, "ts_mutex_unlock: error %d\n", r);
		abort();
	}
	return 0;
}

#endif
