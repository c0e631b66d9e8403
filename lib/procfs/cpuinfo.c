/* cpuinfo.c: /proc/cpuinfo from CPUID, in Linux's layout (one processor). */
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/plat/time.h>
#include "procfs.h"

/* The flags programs test for (e.g. to pick SIMD code paths), with the
 * CPUID register and bit that reports each: leaf, register index
 * (0 eax .. 3 edx), bit. */
static const struct flag {
	const char *name;
	uint32_t leaf;
	unsigned char reg, bit;
} flags[] = {
	{ "fpu", 1, 3, 0 }, { "tsc", 1, 3, 4 }, { "msr", 1, 3, 5 }, { "pae", 1, 3, 6 },
	{ "cx8", 1, 3, 8 }, { "apic", 1, 3, 9 }, { "cmov", 1, 3, 15 }, { "clflush", 1, 3, 19 },
	{ "mmx", 1, 3, 23 }, { "fxsr", 1, 3, 24 }, { "sse", 1, 3, 25 }, { "sse2", 1, 3, 26 },
	{ "ht", 1, 3, 28 }, { "syscall", 0x80000001, 3, 11 }, { "nx", 0x80000001, 3, 20 },
	{ "pdpe1gb", 0x80000001, 3, 26 }, { "rdtscp", 0x80000001, 3, 27 }, { "lm", 0x80000001, 3, 29 },
	{ "pni", 1, 2, 0 }, { "pclmulqdq", 1, 2, 1 }, { "ssse3", 1, 2, 9 }, { "fma", 1, 2, 12 },
	{ "cx16", 1, 2, 13 }, { "sse4_1", 1, 2, 19 }, { "sse4_2", 1, 2, 20 }, { "x2apic", 1, 2, 21 },
	{ "movbe", 1, 2, 22 }, { "popcnt", 1, 2, 23 }, { "tsc_deadline_timer", 1, 2, 24 },
	{ "aes", 1, 2, 25 }, { "xsave", 1, 2, 26 }, { "avx", 1, 2, 28 }, { "f16c", 1, 2, 29 },
	{ "rdrand", 1, 2, 30 }, { "hypervisor", 1, 2, 31 }, { "lahf_lm", 0x80000001, 2, 0 },
	{ "abm", 0x80000001, 2, 5 }, { "fsgsbase", 7, 1, 0 }, { "bmi1", 7, 1, 3 }, { "avx2", 7, 1, 5 },
	{ "bmi2", 7, 1, 8 }, { "erms", 7, 1, 9 }, { "avx512f", 7, 1, 16 }, { "rdseed", 7, 1, 18 },
	{ "adx", 7, 1, 19 }, { "sha_ni", 7, 1, 29 },
};

void pf_cpuinfo(struct pf_text *t)
{
	uint32_t r[4], max, maxext;
	char vendor[13], model[49];

	ts_arch_cpuid(0, 0, r);
	max = r[0];
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = 0;
	ts_arch_cpuid(0x80000000, 0, r);
	maxext = r[0];
	model[0] = 0;
	if (maxext >= 0x80000004) {
		for (uint32_t i = 0; i < 3; i++) {
			ts_arch_cpuid(0x80000002 + i, 0, r);
			memcpy(model + 16 * i, r, 16);
		}
		model[48] = 0;
	}
	ts_arch_cpuid(1, 0, r);
	unsigned int family = (r[0] >> 8) & 0xf, mod = (r[0] >> 4) & 0xf;
	if (family == 0xf)
		family += (r[0] >> 20) & 0xff;
	if (family >= 6)
		mod += ((r[0] >> 16) & 0xf) << 4;
	uint64_t khz = ts_plat_tsc_hz() / 1000;

	const char *m = model;
	while (*m == ' ')
		m++;
	pf_printf(t, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		     "model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\n"
		     "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		     "fpu\t\t: yes\nflags\t\t:",
		  vendor, family, mod, m, r[0] & 0xf, (unsigned long)(khz / 1000),
		  (unsigned long)(khz % 1000));
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		uint32_t leaf = flags[i].leaf;
		if ((leaf < 0x80000000 && leaf > max) || (leaf >= 0x80000000 && leaf > maxext))
			continue;
		ts_arch_cpuid(leaf, 0, r);
		if (r[flags[i].reg] & (1u << flags[i].bit))
			pf_printf(t, " %s", flags[i].name);
	}
	pf_printf(t, "\nclflush size\t: 64\ncache_alignment\t: 64\naddress sizes\t: 46 bits physical, 48 bits virtual\n\n");
}
