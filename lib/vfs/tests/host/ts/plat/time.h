/* Host-test stand-in for <ts/plat/time.h>: the clocks, which the test defines. */
#ifndef TS_PLAT_TIME_H
#define TS_PLAT_TIME_H

#include <stdint.h>

uint64_t ts_plat_monotonic_ns(void);
int64_t ts_plat_wallclock_ns(void);

#endif
