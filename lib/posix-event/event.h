/* Private to lib/posix-event: deadlines, signal masks and blocking under a mutex, shared by its calls. */
#ifndef POSIX_EVENT_H
#define POSIX_EVENT_H

#include <stddef.h>
#include <stdint.h>
#include <ts/lock.h>
#include <ts/vfs_impl.h>

/* Linux's struct timespec / timeval (x86_64). */
struct ev_timespec {
	int64_t tv_sec, tv_nsec;
};
struct ev_timeval {
	int64_t tv_sec, tv_usec;
};

/*
 * Deadlines in ts_plat_monotonic_ns() time, as ts_poller_wait takes them:
 * EV_FOREVER waits without one, EV_NOW does not wait at all (it is in the
 * past for any clock reading).
 */
#define EV_FOREVER 0ull
#define EV_NOW 1ull

/* The deadline ns nanoseconds from now (0: EV_NOW; far away: EV_FOREVER). */
uint64_t ev_deadline_in(uint64_t ns);

/* The deadline a program's timeout gives: -EINVAL for a negative or
 * out-of-range one; EV_FOREVER for NULL. The pointers were checked. */
int ev_deadline_ts(const struct ev_timespec *ts, uint64_t *deadline);
int ev_deadline_tv(const struct ev_timeval *tv, uint64_t *deadline);

/* Time left until deadline, written back into the program's timeout as
 * Linux does for select, pselect6 and ppoll (NULL: nothing). */
void ev_remaining_ts(struct ev_timespec *ts, uint64_t deadline);
void ev_remaining_tv(struct ev_timeval *tv, uint64_t deadline);

/*
 * A signal mask passed to ppoll, pselect6, epoll_pwait: NULL or sigsetsize
 * bytes that must be Linux's 8 (-EINVAL) and readable (-EFAULT). 0 when
 * acceptable.
 */
int ev_sigmask_ok(const void *mask, size_t sigsetsize);

/*
 * The same mask put in place for the wait (sigmask.c; checked only
 * without lib/posix-signal: sigmask_none.c): ev_sigmask_set checks it as
 * above (or -ENOMEM) and, when it is not NULL, makes it the calling
 * thread's mask, keeping the old one in *save; ev_sigmask_restore, given
 * the wait's result r, puts the old mask back — after running the
 * handlers of what the temporary mask let through when r is -EINTR.
 */
struct ev_sigsave {
	int swapped;
	uint64_t old;
};
int ev_sigmask_set(const void *mask, size_t sigsetsize, struct ev_sigsave *save);
void ev_sigmask_restore(const struct ev_sigsave *save, long r);

/*
 * Release m, sleep on q until woken (or interrupted: -EINTR), take m back;
 * the release and the start of the sleep are one step, so a wake sent by
 * a thread that changes the state under m cannot be lost.
 */
int ev_wait_unlocked(struct ts_waitq *q, struct ts_mutex *m);

/* A write found the pipe without readers: send the calling thread SIGPIPE
 * (sigpipe.c; nothing without lib/posix-signal: sigpipe_none.c). */
void ev_sigpipe(void);

/* fstat of an epoll set or an eventfd: an anonymous inode, as Linux's —
 * permission bits 0600, no file type. 0. */
int ev_anon_stat(struct ts_file *f, struct ts_stat *st);

/* 1 when f's status flags say O_NONBLOCK (F_SETFL may change them any time). */
static inline int ev_nonblock(const struct ts_file *f)
{
	return (__atomic_load_n(&f->flags, __ATOMIC_RELAXED) & TS_O_NONBLOCK) != 0;
}

#endif
