/* Platform contract: clocks. */
#ifndef TS_PLAT_TIME_H
#define TS_PLAT_TIME_H

#include <stdint.h>

/* TSC value read by the first instruction of the kernel. */
uint64_t ts_plat_boot_tsc(void);

/*
 * TSC frequency in Hz. Taken from the hypervisor's CPUID timing leaf or
 * CPUID leaf 0x15 when present, otherwise measured once against the PIT
 * (about 10 ms, on first use). Never 0.
 */
uint64_t ts_plat_tsc_hz(void);

/* Convert a TSC delta to nanoseconds. */
uint64_t ts_plat_tsc_to_ns(uint64_t ticks);

/* Monotonic nanoseconds since the kernel's first instruction. */
uint64_t ts_plat_monotonic_ns(void);

/*
 * Wall-clock time: nanoseconds since 1970-01-01 00:00 UTC, or -errno when
 * the platform has no clock. On QEMU it is read from the CMOS RTC once
 * (whole seconds) and carried forward with the TSC; on tvm it is the
 * monitor's CLOCK_REALTIME.
 */
int64_t ts_plat_wallclock_ns(void);

/*
 * Block the VM until ts_plat_monotonic_ns() >= deadline_ns. Without a
 * scheduler this stops everything: on tvm the vCPU sleeps in the monitor
 * (no host CPU used); on QEMU/KVM, until timer interrupts exist, it spins.
 */
void ts_plat_wait_until(uint64_t deadline_ns);

/*
 * Timer interrupts for preemption. ts_plat_timer_enable starts delivering
 * them to CPL-3 code: 0, or -ENOSYS where the platform cannot (tvm today,
 * TCG). ts_plat_timer_arm programs the one-shot timer for deadline_ns
 * (monotonic time); the interrupt then reaches ts_arch_preempt_set's hook.
 */
int ts_plat_timer_enable(void);
void ts_plat_timer_arm(uint64_t deadline_ns);

#endif
