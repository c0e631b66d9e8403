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

/* A timer's timespec: 1 when both fields are in range (tv_sec >= 0,
 * 0 <= tv_nsec < 1e9), else 0 (the call's -EINVAL). */
int ts_posix_timespec_ok(const struct ts_ktimespec *t);

/* A checked timespec in ns, capped at UINT64_MAX / 4 (never reached, and
 * room to add a clock reading); and back. */
uint64_t ts_posix_timespec_ns(const struct ts_ktimespec *t);
void ts_posix_ns_timespec(uint64_t ns, struct ts_ktimespec *t);

/*
 * A timer of another library's (lib/posix-event's timerfd), fired by the
 * thread that fires the POSIX timers: when it is due, fire(t, n) runs in a
 * critical section (it must not block) with n >= 1, the expirations since
 * the last call. The fields are lib/posix-time's; zero-initialise.
 */
struct ts_tick_timer {
	void (*fire)(struct ts_tick_timer *t, uint64_t n);
	uint64_t deadline;  /* monotonic ns of the next expiration; 0: disarmed */
	uint64_t interval;  /* ns; 0: one shot */
	struct ts_tick_timer *next;
};

/*
 * Arm t to expire at value ns from now, or, when absolute, when clock clk
 * (one ts_posix_clock_sleepable accepts) reads value, then every interval
 * ns (0: once). A relative value of 0 disarms it. Returns 0, or the
 * negative errno of starting the timer thread (-ENOMEM).
 */
int ts_tick_timer_set(struct ts_tick_timer *t, int clk, uint64_t value, uint64_t interval, int absolute);

/* Nanoseconds until t's next expiration: 0 when disarmed, at least 1
 * while armed. */
uint64_t ts_tick_timer_left(const struct ts_tick_timer *t);

/* Disarm t for good (before its memory goes). */
void ts_tick_timer_remove(struct ts_tick_timer *t);

#endif
