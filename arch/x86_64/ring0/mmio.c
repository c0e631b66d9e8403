/* mmio.c: ring 0 — map a device's MMIO range for CPL-3 drivers, uncached.
 * Runs at CPL 0 (emulated on nested hosts): general registers only, no
 * red zone (see the build flags for ring0/), few instructions. */
#include <stdint.h>
#include <ts/arch/layout.h>
#include "pte.h"

#define TABLE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define POOL_PAGES 4
#define RING0 __attribute__((section(".ring0.text.mmio")))

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096))) RING0_BSS("mmio");
static unsigned int pool_used RING0_BSS("mmio");

/* The table *entry points to, hooking up a fresh (zeroed) pool page when
 * the entry is empty; NULL for a large page or an exhausted pool. */
RING0 static uint64_t *next_table(uint64_t *entry)
{
	if (*entry & PTE_P)
		return (*entry & PTE_PS) ? 0 : ring0_table(*entry);
	if (pool_used == POOL_PAGES)
		return 0;
	uint64_t *t = pool[pool_used++];
	*entry = (uintptr_t)t | TABLE_FLAGS;
	return t;
}

/*
 * arg = physical page address | (pages - 1): map that many pages (1..512,
 * within one 2 MiB region, below 4 GiB, above the image) at the same
 * virtual address, user RW, never executable, uncached. Each page must be
 * unmapped — RAM is always mapped, so RAM and the image are refused — or
 * already mapped here to the same device page (mapping twice is harmless).
 * Returns 0, -22 (EINVAL) for a refused range, or -12 (ENOMEM) when no
 * page-table page is left (there are 4).
 */
RING0 long ts_ring0_map_mmio(uint64_t arg)
{
	uint64_t pa = arg & ~0xfffull, n = (arg & 0xfff) + 1, cr3;
	if (pa < (uintptr_t)__ts_image_end || pa + (n << 12) > (1ull << 32) ||
	    (pa >> 21) != ((pa + (n << 12) - 1) >> 21))
		return -22;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pdpt = next_table(&ring0_table(cr3)[(pa >> 39) & 511]);
	uint64_t *pd = pdpt ? next_table(&pdpt[(pa >> 30) & 511]) : 0;
	uint64_t *pt = pd ? next_table(&pd[(pa >> 21) & 511]) : 0;
	if (!pt) /* a large page (RAM) on the way, or no pool page left */
		return pool_used == POOL_PAGES ? -12 : -22;
	const uint64_t flags = PTE_P | PTE_RW | PTE_US | PTE_PWT | PTE_PCD | PTE_A | PTE_D |
			       PTE_MMIO | PTE_NX;
	uint64_t i, first = (pa >> 12) & 511;
	for (i = 0; i < n; i++) {
		uint64_t e = pt[first + i];
		if ((e & PTE_P) && e != ((pa + (i << 12)) | flags))
			return -22;
	}
	for (i = 0; i < n; i++) {
		pt[first + i] = (pa + (i << 12)) | flags;
		__asm__ volatile("invlpg (%0)" : : "r"(pa + (i << 12)) : "memory");
	}
	return 0;
}
