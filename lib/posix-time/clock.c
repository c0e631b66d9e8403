/* clock.c: clock_gettime, clock_getres, clock_settime, gettimeofday, settimeofday, time — the clocks a program can read. */
#include <errno.h>
#include <stddef.h>
#include <ts/plat/time.h>
#include <ts/posix_thread.h>
#include <ts/posix_time.h>
#include <ts/sched.h>
#include <ts/syscall.h>

#define NSEC 1000000000ull

static uint64_t wall_ns(void)
{
	int64_t ns = ts_plat_wallclock_ns();
	/* No wall clock on this platform: time since boot, which at least
	 * moves forward (documented in docs/posix-time.md). */
	return ns < 0 ? ts_plat_monotonic_ns() : (uint64_t)ns;
}

/* Time this instance's threads have run: everything but the idle waits. */
static uint64_t process_cpu_ns(void)
{
	uint64_t now = ts_plat_monotonic_ns(), idle = ts_sched_idle_ns();
	return idle < now ? now - idle : 0;
}

/* A CPU-time clock id (negative): the process's or one thread's. */
static int cpu_clock_ns(int clk, uint64_t *ns)
{
	int id = ~(clk >> 3); /* clk is negative: the shift is arithmetic */
	if ((clk & 3) == 3)
		return -EINVAL; /* the "fd" kind: dynamic posix clocks */
	if (clk & 4) {
		/* The caller's own id (which also binds it, see lib/posix-thread:
		 * thread 1 names main's thread only once it has asked). */
		if (id == ts_posix_gettid())
			id = 0;
		struct ts_thread *t = id ? ts_posix_thread_find(id) : ts_thread_self();
		if (!t)
			return -EINVAL;
		*ns = ts_thread_cpu_ns(t);
		return 0;
	}
	if (id != 0 && id != 1)
		return -EINVAL; /* the instance is one process, pid 1 */
	*ns = process_cpu_ns();
	return 0;
}

int ts_posix_clock_ns(int clk, uint64_t *ns)
{
	switch (clk) {
	case TS_CLOCK_REALTIME:
	case TS_CLOCK_REALTIME_COARSE:
	case TS_CLOCK_TAI:
		*ns = wall_ns();
		return 0;
	case TS_CLOCK_MONOTONIC:
	case TS_CLOCK_MONOTONIC_RAW:
	case TS_CLOCK_MONOTONIC_COARSE:
	case TS_CLOCK_BOOTTIME:
		*ns = ts_plat_monotonic_ns();
		return 0;
	case TS_CLOCK_PROCESS_CPUTIME_ID:
		*ns = process_cpu_ns();
		return 0;
	case TS_CLOCK_THREAD_CPUTIME_ID:
		*ns = ts_thread_cpu_ns(ts_thread_self());
		return 0;
	default:
		return clk < 0 ? cpu_clock_ns(clk, ns) : -EINVAL;
	}
}

int ts_posix_clock_sleepable(int clk)
{
	return clk == TS_CLOCK_REALTIME || clk == TS_CLOCK_MONOTONIC || clk == TS_CLOCK_BOOTTIME ||
	       clk == TS_CLOCK_TAI;
}

uint64_t ts_posix_clock_deadline(int clk, uint64_t at)
{
	uint64_t mono = ts_plat_monotonic_ns();
	if (clk == TS_CLOCK_MONOTONIC || clk == TS_CLOCK_BOOTTIME)
		return at;
	/* A wall clock: nobody can set it (clock_settime is EPERM), so its
	 * distance to the monotonic clock only drifts with the platform's. */
	uint64_t wall = wall_ns();
	if (at <= wall)
		return mono;
	uint64_t d = mono + (at - wall);
	return d < mono ? UINT64_MAX : d;
}

