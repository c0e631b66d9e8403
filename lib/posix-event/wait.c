/* wait.c: what pipes, eventfd, poll, select and epoll share — deadlines, signal masks, blocking under a mutex, the anonymous inode's stat. */
#include <errno.h>
#include <string.h>
#include <ts/plat/time.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include "event.h"

#define NS_PER_S 1000000000ull
/* Beyond this a timeout is as good as none (and now + ns cannot wrap). */
#define FAR_NS (1ull << 62)

uint64_t ev_deadline_in(uint64_t ns)
{
	if (!ns)
		return EV_NOW;
	if (ns >= FAR_NS)
		return EV_FOREVER;
	return ts_plat_monotonic_ns() + ns;
}

static uint64_t to_ns(uint64_t sec, uint64_t sub_ns)
{
	if (sec >= FAR_NS / NS_PER_S)
		return FAR_NS;
	return sec * NS_PER_S + sub_ns;
}

int ev_deadline_ts(const struct ev_timespec *ts, uint64_t *deadline)
{
	if (!ts) {
		*deadline = EV_FOREVER;
		return 0;
	}
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (int64_t)NS_PER_S)
		return -EINVAL;
	*deadline = ev_deadline_in(to_ns((uint64_t)ts->tv_sec, (uint64_t)ts->tv_nsec));
	return 0;
}

int ev_deadline_tv(const struct ev_timeval *tv, uint64_t *deadline)
{
	if (!tv) {
		*deadline = EV_FOREVER;
		return 0;
	}
	/* Linux carries whole seconds of tv_usec over before checking. */
	struct ev_timespec ts = { tv->tv_sec + tv->tv_usec / 1000000, tv->tv_usec % 1000000 * 1000 };

	return ev_deadline_ts(&ts, deadline);
}

/* Nanoseconds left until deadline (0 once passed). */
static uint64_t left(uint64_t deadline)
{
	uint64_t now = ts_plat_monotonic_ns();

	return deadline > now ? deadline - now : 0;
}

void ev_remaining_ts(struct ev_timespec *ts, uint64_t deadline)
{
	uint64_t ns;

	if (!ts || deadline == EV_FOREVER)
		return;
	ns = deadline == EV_NOW ? 0 : left(deadline);
	ts->tv_sec = (int64_t)(ns / NS_PER_S);
	ts->tv_nsec = (int64_t)(ns % NS_PER_S);
}

void ev_remaining_tv(struct ev_timeval *tv, uint64_t deadline)
{
	uint64_t ns;

	if (!tv || deadline == EV_FOREVER)
		return;
	ns = deadline == EV_NOW ? 0 : left(deadline);
	tv->tv_sec = (int64_t)(ns / NS_PER_S);
	tv->tv_usec = (int64_t)(ns % NS_PER_S / 1000);
}

/* Anonymous inodes share Linux's anon_inodefs device number, 0:13. */
#define ANON_DEV 0xd

int ev_anon_stat(struct ts_file *f, struct ts_stat *st)
{
	(void)f;
	memset(st, 0, sizeof(*st));
	st->st_dev = ANON_DEV;
	st->st_ino = 1;
	st->st_mode = 0600;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

int ev_sigmask_ok(const void *mask, size_t sigsetsize)
{
	if (!mask)
		return 0;
	if (sigsetsize != 8)
		return -EINVAL;
	if (!ts_user_ok(mask, 8, 0))
		return -EFAULT;
	return 0;
}

int ev_wait_unlocked(struct ts_waitq *q, struct ts_mutex *m)
{
	int r;

	ts_sched_atomic_begin();
	ts_mutex_unlock(m);
	r = ts_waitq_wait_intr(q, 0);
	ts_sched_atomic_end();
	ts_mutex_lock(m);
	return r;
}
