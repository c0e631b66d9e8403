/* time.c: time() and clock_gettime() on the platform clocks. */
#include <errno.h>
#include <time.h>
#include <ts/plat/time.h>

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	int64_t ns;
	if (clock == CLOCK_MONOTONIC) {
		ns = (int64_t)ts_plat_monotonic_ns();
	} else if (clock == CLOCK_REALTIME) {
		ns = ts_plat_wallclock_ns();
		if (ns < 0) {
			errno = (int)-ns;
			return -1;
		}
	} else {
		errno = EINVAL;
		return -1;
	}
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = (long)(ns % 1000000000);
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;
	time_t s = clock_gettime(CLOCK_REALTIME, &ts) ? (time_t)-1 : ts.tv_sec;
	if (t)
		*t = s;
	return s;
}
