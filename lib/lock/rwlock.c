/* rwlock.c: reader-writer locks; waiting writers hold new readers back. */
#include <errno.h>
#include <ts/lock.h>
#include "atomic.h"

void ts_rwlock_init(struct ts_rwlock *l)
{
	*l = (struct ts_rwlock){ .rq = TS_WAITQ_INIT, .wq = TS_WAITQ_INIT };
}

static int rdlock(struct ts_rwlock *l, uint64_t deadline_ns, int try)
{
	while (l->writer || l->writers_waiting) {
		if (try)
			return -EBUSY;
		if (ts_waitq_wait(&l->rq, deadline_ns) == -ETIMEDOUT &&
		    (l->writer || l->writers_waiting))
			return -ETIMEDOUT;
	}
	l->readers++;
	return 0;
}

static int wrlock(struct ts_rwlock *l, uint64_t deadline_ns, int try)
{
	while (l->writer || l->readers) {
		if (try)
			return -EBUSY;
		l->writers_waiting++;
		int rc = ts_waitq_wait(&l->wq, deadline_ns);
		l->writers_waiting--;
		if (rc == -ETIMEDOUT && (l->writer || l->readers)) {
			if (!l->writers_waiting) /* readers held back for us may go */
				ts_waitq_wake_all(&l->rq);
			return -ETIMEDOUT;
		}
	}
	l->writer = ts_thread_self();
	return 0;
}

int ts_rwlock_rdlock(struct ts_rwlock *l) { return LOCKED(rdlock(l, 0, 0)); }
int ts_rwlock_timedrdlock(struct ts_rwlock *l, uint64_t d) { return LOCKED(rdlock(l, d, 0)); }
int ts_rwlock_tryrdlock(struct ts_rwlock *l) { return LOCKED(rdlock(l, 0, 1)); }
int ts_rwlock_wrlock(struct ts_rwlock *l) { return LOCKED(wrlock(l, 0, 0)); }
int ts_rwlock_timedwrlock(struct ts_rwlock *l, uint64_t d) { return LOCKED(wrlock(l, d, 0)); }
int ts_rwlock_trywrlock(struct ts_rwlock *l) { return LOCKED(wrlock(l, 0, 1)); }

static int unlock(struct ts_rwlock *l)
{
	if (l->writer == ts_thread_self())
		l->writer = NULL;
	else if (l->readers > 0)
		l->readers--;
	else
		return -EPERM;
	if (l->writer || l->readers)
		return 0;
	if (l->writers_waiting)
		ts_waitq_wake_one(&l->wq);
	else
		ts_waitq_wake_all(&l->rq);
	return 0;
}

int ts_rwlock_unlock(struct ts_rwlock *l)
{
	return LOCKED(unlock(l));
}
