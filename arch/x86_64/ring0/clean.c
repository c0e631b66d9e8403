/* clean.c: ring 0 — which 2 MiB pages of RAM were never written (CLEAN privcall), so zeroing them can be skipped.
 * Runs at CPL 0 (emulated on nested hosts): general registers only, no
 * red zone (see the build flags for ring0/). Reads page tables only. */
#include <stdint.h>
#include <ts/arch/layout.h>
#include "pte.h"

#define RING0 __attribute__((section(".ring0.text.clean")))
#define MIB2 0x200000ull

/*
 * arg = a 2 MiB-aligned address. Bit i of the result is set when the
 * 2 MiB region at arg + i * 2 MiB (i < 63: the result stays positive) is RAM mapped as one 2 MiB
 * user page whose dirty bit is clear: no one wrote it since boot, and RAM
 * starts zeroed, so it still reads as zeros. (Ring 0 maps RAM above 4 GiB
 * with the dirty bit clear; the CPU sets it at the first write.) Any
 * other region — small pages, not mapped, written — gives 0: the caller
 * then zeroes it the slow way. Never an error.
 */
RING0 long ts_ring0_clean(uint64_t arg)
{
	uint64_t va = arg & ~(MIB2 - 1), cr3, mask = 0;
	if (va < (uintptr_t)__ts_image_end || va >= (1ull << 39))
		return 0;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t l4 = ring0_table(cr3)[(va >> 39) & 511];
	if ((l4 & (PTE_P | PTE_PS)) != PTE_P)
		return 0;
	for (unsigned int i = 0; i < 63 && va + ((uint64_t)i << 21) < (1ull << 39); i++) {
		uint64_t a = va + ((uint64_t)i << 21);
		uint64_t l3 = ring0_table(l4)[(a >> 30) & 511];
		if ((l3 & (PTE_P | PTE_PS)) != PTE_P)
			continue;
		uint64_t pde = ring0_table(l3)[(a >> 21) & 511];
		const uint64_t want = PTE_P | PTE_US | PTE_PS;
		if ((pde & (want | PTE_D | PTE_MMIO | PTE_PCD | PTE_PWT)) == want)
			mask |= 1ull << i;
	}
	return (long)mask;
}
