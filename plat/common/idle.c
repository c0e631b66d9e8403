/* idle.c: block until shortly before a deadline, then spin to it. */
#include <ts/arch/cpu.h>
#include <ts/idle.h>
#include <ts/plat/time.h>

void ts_idle_until(uint64_t deadline_ns, uint64_t early_ns, int (*block)(uint64_t until_ns))
{
	static int cannot_block;
	for (uint64_t now; (now = ts_plat_monotonic_ns()) < deadline_ns;) {
		if (!cannot_block && deadline_ns - now > early_ns)
			cannot_block = block(deadline_ns - early_ns) < 0;
		else
			ts_arch_pause();
	}
}
