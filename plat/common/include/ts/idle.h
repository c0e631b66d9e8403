/* plat/common: waiting for a deadline with a platform's blocking primitive. */
#ifndef TS_IDLE_H
#define TS_IDLE_H

#include <stdint.h>

/*
 * Wait until ts_plat_monotonic_ns() >= deadline_ns. Blocks with
 * block(until_ns) until early_ns before the deadline — waking from a
 * blocked vCPU takes tens of microseconds on nested hosts — and spins the
 * rest, so wake-ups are both cheap and punctual. block returns 0, or a
 * negative value when it cannot block at all (then this spins throughout,
 * and never calls it again). Meanwhile it polls for the host's stop
 * request (ts_stop_check, at least every 100 ms) and returns early when
 * that interrupted a thread.
 */
void ts_idle_until(uint64_t deadline_ns, uint64_t early_ns, int (*block)(uint64_t until_ns));

#endif
