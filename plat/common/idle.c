/* idle.c: block until shortly before a deadline, then spin to it; stop requests are checked meanwhile. */
#include <ts/arch/cpu.h>
#include <ts/idle.h>
#include <ts/plat/time.h>
#include <ts/stop.h>

/* A long wait is cut into blocks of at most this, so that a stop request
 * (which raises no interrupt) is seen within it. */
#define STOP_POLL_NS 100000000ull

void ts_idle_until(uint64_t deadline_ns, uint64_t early_ns, int (*block)(uint64_t until_ns))
{
	static int cannot_block;
	for (uint64_t now; (now = ts_plat_monotonic_ns()) < deadline_ns;) {
		if (ts_stop_check())
			return; /* a thread was interrupted: the scheduler runs it */
		if (!cannot_block && deadline_ns - now > early_ns) {
			uint64_t until = deadline_ns - early_ns;
			if (until - now > STOP_POLL_NS)
				until = now + STOP_POLL_NS;
			cannot_block = block(until) < 0;
		} else {
			ts_arch_pause();
		}
	}
}
