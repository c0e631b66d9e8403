/*
 * time.c: the "time" area — clocks, their resolution and monotonicity,
 * sleeps (how long they take, within wide bounds that hold on an emulator
 * too) and the error numbers of bad clocks and bad times.
 */
#include "suite.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* "ms >= lo and < hi": slept at least as asked, and not absurdly long
 * (hi is wide: TCG is slow and the host may be busy). */
static void elapsed(const char *what, int64_t t0, long lo_ms, long hi_ms)
{
	int64_t d = now_ns() - t0;
	if (d >= lo_ms * 1000000 && d < hi_ms * 1000000)
		say(what, "between %ld and %ld ms", lo_ms, hi_ms);
	else
		say(what, "out of range: %lld us", (long long)(d / 1000));
}

static void clocks(void)
{
	static const struct { clockid_t id; const char *name; } ids[] = {
		{ CLOCK_REALTIME, "CLOCK_REALTIME" }, { CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
		{ CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID" },
		{ CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID" },
		{ CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" }, { CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE" },
		{ CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" }, { CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
	};
	char what[80];
	struct timespec t, r;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		snprintf(what, sizeof what, "clock_gettime %s", ids[i].name);
		t.tv_nsec = -1;
		ck(what, clock_gettime(ids[i].id, &t));
		snprintf(what, sizeof what, "%s tv_nsec in [0, 1e9)", ids[i].name);
		yes(what, t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
		snprintf(what, sizeof what, "clock_getres %s", ids[i].name);
		ck(what, clock_getres(ids[i].id, &r));
		snprintf(what, sizeof what, "%s resolution <= 10 ms", ids[i].name);
		yes(what, r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 10000000);
	}
	ck("clock_gettime clock 99", clock_gettime(99, &t));
	ck("clock_gettime clock -1", clock_gettime(-1, &t));
	ck("clock_getres clock 99", clock_getres(99, &t));
	ck("clock_getres with NULL", clock_getres(CLOCK_MONOTONIC, NULL));
	ck("clock_gettime to a wild pointer (raw)", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8));
	ck("clock_settime CLOCK_MONOTONIC", clock_settime(CLOCK_MONOTONIC, &t));

	clock_gettime(CLOCK_REALTIME, &t);
	yes("CLOCK_REALTIME after 2024-01-01", t.tv_sec > 1704067200);
	time_t tt = 0, tr = time(&tt);
	yes("time() returns what it stores", tr == tt);
	yes("time() agrees with CLOCK_REALTIME (+-2 s)", tr >= t.tv_sec - 2 && tr <= t.tv_sec + 2);
	struct timeval tv;
	ck("gettimeofday", gettimeofday(&tv, NULL));
	yes("tv_usec in [0, 1e6)", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	yes("gettimeofday agrees with time() (+-2 s)", tv.tv_sec >= tr - 2 && tv.tv_sec <= tr + 2);
	struct timezone tz;
	ck("gettimeofday with a timezone", gettimeofday(&tv, &tz));

	int mono_ok = 1;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 10000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (ts_ns(&b) < ts_ns(&a))
			mono_ok = 0;
		a = b;
	}
	yes("CLOCK_MONOTONIC never goes back (10,000 reads)", mono_ok);
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_BOOTTIME, &b);
	yes("CLOCK_BOOTTIME >= CLOCK_MONOTONIC", ts_ns(&b) >= ts_ns(&a));

	/* CPU time grows while the program computes */
	struct timespec c0, c1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	volatile unsigned long sink = 0;
	int64_t t0 = now_ns();
	while (now_ns() - t0 < 30000000)
		sink++;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	yes("process CPU time grows over 30 ms of work", ts_ns(&c1) > ts_ns(&c0));
	struct rusage ru;
	ck("getrusage RUSAGE_SELF", getrusage(RUSAGE_SELF, &ru));
	ck("getrusage who=99", getrusage(99, &ru));
	struct tms tm;
	yes("times() is not -1", times(&tm) != (clock_t)-1);
	ck("sysconf(_SC_CLK_TCK)", sysconf(_SC_CLK_TCK));
}

static void sleeps(void)
{
	struct timespec t = { 0, 20000000 }, rem = { 7, 7 };
	int64_t t0 = now_ns();
	ck("nanosleep 20 ms", nanosleep(&t, &rem));
	elapsed("it took", t0, 20, 2000);
	t = (struct timespec){ 0, 0 };
	ck("nanosleep 0", nanosleep(&t, NULL));
	t = (struct timespec){ 0, 1000000000 };
	ck("nanosleep tv_nsec = 1e9", nanosleep(&t, NULL));
	t = (struct timespec){ -1, 0 };
	ck("nanosleep tv_sec = -1", nanosleep(&t, NULL));
	t = (struct timespec){ 0, -1 };
	ck("nanosleep tv_nsec = -1", nanosleep(&t, NULL));
	ck("nanosleep of a wild pointer (raw)", syscall(SYS_nanosleep, (void *)8, NULL));

	t = (struct timespec){ 0, 20000000 };
	t0 = now_ns();
	ckerr("clock_nanosleep CLOCK_MONOTONIC 20 ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &t, NULL));
	elapsed("it took", t0, 20, 2000);
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 30000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_nsec -= 1000000000;
		abs.tv_sec++;
	}
	t0 = now_ns();
	ckerr("clock_nanosleep TIMER_ABSTIME now+30 ms", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
	elapsed("it took", t0, 25, 2000);
	abs.tv_sec -= 10;
	t0 = now_ns();
	ckerr("clock_nanosleep TIMER_ABSTIME in the past", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
	elapsed("it took", t0, 0, 1000);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec = 0;
	abs.tv_sec += 1;
	ckerr("clock_nanosleep CLOCK_REALTIME absolute, next second", clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL));
	struct timespec after;
	clock_gettime(CLOCK_REALTIME, &after);
	yes("CLOCK_REALTIME reached the deadline", ts_ns(&after) >= ts_ns(&abs));
	ckerr("clock_nanosleep clock 99", clock_nanosleep(99, 0, &t, NULL));
	ckerr("clock_nanosleep CLOCK_THREAD_CPUTIME_ID", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &t, NULL));
	t0 = now_ns();
	ck("usleep 10000", usleep(10000));
	elapsed("it took", t0, 10, 2000);
	ck("sleep(0)", sleep(0));
	ck("sched_yield (raw)", syscall(SYS_sched_yield));
}

void area_time(void)
{
	clocks();
	sleeps();
}
