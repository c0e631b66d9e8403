/* time.h: wall-clock and monotonic time. */
#ifndef _NOLIBC_TIME_H
#define _NOLIBC_TIME_H

#include <stdint.h>

typedef int64_t time_t;
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

/* Seconds since 1970-01-01 UTC (also stored in *t when t is not NULL);
 * (time_t)-1 with errno set when the platform has no wall clock. */
time_t time(time_t *t);

/* CLOCK_REALTIME or CLOCK_MONOTONIC into *ts: 0, or -1 with errno EINVAL
 * (other clocks) or the platform's error. */
int clock_gettime(clockid_t clock, struct timespec *ts);

#endif
