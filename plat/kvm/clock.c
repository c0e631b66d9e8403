/* clock.c: TSC-based clock. The TSC frequency comes from kvmclock (registered
 * on first use through a privcall) or CPUID, and is otherwise measured on the
 * PIT. */
#include <ts/arch/cpu.h>
#include <ts/arch/privcall.h>
#include <ts/idle.h>
#include <ts/plat/time.h>
#include "pvh.h"

#define PIT_HZ 1193182u
#define PIT_TICKS 11932u /* 10 ms */

/* KVM's pvclock_vcpu_time_info, kept up to date by KVM once registered. */
struct pvclock {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
};
static struct pvclock ts_kvmclock __attribute__((aligned(32)));

static uint64_t tsc_hz;

/* ns = ((ticks << shift) * mul) >> 32, so hz = 10^9 * 2^32 / mul / 2^shift. */
static uint64_t tsc_hz_from_kvmclock(void)
{
	volatile struct pvclock *c = &ts_kvmclock;
	if (ts_arch_privcall(TS_PRIVCALL_KVMCLOCK, (uintptr_t)&ts_kvmclock) < 0 || !c->tsc_to_system_mul)
		return 0;
	uint64_t hz = (1000000000ULL << 32) / c->tsc_to_system_mul;
	return c->tsc_shift >= 0 ? hz >> c->tsc_shift : hz << -c->tsc_shift;
}

/* Hypervisor timing leaf (VMware convention, also offered by QEMU). */
static uint64_t tsc_hz_from_cpuid(void)
{
	uint32_t r[4];
	ts_arch_cpuid(0x40000000, 0, r);
	if (r[0] >= 0x40000010 && r[0] < 0x40010000) {
		ts_arch_cpuid(0x40000010, 0, r);
		if (r[0])
			return (uint64_t)r[0] * 1000;
	}
	return 0;
}

static uint16_t pit_read(void)
{
	ts_arch_outb(0x43, 0x00); /* latch channel 0 */
	uint8_t lo = ts_arch_inb(0x40);
	return (uint16_t)(ts_arch_inb(0x40) << 8 | lo);
}

/* Count TSC ticks while PIT channel 0 (rate generator, full period) counts
 * 10 ms down. Needs no speaker port, so it works on -M microvm too. */
static uint64_t tsc_hz_from_pit(void)
{
	ts_arch_outb(0x43, 0x34);
	ts_arch_outb(0x40, 0xff);
	ts_arch_outb(0x40, 0xff);
	uint16_t start = pit_read(), last = start;
	uint64_t t0 = ts_arch_rdtsc(), elapsed = 0;
	for (unsigned long spins = 0; elapsed < PIT_TICKS && spins < 10000000; spins++) {
		uint16_t now = pit_read();
		elapsed += (uint16_t)(last - now);
		last = now;
	}
	uint64_t t1 = ts_arch_rdtsc();
	if (elapsed < PIT_TICKS)
		return 1000000000; /* no PIT: assume 1 GHz rather than divide by 0 */
	return (t1 - t0) * PIT_HZ / elapsed;
}

uint64_t ts_plat_tsc_hz(void)
{
	if (!tsc_hz) {
		uint64_t hz = tsc_hz_from_kvmclock();
		if (!hz)
			hz = tsc_hz_from_cpuid();
		tsc_hz = hz ? hz : tsc_hz_from_pit();
	}
	return tsc_hz;
}

uint64_t ts_plat_boot_tsc(void)
{
	return ts_kvm_boot_tsc;
}


/* TSC value at monotonic time ns. */
static uint64_t tsc_at(uint64_t ns)
{
	uint64_t hz = ts_plat_tsc_hz();
	return ts_kvm_boot_tsc + ns / 1000000000u * hz + ns % 1000000000u * hz / 1000000000u;
}

/* Halt in ring 0 until the APIC's TSC-deadline timer fires: one privcall
 * per wait, no periodic tick. TCG has no such timer: ts_idle_until spins. */
static int halt_until(uint64_t until_ns)
{
	return (int)ts_arch_privcall(TS_PRIVCALL_IDLE, tsc_at(until_ns));
}

void ts_plat_wait_until(uint64_t deadline_ns)
{
	ts_idle_until(deadline_ns, 150000, halt_until); /* a halt wakes ~100 us late */
}

int ts_plat_timer_enable(void)
{
	return (int)ts_arch_privcall(TS_PRIVCALL_TIMER_ON, 0);
}

void ts_plat_timer_arm(uint64_t deadline_ns)
{
	ts_arch_privcall(TS_PRIVCALL_TIMER_ARM, deadline_ns ? tsc_at(deadline_ns) : 0);
}
