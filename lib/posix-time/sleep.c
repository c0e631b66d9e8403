/* sleep.c: nanosleep and clock_nanosleep — sleeps that a signal interrupts (EINTR, with the time left). */
#include <errno.h>
#include <stddef.h>
#include <ts/plat/time.h>
#include <ts/posix_time.h>
#include <ts/sched.h>
#include <ts/syscall.h>

#define NSEC 1000000000ull

/* A valid timespec as nanoseconds (saturating), or -EINVAL. */
static int ts_to_ns(const struct ts_ktimespec *t, uint64_t *ns)
{
	if (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= (int64_t)NSEC)
		return -EINVAL;
	uint64_t s = (uint64_t)t->tv_sec;
	*ns = s > (UINT64_MAX - NSEC) / NSEC ? UINT64_MAX : s * NSEC + (uint64_t)t->tv_nsec;
	return 0;
}

/*
 * Sleep until monotonic time deadline: 0, or -EINTR when a signal for
 * this thread interrupted it (lib/posix-signal interrupts the wait; the
 * handler runs as the system call returns). Nobody else knows the queue,
 * so only the deadline or an interrupt ends the wait.
 */
static int sleep_until(uint64_t deadline)
{
	struct ts_waitq q = TS_WAITQ_INIT;
	if (deadline == 0)
		deadline = 1; /* 0 means "no deadline" to the wait */
	for (;;) {
		int r = ts_waitq_wait_intr(&q, deadline);
		if (r == -EINTR)
			return r;
		if (ts_plat_monotonic_ns() >= deadline)
			return 0;
	}
}

/* What is left of a relative sleep that ended early, into *rem. */
static long interrupted(uint64_t deadline, struct ts_ktimespec *rem)
{
	if (rem) {
		if (!ts_user_ok(rem, sizeof(*rem), 1))
			return -EFAULT;
		uint64_t now = ts_plat_monotonic_ns(), left = deadline > now ? deadline - now : 0;
		rem->tv_sec = (int64_t)(left / NSEC);
		rem->tv_nsec = (int64_t)(left % NSEC);
	}
	return -EINTR;
}

static uint64_t after(uint64_t ns)
{
	uint64_t now = ts_plat_monotonic_ns();
	return ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
}

TS_SYSCALL_DEFINE2(nanosleep, "pp:d", const struct ts_ktimespec *, req, struct ts_ktimespec *, rem)
{
	uint64_t ns;
	if (!ts_user_ok(req, sizeof(*req), 0))
		return -EFAULT;
	int r = ts_to_ns(req, &ns);
	if (r < 0)
		return r;
	uint64_t deadline = after(ns);
	return sleep_until(deadline) < 0 ? interrupted(deadline, rem) : 0;
}

/* Linux sleeps on the wall, monotonic and boot clocks, and on the CPU
 * clock of the process (not of a thread: EINVAL); the raw and coarse clocks
 * cannot time a sleep (EOPNOTSUPP). Sleeping on the process CPU clock is
 * not supported here (EOPNOTSUPP, see docs/posix-time.md). */
TS_SYSCALL_DEFINE4(clock_nanosleep, "dxpp:d", int, clk, int, flags, const struct ts_ktimespec *, req,
		   struct ts_ktimespec *, rem)
{
	uint64_t ns;
	if (flags & ~TS_TIMER_ABSTIME)
		return -EINVAL;
	if (clk == TS_CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	int r = ts_posix_clock_ns(clk, &ns);
	if (r < 0)
		return r;
	if (!ts_posix_clock_sleepable(clk))
		return -EOPNOTSUPP;
	if (!ts_user_ok(req, sizeof(*req), 0))
		return -EFAULT;
	if ((r = ts_to_ns(req, &ns)) < 0)
		return r;
	if (flags & TS_TIMER_ABSTIME)
		return sleep_until(ts_posix_clock_deadline(clk, ns)); /* no time left to report */
	uint64_t deadline = after(ns);
	return sleep_until(deadline) < 0 ? interrupted(deadline, rem) : 0;
}
