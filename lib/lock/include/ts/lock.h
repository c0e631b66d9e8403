/* lib/lock: blocking locks on lib/sched's wait queues, and a spinlock.
 *
 * Every blocking call has a timed variant taking an absolute deadline in
 * ts_plat_monotonic_ns() time; those return -ETIMEDOUT when it passes.
 * Calls return 0 on success or -errno as stated. Initialise every object
 * with its _init function (or the _INIT initialiser) before use. */
#ifndef TS_LOCK_H
#define TS_LOCK_H

#include <stdint.h>
#include <ts/sched.h>

/* ---- mutex ---- */
struct ts_mutex {
	struct ts_thread *owner;
	unsigned int depth;   /* times the owner holds it (recursive mutexes) */
	int recursive;
	struct ts_waitq waiters;
};
#define TS_MUTEX_INIT { NULL, 0, 0, TS_WAITQ_INIT }

void ts_mutex_init(struct ts_mutex *m, int recursive);
/* Lock: 0; -EDEADLK when a non-recursive mutex is locked again by its owner. */
int ts_mutex_lock(struct ts_mutex *m);
int ts_mutex_timedlock(struct ts_mutex *m, uint64_t deadline_ns); /* + -ETIMEDOUT */
int ts_mutex_trylock(struct ts_mutex *m);                         /* -EBUSY if held */
int ts_mutex_unlock(struct ts_mutex *m);                          /* -EPERM if not the owner */

/* ---- counting semaphore ---- */
struct ts_sem {
	long count;
	struct ts_waitq waiters;
};
void ts_sem_init(struct ts_sem *s, long count);
int ts_sem_wait(struct ts_sem *s);
int ts_sem_timedwait(struct ts_sem *s, uint64_t deadline_ns); /* -ETIMEDOUT */
int ts_sem_trywait(struct ts_sem *s);                         /* -EAGAIN at zero */
void ts_sem_post(struct ts_sem *s);

/* ---- condition variable ---- */
struct ts_cond {
	struct ts_waitq waiters;
};
#define TS_COND_INIT { TS_WAITQ_INIT }
void ts_cond_init(struct ts_cond *c);
/* Release m (which the caller must hold: else -EPERM), wait for a signal,
 * take m back. The timed form returns -ETIMEDOUT, still with m held. */
int ts_cond_wait(struct ts_cond *c, struct ts_mutex *m);
int ts_cond_timedwait(struct ts_cond *c, struct ts_mutex *m, uint64_t deadline_ns);
void ts_cond_signal(struct ts_cond *c);
void ts_cond_broadcast(struct ts_cond *c);

/* ---- reader-writer lock (writers are preferred once waiting) ---- */
struct ts_rwlock {
	long readers;                 /* threads holding it for reading */
	struct ts_thread *writer;     /* the thread holding it for writing */
	unsigned int writers_waiting;
	struct ts_waitq rq, wq;
};
void ts_rwlock_init(struct ts_rwlock *l);
int ts_rwlock_rdlock(struct ts_rwlock *l);
int ts_rwlock_timedrdlock(struct ts_rwlock *l, uint64_t deadline_ns);
int ts_rwlock_tryrdlock(struct ts_rwlock *l);                 /* -EBUSY */
int ts_rwlock_wrlock(struct ts_rwlock *l);
int ts_rwlock_timedwrlock(struct ts_rwlock *l, uint64_t deadline_ns);
int ts_rwlock_trywrlock(struct ts_rwlock *l);                 /* -EBUSY */
int ts_rwlock_unlock(struct ts_rwlock *l);                    /* -EPERM if not held */

/* ---- spinlock: busy-waits; for very short sections only ---- */
struct ts_spinlock {
	volatile int locked;
};
#define TS_SPINLOCK_INIT { 0 }
static inline int ts_spin_trylock(struct ts_spinlock *l)
{
	return __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) ? -16 /* -EBUSY */ : 0;
}
static inline void ts_spin_lock(struct ts_spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			__builtin_ia32_pause();
}
static inline void ts_spin_unlock(struct ts_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif
