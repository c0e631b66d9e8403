/* timerfd.c: timerfd_create, timerfd_settime, timerfd_gettime — a timer read as an 8-byte count of its expirations, on lib/posix-time's timer thread. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/posix_time.h>
#include <ts/syscall.h>
#include "event.h"

#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9

struct kitimerspec {
	struct ts_ktimespec interval;
	struct ts_ktimespec value;
};

/*
 * The count, the timer and the waiters change in critical sections, not
 * under a mutex: the timer thread adds expirations from one, where it
 * must not block.
 */
struct tfd {
	struct ts_tick_timer timer; /* first: fire() gets it back as a tfd */
	int clock;
	uint64_t count;             /* expirations not read yet */
	struct ts_waitq readers;
	struct ts_file *file;       /* for the poll wake-ups */
};

static void tfd_fire(struct ts_tick_timer *t, uint64_t n)
{
	struct tfd *d = (struct tfd *)t;

	d->count = d->count > UINT64_MAX - n ? UINT64_MAX : d->count + n;
	ts_waitq_wake_all(&d->readers);
	ts_vfs_poll_wake(d->file);
}

/* A read takes the whole count, waiting while it is 0. */
static ssize_t tfd_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	struct tfd *d = f->priv;
	uint64_t v = 0;
	int r = 0;

	(void)pos;
	if (n < sizeof(v))
		return -EINVAL;
	ts_sched_atomic_begin();
	while (!d->count && !r)
		r = ev_nonblock(f) ? -EAGAIN : ts_waitq_wait_intr(&d->readers, 0);
	if (!r) {
		v = d->count;
		d->count = 0;
	}
	ts_sched_atomic_end();
	if (r)
		return r;
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

static unsigned int tfd_poll(struct ts_file *f, unsigned int events)
{
	struct tfd *d = f->priv;

	return __atomic_load_n(&d->count, __ATOMIC_RELAXED) ? events & (TS_POLLIN | TS_POLLRDNORM) : 0;
}

static void tfd_release(struct ts_file *f)
{
	struct tfd *d = f->priv;

	ts_tick_timer_remove(&d->timer);
	free(d);
}

static const struct ts_file_ops tfd_ops = {
	.read = tfd_read, .poll = tfd_poll, .stat = ev_anon_stat, .release = tfd_release,
	.seek_zero = 1,
};

/* The clock a timerfd may use, as lib/posix-time names it; -1 for others.
 * The alarm clocks are their plain kin: there is no suspend to wake from. */
static int tfd_clock(int clk)
{
	switch (clk) {
	case TS_CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
		return TS_CLOCK_REALTIME;
	case TS_CLOCK_MONOTONIC:
		return TS_CLOCK_MONOTONIC;
	case TS_CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return TS_CLOCK_BOOTTIME;
	default:
		return -1;
	}
}

TS_SYSCALL_DEFINE2(timerfd_create, "dx:d", int, clk, int, flags)
{
	struct tfd *d;
	struct ts_file *f;
	int fd;

	if (tfd_clock(clk) < 0 || (flags & ~(TS_O_CLOEXEC | TS_O_NONBLOCK)))
		return -EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->timer.fire = tfd_fire;
	d->clock = tfd_clock(clk);
	f = ts_file_new(&tfd_ops, d, TS_O_RDONLY | ((unsigned int)flags & TS_O_NONBLOCK));
	if (!f) {
		free(d);
		return -ENOMEM;
	}
	d->file = f;
	fd = ts_vfs_file_install(f, flags & TS_O_CLOEXEC);
	if (fd < 0)
		ts_file_put(f);
	return fd;
}

/* The timerfd behind fd, with a reference: -EBADF, or -EINVAL for
 * another kind of file, as Linux. */
static int tfd_get(int fd, struct ts_file **fp)
{
	struct ts_file *f;
	int r = ts_vfs_file_get(fd, &f);

	if (r)
		return r;
	if (f->ops != &tfd_ops) {
		ts_file_put(f);
		return -EINVAL;
	}
	*fp = f;
	return 0;
}

/* The setting as timerfd_gettime reports it; in a critical section. */
static void tfd_current(const struct tfd *d, struct kitimerspec *v)
{
	ts_posix_ns_timespec(d->timer.interval, &v->interval);
	ts_posix_ns_timespec(ts_tick_timer_left(&d->timer), &v->value);
}

/* TFD_TIMER_CANCEL_ON_SET is accepted and never fires: nobody can set
 * the wall clock here (clock_settime is EPERM). */
TS_SYSCALL_DEFINE4(timerfd_settime, "dxpp:d", int, fd, int, flags, const struct kitimerspec *, nv,
		   struct kitimerspec *, ov)
{
	struct ts_file *f;
	struct kitimerspec n, old;
	int r;

	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	r = tfd_get(fd, &f);
	if (r)
		return r;
	if (!ts_user_ok(nv, sizeof(*nv), 0) || (ov && !ts_user_ok(ov, sizeof(*ov), 1))) {
		ts_file_put(f);
		return -EFAULT;
	}
	n = *nv;
	if (!ts_posix_timespec_ok(&n.value) || !ts_posix_timespec_ok(&n.interval)) {
		ts_file_put(f);
		return -EINVAL;
	}
	struct tfd *d = f->priv;
	uint64_t value = ts_posix_timespec_ns(&n.value);
	/* Disarmed first, so no expiration of the old setting can come after
	 * the count is forgotten, as Linux forgets it on a new setting. */
	ts_sched_atomic_begin();
	tfd_current(d, &old);
	ts_tick_timer_remove(&d->timer);
	d->count = 0;
	ts_sched_atomic_end();
	/* A zero value disarms, absolute or not. */
	r = ts_tick_timer_set(&d->timer, d->clock, value, ts_posix_timespec_ns(&n.interval),
			      value && (flags & TFD_TIMER_ABSTIME));
	ts_file_put(f);
	if (!r && ov)
		*ov = old;
	return r;
}

TS_SYSCALL_DEFINE2(timerfd_gettime, "dp:d", int, fd, struct kitimerspec *, cur)
{
	struct ts_file *f;
	struct kitimerspec v;
	int r = tfd_get(fd, &f);

	if (r)
		return r;
	if (!ts_user_ok(cur, sizeof(*cur), 1)) {
		ts_file_put(f);
		return -EFAULT;
	}
	ts_sched_atomic_begin();
	tfd_current(f->priv, &v);
	ts_sched_atomic_end();
	ts_file_put(f);
	*cur = v;
	return 0;
}
