/* Architecture contract: privileged services for CPL-3 code (hlt -> #GP). */
#ifndef TS_ARCH_PRIVCALL_H
#define TS_ARCH_PRIVCALL_H

#include <stdint.h>

/*
 * Map RAM from 2 MiB (or, for an image ending above 2 MiB, from the end of
 * its last 2 MiB region, which boot mapped with the image) up to `end`
 * (exclusive, rounded up to 2 MiB, at most 4 GiB) as user read-write,
 * never executable. Allowed once, at boot:
 * returns 0, or -EPERM on a second call.
 */
#define TS_PRIVCALL_MAP_RAM 1

/*
 * Have KVM keep the 32-byte kvmclock structure at `arg` up to date. It must
 * be 32-byte aligned and lie in the image's .data or .bss. Returns 0,
 * -EINVAL for any other address, or -ENOSYS where the hypervisor is not KVM
 * or has no kvmclock.
 */
#define TS_PRIVCALL_KVMCLOCK 2

/*
 * Halt the vCPU until the TSC reaches `arg` (or an interrupt arrives), with
 * the local APIC's TSC-deadline timer. Returns 0 after waking, or -ENOSYS
 * when the CPU has no x2APIC or TSC-deadline timer.
 */
#define TS_PRIVCALL_IDLE 3

/*
 * Guard pages: arg = page address | 1 makes that page of user data (RW,
 * never executable, outside the image) not present, so touching it faults;
 * arg = page address | 0 undoes it. Returns 0, -EINVAL for any other page,
 * or -ENOMEM when ring 0 has no page table left to split a 2 MiB mapping
 * (each 2 MiB region with guard pages needs one; there are 8).
 */
#define TS_PRIVCALL_GUARD 4

/*
 * Preemption timer: TIMER_ON makes CPL-3 code run with interrupts enabled
 * (0, or -ENOSYS without an x2APIC TSC-deadline timer); TIMER_ARM programs
 * the timer for TSC value arg (0 cancels; -ENOSYS before TIMER_ON).
 * PREEMPT_RETURN resumes a whole register state: arg points at 18 words,
 * rax rbx rcx rdx rsi rdi rbp r8..r15 rip rflags rsp (the order
 * arch/x86_64/preempt_entry.S saves them in); ring 0 loads them and
 * returns to rip at CPL 3 (of rflags only the arithmetic flags, DF and
 * IF are taken; IOPL stays 3). It never
 * returns to its caller. Users: preempt_entry.S after a preemption, and
 * lib/posix-signal resuming a fault's context after its handler (the
 * caller restores the FPU/SSE state itself first).
 */
#define TS_PRIVCALL_TIMER_ON 5
#define TS_PRIVCALL_TIMER_ARM 6
#define TS_PRIVCALL_PREEMPT_RETURN 7

/* Interrupts on at CPL 3 for a timer the monitor injects (tvm): 0. */
#define TS_PRIVCALL_IRQ_ON 8

/* Enable XSAVE with the AVX state (CR4.OSXSAVE, XCR0 = 7): 0, or -ENOSYS
 * where the CPU lacks XSAVE or AVX. */
#define TS_PRIVCALL_XSAVE_ON 9

/*
 * Map a device's MMIO range for CPL-3 drivers: arg = physical page address
 * | (pages - 1), 1..512 pages inside one 2 MiB region below 4 GiB and above
 * the image. The pages are mapped at the same virtual address, user
 * read-write, never executable, uncached (PCD|PWT). A page that is already
 * mapped (RAM, the image) is refused; mapping the same device page again
 * is harmless. Returns 0, -EINVAL for a refused range, -ENOMEM when ring 0
 * has no page table left (there are 4), or -ENOSYS when the image was built
 * without CONFIG_ARCH_X86_64_MMIO (which device drivers select).
 */
#define TS_PRIVCALL_MAP_MMIO 10

/*
 * Set the %fs base (the thread pointer) to arg, for CPUs without
 * wrfsbase at CPL 3 (use ts_arch_set_tp, which picks the cheap way).
 * Returns 0, or -EINVAL for an address outside the user half.
 */
#define TS_PRIVCALL_SET_FSBASE 11

/*
 * Page rights for mmap/mprotect (ring0/protect.c, linked when a library
 * selects CONFIG_ARCH_X86_64_PROTECT, else -ENOSYS): arg = page address |
 * prot (bit 0 read, bit 1 write, bit 2 execute: Linux's PROT_* values),
 * arg2 = number of pages (1..2^27). Every page must be RAM outside the image
 * (above it, or below it but not page 0) that CPL-3 code may use as data:
 * present and user-accessible (never MMIO, a guard page, page tables or
 * ring-0 stacks), or made inaccessible by an earlier PROTECT. The pages become: prot 0 not present (touching
 * them faults); read only; read-write; executable and read-only (exec
 * with or without read). Never writable and executable: prot with both
 * bits is -EACCES. Returns 0 (all pages changed), -EINVAL (a page or the
 * range refused; nothing changed), -EACCES, or -ENOMEM when ring 0 lacks
 * the page tables to split 2 MiB pages (nothing changed; tables come back
 * once a 2 MiB region has one set of rights again).
 */
#define TS_PRIVCALL_PROTECT 12

/*
 * Map RAM above 4 GiB: arg = its end (exclusive; RAM from 4 GiB up to it
 * is mapped), rounded down to 2 MiB, at most 512 GiB. The last 2 MiB of
 * it become the page directories (supervisor only) and are not RAM for
 * the program: the platform leaves them out of the free regions. Once, at
 * boot, after MAP_RAM. Returns the bytes mapped for the program (from
 * 4 GiB), or -EPERM (a second call), -EINVAL (end below 4 GiB + 4 MiB).
 */
#define TS_PRIVCALL_MAP_RAM_HIGH 13

/*
 * Which 2 MiB pages were never written (ring0/clean.c, linked with
 * PROTECT, else -ENOSYS): arg = a 2 MiB-aligned address; bit i of the
 * result is set when the 2 MiB region at arg + i * 2 MiB (i < 63) is RAM
 * mapped as one 2 MiB user page that no one has written since boot (its
 * dirty bit is clear), so it reads as zeros. RAM above 4 GiB is mapped
 * that way; other regions give 0. Lets mmap skip zeroing fresh memory
 * without touching it (the host allocates guest RAM on first touch).
 */
#define TS_PRIVCALL_CLEAN 14

/* Privcalls and interrupts taken since boot (each is a trap into ring 0). */
extern volatile uint64_t ts_ring0_entries;

/*
 * Enter ring 0 for service `nr` with argument `arg`. Returns the service's
 * result (0 or -errno; -ENOSYS for an unknown service). Costs one trap:
 * tens of microseconds on nested hosts, so keep calls off hot paths.
 */
static inline long ts_arch_privcall(long nr, unsigned long arg)
{
	long ret;
	__asm__ volatile("hlt" /* faults into ring 0: arch/x86_64/ring0/privcall.S */
			 : "=a"(ret), "+D"(arg)
			 : "a"(nr)
			 : "rcx", "rdx", "rsi", "memory");
	return ret;
}

/* As ts_arch_privcall, for services with a second argument (in rsi). */
static inline long ts_arch_privcall2(long nr, unsigned long arg, unsigned long arg2)
{
	long ret;
	__asm__ volatile("hlt" /* faults into ring 0: arch/x86_64/ring0/privcall.S */
			 : "=a"(ret), "+D"(arg), "+S"(arg2)
			 : "a"(nr)
			 : "rcx", "rdx", "memory");
	return ret;
}

#endif
