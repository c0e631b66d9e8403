/* lib/posix-time: the Linux time system calls — clocks, sleeps and timers — and the clock reading other libraries share. */
#ifndef TS_POSIX_TIME_H
#define TS_POSIX_TIME_H

#include <stdint.h>

/* The kernel's struct timespec and struct timeval on x86_64. */
struct ts_ktimespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};
struct ts_ktimeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* Clock ids (Linux's values). Negative ids are CPU-time clocks of a
 * process or thread: ~id >> 3 is the pid/tid (0: the caller), bit 2 says
 * thread, bits 0-1 the kind (2: scheduler time; 0 and 1, profiling and
 * virtual time, are read the same way here; 3 is invalid). */
#define TS_CLOCK_REALTIME 0
#define TS_CLOCK_MONOTONIC 1
#define TS_CLOCK_PROCESS_CPUTIME_ID 2
#define TS_CLOCK_THREAD_CPUTIME_ID 3
#define TS_CLOCK_MONOTONIC_RAW 4
#define TS_CLOCK_REALTIME_COARSE 5
#define TS_CLOCK_MONOTONIC_COARSE 6
#define TS_CLOCK_BOOTTIME 7
#define TS_CLOCK_TAI 11
#define TS_TIMER_ABSTIME 1

/*
 * Read clock clk in nanoseconds: 0 and *ns, or -EINVAL for an unknown
 * clock id or a CPU-time clock of a thread or process that does not exist.
 * MONOTONIC, MONOTONIC_RAW, MONOTONIC_COARSE and BOOTTIME are the same
 * count (since boot; the instance never suspends); REALTIME, its COARSE
 * variant and TAI are the platform's wall clock (TAI without the leap
 * second offset, as Linux until someone sets it), or the time since boot
 * on a platform without one.
 */
int ts_posix_clock_ns(int clk, uint64_t *ns);

/*
 * Nanoseconds of monotonic time at which clock clk (REALTIME, MONOTONIC,
 * BOOTTIME or their kin) will read `at`; for timers and absolute sleeps.
 * A time already passed gives a deadline now or earlier.
 */
uint64_t ts_posix_clock_deadline(int clk, uint64_t at);

/* 1 when clk can time a sleep or a timer (the wall and monotonic clocks),
 * 0 otherwise. */
int ts_posix_clock_sleepable(int clk);

#endif
