/* Architecture contract: CPU primitives usable at CPL 3 (IOPL 3 is granted). */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

/* Time-stamp counter (RDTSC; not serializing). */
static inline uint64_t ts_arch_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* CPUID leaf/subleaf into r[0..3] = eax, ebx, ecx, edx. */
static inline void ts_arch_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

/* Port I/O: allowed at CPL 3 because the boot code sets IOPL 3. */
static inline void ts_arch_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t ts_arch_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void ts_arch_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t ts_arch_inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void ts_arch_outsb(uint16_t port, const void *buf, unsigned long n)
{
	__asm__ volatile("rep outsb" : "+S"(buf), "+c"(n) : "d"(port) : "memory");
}

static inline void ts_arch_pause(void)
{
	__asm__ volatile("pause");
}

/* Whether the CPU has RDRAND (CPUID.1:ECX bit 30) / RDSEED (CPUID.7.0:EBX
 * bit 18). Each asks CPUID (a VM exit on some hosts): call them once. */
static inline int ts_arch_has_rdrand(void)
{
	uint32_t r[4];

	ts_arch_cpuid(1, 0, r);
	return (r[2] >> 30) & 1;
}

static inline int ts_arch_has_rdseed(void)
{
	uint32_t r[4];

	ts_arch_cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	ts_arch_cpuid(7, 0, r);
	return (r[1] >> 18) & 1;
}

/* One RDRAND / RDSEED: 1 with *v set, 0 when the CPU had no value ready
 * (CF clear: retry a bounded number of times). Only where the matching
 * ts_arch_has_* says the instruction exists (#UD otherwise). */
static inline int ts_arch_rdrand64(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static inline int ts_arch_rdseed64(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

#endif
