/* ramhigh.c: ring 0 — map the RAM above 4 GiB (MAP_RAM_HIGH privcall), its page directories in its own first 2 MiB.
 * Runs at CPL 0 (emulated on nested hosts): general registers only, no
 * red zone (see the build flags for ring0/). About 512 stores per GiB. */
#include <stdint.h>
#include "pte.h"

#define RING0 __attribute__((section(".ring0.text.ramhigh")))
#define MIB2 0x200000ull
#define GIB4 0x100000000ull
#define EPERM 1
#define EINVAL 22

/* The boot PDPT (entry.S): entry g maps GiB g. */
extern uint64_t __ts_boot_pdpt[];

static unsigned char done RING0_BSS("ramhigh");

/*
 * end: the end of RAM above 4 GiB. The page directories cannot come from
 * the image (every image would grow by 4 KiB per GiB of the largest
 * machine) nor from RAM below 4 GiB (the initrd sits at its top), so they
 * go in the first 2 MiB above 4 GiB, mapped supervisor-only. To write
 * them before they are mapped, ring 0 borrows the last 2 MiB below 4 GiB
 * as a window (the firmware's area, never RAM or a device page of ours
 * when there is RAM above 4 GiB; refused if mapped), then removes it.
 * Returns the bytes of RAM mapped for CPL 3 from 4 GiB + 2 MiB.
 */
RING0 long ts_ring0_map_ram_high(uint64_t end)
{
	end &= ~(MIB2 - 1);
	if (done)
		return -EPERM;
	if (end < GIB4 + 2 * MIB2 || end > (1ull << 39))
		return -EINVAL;
	uint64_t *pd3 = ring0_table(__ts_boot_pdpt[3]);
	if (!(__ts_boot_pdpt[3] & PTE_P) || (pd3[511] & PTE_P))
		return -EINVAL;
	done = 1;
	/* Accessed preset, dirty clear: the CPU sets it at the first write,
	 * which tells CLEAN (clean.c) that the region may hold data. */
	const uint64_t sup = PTE_P | PTE_RW | PTE_PS | PTE_A | PTE_NX;
	const uint64_t window = 0xffe00000ull;
	pd3[511] = GIB4 | sup;
	__asm__ volatile("invlpg (%0)" : : "r"(window) : "memory");
	uint64_t gibs = (end - GIB4 + (1ull << 30) - 1) >> 30;
	for (uint64_t g = 0; g < gibs; g++) {
		uint64_t *pd = (uint64_t *)(uintptr_t)(window + (g << 12));
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t a = GIB4 + (g << 30) + (i << 21);
			pd[i] = a >= end ? 0 : a == GIB4 ? a | sup : a | sup | PTE_US;
		}
	}
	for (uint64_t g = 0; g < gibs; g++)
		__ts_boot_pdpt[4 + g] = (GIB4 + (g << 12)) | PTE_P | PTE_RW | PTE_US;
	pd3[511] = 0;
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
	return (long)(end - GIB4 - MIB2);
}
