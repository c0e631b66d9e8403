/* time.c: the clock behind file times. */
#include <ts/plat/time.h>
#include "vfs_private.h"

void ts_vfs_now(struct ts_timespec *ts)
{
	int64_t ns = ts_plat_wallclock_ns();

	if (ns < 0)
		ns = (int64_t)ts_plat_monotonic_ns(); /* no wall clock: time since boot */
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
}
