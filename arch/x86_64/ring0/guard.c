/* guard.c: ring 0 — turn a user data page into a guard page and back.
 * Runs at CPL 0 (emulated on nested hosts): general registers only, no
 * red zone (see the build flags for ring0/), few instructions. */
#include <stdint.h>
#include <ts/arch/layout.h>
#include "pte.h"

#define PT_POOL_PAGES 8
#define RING0 __attribute__((section(".ring0.text.guard")))

static uint64_t pt_pool[PT_POOL_PAGES][512] __attribute__((aligned(4096))) RING0_BSS("guard");
static unsigned int pt_used RING0_BSS("guard");

/* Replace the 2 MiB page *pde by a table of 512 4 KiB pages with the same
 * rights; -12 (ENOMEM) when the pool is used up. */
RING0 static long split(uint64_t *pde)
{
	if (pt_used == PT_POOL_PAGES)
		return -12;
	uint64_t *pt = pt_pool[pt_used++];
	uint64_t base = *pde & 0x000fffffffe00000ull;
	uint64_t flags = *pde & (PTE_NX | 0x7f); /* P RW US PWT PCD A D */
	for (unsigned int i = 0; i < 512; i++)
		pt[i] = (base + ((uint64_t)i << 12)) | flags;
	*pde = (uintptr_t)pt | PTE_P | PTE_RW | PTE_US | 0x60;
	return 0;
}

/*
 * arg = page address | 1 to guard (the page must be a present user data
 * page: read-write, never executable, outside the image), | 0 to unguard a
 * page guarded this way. Returns 0, -22 (EINVAL) for any other page, or
 * -12 (ENOMEM) when no page table is left to split a 2 MiB page.
 */
RING0 long ts_ring0_guard(uint64_t arg)
{
	uint64_t va = arg & ~0xfffull;
	int on = arg & 1;
	if (!ring0_outside_image(va, va + 0x1000))
		return -22;
	uint64_t *pde = ring0_pde_of(va);
	if (!pde || !(*pde & PTE_P))
		return -22;
	if (*pde & PTE_PS) {
		if (!on)
			return -22; /* a guarded page always has a table */
		long err = split(pde);
		if (err)
			return err;
	}
	uint64_t *pte = &ring0_table(*pde)[(va >> 12) & 511];
	const uint64_t data = PTE_P | PTE_RW | PTE_US;
	if (on) {
		if ((*pte & (data | PTE_NX)) != (data | PTE_NX))
			return -22;
		*pte = (*pte & ~PTE_P) | PTE_GUARD;
	} else {
		if ((*pte & (PTE_P | PTE_GUARD)) != PTE_GUARD)
			return -22;
		*pte = (*pte & ~PTE_GUARD) | PTE_P;
	}
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	return 0;
}
