/* clock.c: TSC clock with the frequency tvm measured; wall clock by hypercall. */
#include <ts/errno.h>
#include <ts/arch/cpu.h>
#include <ts/arch/privcall.h>
#include <ts/plat/time.h>
#include <ts/idle.h>
#include <ts/tvm.h>
#include "tvm.h"

uint64_t ts_plat_boot_tsc(void)
{
	return ts_tvm_boot_tsc;
}

uint64_t ts_plat_tsc_hz(void)
{
	return ts_tvm_bootinfo->tsc_hz;
}


int64_t ts_plat_wallclock_ns(void)
{
	return ts_tvm_wallclock_ns();
}

int64_t ts_tvm_wallclock_ns(void)
{
	struct tvm_hc hc = { .nr = TVM_HC_WALLCLOCK };
	long r = ts_tvm_hypercall(&hc);
	return r < 0 ? r : (int64_t)hc.arg[0];
}

static int wait_until(uint64_t until_ns)
{
	uint64_t now = ts_plat_monotonic_ns();
	if (until_ns > now)
		ts_tvm_wait(until_ns - now);
	return 0;
}

void ts_plat_wait_until(uint64_t deadline_ns)
{
	ts_idle_until(deadline_ns, 100000, wait_until); /* a WAIT wakes ~80 us late */
}

/* Preemption timer: tvm raises TVM_TIMER_VECTOR when it expires; the
 * vCPU only has to take interrupts at CPL 3. */
int ts_plat_timer_enable(void)
{
	return (int)ts_arch_privcall(TS_PRIVCALL_IRQ_ON, 0);
}

void ts_plat_timer_arm(uint64_t deadline_ns)
{
	struct tvm_hc hc = { .nr = TVM_HC_TIMER };
	if (deadline_ns) {
		uint64_t now = ts_plat_monotonic_ns();
		hc.arg[0] = deadline_ns > now ? deadline_ns - now : 1;
	}
	ts_tvm_hypercall(&hc);
}
