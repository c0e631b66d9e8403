/* tsc.c: the TSC-based clock both platforms share; each supplies the TSC
 * frequency and the TSC at entry (ts_plat_tsc_hz, ts_plat_boot_tsc). */
#include <ts/arch/cpu.h>
#include <ts/plat/time.h>

uint64_t ts_plat_tsc_to_ns(uint64_t ticks)
{
	uint64_t hz = ts_plat_tsc_hz(); /* split so nothing overflows for hz < 2^34 */
	return ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz;
}

uint64_t ts_plat_monotonic_ns(void)
{
	return ts_plat_tsc_to_ns(ts_arch_rdtsc() - ts_plat_boot_tsc());
}
