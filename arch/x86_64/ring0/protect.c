/* protect.c: ring 0 — page rights of user data pages for mmap/mprotect (PROTECT privcall), never writable and executable at once.
 * Runs at CPL 0 (emulated on nested hosts): general registers only, no
 * red zone (see the build flags for ring0/), few instructions per page.
 *
 * This is a trust boundary: the arguments come from CPL-3 code, which may
 * be compromised. Only pages outside the image that already are user data
 * (present and user-accessible, not MMIO) or that an earlier call made
 * inaccessible are touched; the image, page tables, ring-0 stacks, guard
 * and MMIO pages are refused, and no page ever gets RW and X together.
 * Every page is checked before any is changed. */
#include <stdint.h>
#include <ts/arch/layout.h>
#include "pte.h"

#define RING0 __attribute__((section(".ring0.text.protect")))
#define POOL_PAGES CONFIG_ARCH_X86_64_PROTECT_TABLES
#define RIGHTS (PTE_P | PTE_RW | PTE_US | PTE_NX | PTE_NOACCESS)
#define MIB2 0x200000ull
#define EINVAL 22
#define EACCES 13
#define ENOMEM 12

_Static_assert(POOL_PAGES >= 1 && POOL_PAGES <= 64, "one bit per pool page");

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096))) RING0_BSS("protect");
static uint64_t pool_used RING0_BSS("protect"); /* bit i: pool[i] is a table */

/* The rights bits of a leaf entry for Linux's prot (W and X not both). */
RING0 static uint64_t rights_of(unsigned int prot)
{
	if (!prot)
		return PTE_US | PTE_NOACCESS; /* not present; ours to give back */
	if (prot & 4)
		return PTE_P | PTE_US; /* executable, read-only */
	if (prot & 2)
		return PTE_P | PTE_US | PTE_RW | PTE_NX;
	return PTE_P | PTE_US | PTE_NX;
}

/* A leaf entry (4 KiB page, or a 2 MiB one) CPL-3 code may have rights
 * changed on: user data, or made inaccessible by us. */
RING0 static int is_user_data(uint64_t e)
{
	if (e & PTE_P)
		return (e & PTE_US) && !(e & (PTE_MMIO | PTE_PWT | PTE_PCD));
	return (e & (PTE_US | PTE_NOACCESS | PTE_GUARD)) == (PTE_US | PTE_NOACCESS);
}

/* A PDE is a 2 MiB leaf: present with PS, or made inaccessible by us. */
RING0 static int is_large(uint64_t pde)
{
	return (pde & PTE_PS) && ((pde & PTE_P) || (pde & PTE_NOACCESS));
}

RING0 static int from_pool(uint64_t pde)
{
	uint64_t t = pde & ADDR_MASK;
	return t >= (uintptr_t)pool && t < (uintptr_t)pool + sizeof(pool);
}

/* One pass over [va, end): check (apply 0) or change (apply 1) the rights.
 * Returns the 2 MiB pages that need splitting (check), or -EINVAL. */
RING0 static long walk(uint64_t va, uint64_t end, uint64_t want, int apply, uint64_t *changed)
{
	long splits = 0;
	while (va < end) {
		uint64_t region = va & ~(MIB2 - 1), next = region + MIB2;
		uint64_t stop = end < next ? end : next;
		uint64_t *pde = ring0_pde_of(va);
		if (!pde)
			return -EINVAL;
		if (is_large(*pde)) {
			if (!is_user_data(*pde))
				return -EINVAL;
			if ((*pde & RIGHTS) == want) {
				va = stop;
				continue;
			}
			if (va == region && stop == next) { /* the whole 2 MiB page */
				if (apply) {
					*pde = (*pde & ~RIGHTS) | want;
					*changed += 512;
				}
				va = stop;
				continue;
			}
			if (!apply) {
				splits++;
				va = stop;
				continue;
			}
			/* Split: 512 4 KiB pages with the same rights. */
			unsigned int k = (unsigned int)__builtin_ctzll(~pool_used);
			pool_used |= 1ull << k;
			uint64_t base = *pde & 0x000fffffffe00000ull;
			uint64_t keep = *pde & (RIGHTS | PTE_A | PTE_D);
			for (unsigned int i = 0; i < 512; i++)
				pool[k][i] = (base + ((uint64_t)i << 12)) | keep;
			*pde = (uintptr_t)pool[k] | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;
			*changed += 512;
		} else if (!(*pde & PTE_P)) {
			return -EINVAL;
		}
		uint64_t *pt = ring0_table(*pde);
		for (uint64_t p = va; p < stop; p += 0x1000) {
			uint64_t *pte = &pt[(p >> 12) & 511];
			if (!apply) {
				if (!is_user_data(*pte))
					return -EINVAL;
			} else if ((*pte & RIGHTS) != want) {
				*pte = (*pte & ~RIGHTS) | want;
				if (++*changed <= 16)
					__asm__ volatile("invlpg (%0)" : : "r"(p) : "memory");
			}
		}
		/* A table of ours whose pages all have one set of rights again
		 * becomes a 2 MiB page, and goes back to the pool. */
		if (apply && from_pool(*pde)) {
			uint64_t r = pt[0] & RIGHTS;
			unsigned int i = 0;
			while (i < 512 && (pt[i] & (RIGHTS | PTE_GUARD)) == r)
				i++;
			if (i == 512) {
				unsigned int k = (unsigned int)(((*pde & ADDR_MASK) - (uintptr_t)pool) >> 12);
				*pde = region | r | PTE_PS | PTE_A | PTE_D;
				pool_used &= ~(1ull << k);
				*changed += 512;
			}
		}
		va = stop;
	}
	return splits;
}

/*
 * arg = page address | prot (Linux's PROT_READ 1, PROT_WRITE 2,
 * PROT_EXEC 4), npages pages from there. Returns 0, -22 (EINVAL) for a
 * refused page or range, -13 (EACCES) for write and execute together, or
 * -12 (ENOMEM) when the pool lacks tables for the 2 MiB pages to split.
 * Nothing changes unless everything can.
 */
RING0 long ts_ring0_protect(uint64_t arg, uint64_t npages)
{
	uint64_t va = arg & ~0xfffull, prot = arg & 0xfff, changed = 0;
	if (prot > 7)
		return -EINVAL;
	if ((prot & 6) == 6)
		return -EACCES;
	if (!npages || npages > (1ull << 27) || !ring0_outside_image(va, va + (npages << 12)))
		return -EINVAL;
	uint64_t end = va + (npages << 12), want = rights_of((unsigned int)prot);
	long splits = walk(va, end, want, 0, &changed);
	if (splits < 0)
		return splits;
	if (splits > POOL_PAGES - __builtin_popcountll(pool_used))
		return -ENOMEM;
	walk(va, end, want, 1, &changed);
	if (changed > 16) { /* cheaper than a long run of invlpg */
		uint64_t cr3;
		__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
	}
	return 0;
}