TS_SYSCALL_DEFINE2(clock_gettime, "dp:d", int, clk, struct ts_ktimespec *, tp)
{
	uint64_t ns;
	int r = ts_posix_clock_ns(clk, &ns);
	if (r < 0)
		return r;
	if (!ts_user_ok(tp, sizeof(*tp), 1))
		return -EFAULT;
	ts_posix_ns_timespec(ns, tp);
	return 0;
}

/* Every clock here counts in nanoseconds from the TSC, the coarse ones
 * included (they are the same reads): the resolution is 1 ns. */
TS_SYSCALL_DEFINE2(clock_getres, "dp:d", int, clk, struct ts_ktimespec *, res)
{
	uint64_t ns;
	int r = ts_posix_clock_ns(clk, &ns); /* validates the id */
	if (r < 0)
		return r;
	if (!res)
		return 0;
	if (!ts_user_ok(res, sizeof(*res), 1))
		return -EFAULT;
	res->tv_sec = 0;
	res->tv_nsec = 1;
	return 0;
}

TS_SYSCALL_DEFINE2(clock_settime, "dp:d", int, clk, const struct ts_ktimespec *, tp)
{
	uint64_t ns;
	int r = ts_posix_clock_ns(clk, &ns);
	if (r < 0)
		return r;
	if (!ts_user_ok(tp, sizeof(*tp), 0))
		return -EFAULT;
	if (!ts_posix_timespec_ok(tp))
		return -EINVAL;
	/* Only the wall clock is settable on Linux, and only with a privilege
	 * the program does not have here: the host owns the time. */
	return clk == TS_CLOCK_REALTIME ? -EPERM : -EINVAL;
}

struct ts_ktimezone {
	int tz_minuteswest;
	int tz_dsttime;
};

TS_SYSCALL_DEFINE2(gettimeofday, "pp:d", struct ts_ktimeval *, tv, struct ts_ktimezone *, tz)
{
	if (tv && !ts_user_ok(tv, sizeof(*tv), 1))
		return -EFAULT;
	if (tz && !ts_user_ok(tz, sizeof(*tz), 1))
		return -EFAULT;
	if (tv) {
		uint64_t ns = wall_ns();
		tv->tv_sec = (int64_t)(ns / NSEC);
		tv->tv_usec = (int64_t)(ns % NSEC / 1000);
	}
	if (tz) {
		tz->tz_minuteswest = 0; /* UTC, as the instance has no time zone */
		tz->tz_dsttime = 0;
	}
	return 0;
}

TS_SYSCALL_DEFINE2(settimeofday, "pp:d", const struct ts_ktimeval *, tv, const struct ts_ktimezone *, tz)
{
	if (tv && !ts_user_ok(tv, sizeof(*tv), 0))
		return -EFAULT;
	if (tz && !ts_user_ok(tz, sizeof(*tz), 0))
		return -EFAULT;
	if (tv && (tv->tv_usec < 0 || tv->tv_usec >= 1000000 || tv->tv_sec < 0))
		return -EINVAL;
	return -EPERM;
}

TS_SYSCALL_DEFINE1(time, "p:l", int64_t *, tloc)
{
	if (tloc && !ts_user_ok(tloc, sizeof(*tloc), 1))
		return -EFAULT;
	int64_t t = (int64_t)(wall_ns() / NSEC);
	if (tloc)
		*tloc = t;
	return t;
}

int ts_posix_timespec_ok(const struct ts_ktimespec *t)
{
	return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < (int64_t)NSEC;
}

uint64_t ts_posix_timespec_ns(const struct ts_ktimespec *t)
{
	uint64_t s = (uint64_t)t->tv_sec;
	uint64_t cap = UINT64_MAX / 4; /* far beyond any deadline, with room to add */

	return s > cap / NSEC ? cap : s * NSEC + (uint64_t)t->tv_nsec;
}

void ts_posix_ns_timespec(uint64_t ns, struct ts_ktimespec *t)
{
	t->tv_sec = (int64_t)(ns / NSEC);
	t->tv_nsec = (int64_t)(ns % NSEC);
}
