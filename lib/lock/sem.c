/* sem.c: counting semaphores with timeouts. */
#include <errno.h>
#include <ts/lock.h>
#include "atomic.h"

void ts_sem_init(struct ts_sem *s, long count)
{
	s->count = count;
	s->waiters = (struct ts_waitq)TS_WAITQ_INIT;
}

static int sem_wait(struct ts_sem *s, uint64_t deadline_ns)
{
	while (s->count <= 0)
		if (ts_waitq_wait(&s->waiters, deadline_ns) == -ETIMEDOUT && s->count <= 0)
			return -ETIMEDOUT;
	s->count--;
	return 0;
}

int ts_sem_wait(struct ts_sem *s) { return LOCKED(sem_wait(s, 0)); }
int ts_sem_timedwait(struct ts_sem *s, uint64_t deadline_ns) { return LOCKED(sem_wait(s, deadline_ns)); }

static int trywait(struct ts_sem *s)
{
	if (s->count <= 0)
		return -EAGAIN;
	s->count--;
	return 0;
}

int ts_sem_trywait(struct ts_sem *s)
{
	return LOCKED(trywait(s));
}

void ts_sem_post(struct ts_sem *s)
{
	LOCKED_VOID(s->count++; ts_waitq_wake_one(&s->waiters));
}
