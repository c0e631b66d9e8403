/* bigmap.c: ring 0 — at boot, map the part of an image above 2 MiB with the rights the link-time table gives the first 2 MiB.
 *
 * Only an image ending above 2 MiB calls this (entry.S), once, in long mode,
 * with that part mapped by temporary supervisor 2 MiB pages. Runs at CPL 0
 * (emulated on nested hosts), so the work is kept small: a 2 MiB region
 * with one set of rights gets one 2 MiB page; only the few regions that
 * hold a change of rights (a section end, a guard page) get a table of
 * 4 KiB pages, from the pool image.ld reserves. */
#include <stdint.h>
#include <ts/arch/layout.h>
#include "pte.h"

#define RING0 __attribute__((section(".ring0.text.bigmap")))
#define MIB2 0x200000ull
#define PAGE 0x1000ull
#define NBOUNDS 16

/* Leaf rights as support/build/gen-tables.sh gives them (A and D preset, so
 * the MMU never writes them): ring-0 code, user code, user read-only,
 * supervisor RW, user RW. */
#define R0_RX (PTE_P | PTE_A)
#define USER_RX (PTE_P | PTE_US | PTE_A)
#define USER_R (PTE_NX | PTE_P | PTE_US | PTE_A)
#define R0_RW (PTE_NX | PTE_P | PTE_RW | PTE_A | PTE_D)
#define USER_RW (PTE_NX | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

/* Rights of the page at a (above 2 MiB); 0 for a guard page (not present).
 * Past the image (the rest of its last region) is free RAM: user RW. */
RING0 static __attribute__((noinline)) uint64_t __ts_bigmap_rights(uint64_t a)
{
	if (a == (uintptr_t)__ts_boot_stack_guard || a == (uintptr_t)__ts_crash_stack_guard ||
	    a == (uintptr_t)__ts_r0stack_guard || a == (uintptr_t)__ts_iststack_guard)
		return 0;
	if (a < (uintptr_t)__ts_r0text_end)
		return R0_RX;
	if (a < (uintptr_t)__ts_text_end)
		return USER_RX;
	if (a < (uintptr_t)__ts_rodata_end)
		return USER_R;
	if (a < (uintptr_t)__ts_r0data_end)
		return R0_RW;
	if (a < (uintptr_t)__ts_user_end)
		return USER_RW;
	if (a < (uintptr_t)__ts_r0bss_end)
		return R0_RW;
	if (a < (uintptr_t)__ts_bigpt_start)
		return USER_R;
	if (a < (uintptr_t)__ts_bigpt_end)
		return R0_RW;
	return USER_RW;
}

/* Does the boundary b fall strictly inside [base, base + 2 MiB)? */
static inline __attribute__((always_inline)) int inside(const void *b, uint64_t base)
{
	return (uintptr_t)b > base && (uintptr_t)b < base + MIB2;
}

/* Does a change of rights fall strictly inside the region at base? These
 * are the NBOUNDS addresses where __ts_bigmap_rights() can change (written
 * out: an array of them would be a template in the user rodata). */
static inline __attribute__((always_inline)) int mixed(uint64_t base)
{
	return inside(__ts_r0text_end, base) || inside(__ts_text_end, base) ||
	       inside(__ts_rodata_end, base) || inside(__ts_r0data_end, base) ||
	       inside(__ts_user_end, base) || inside(__ts_r0bss_end, base) ||
	       inside(__ts_bigpt_start, base) || inside(__ts_bigpt_end, base) ||
	       inside(__ts_boot_stack_guard, base) || inside(__ts_boot_stack_guard + PAGE, base) ||
	       inside(__ts_crash_stack_guard, base) || inside(__ts_crash_stack_guard + PAGE, base) ||
	       inside(__ts_r0stack_guard, base) || inside(__ts_r0stack_guard + PAGE, base) ||
	       inside(__ts_iststack_guard, base) || inside(__ts_iststack_guard + PAGE, base);
}

/* Map [2 MiB, end of the image's last 2 MiB region). Each boundary lies in
 * one region at most, so the pool's NBOUNDS tables always suffice. The
 * caller reloads CR3 afterwards (the temporary 2 MiB pages may be cached).
 * It and its out-of-line helper are named __ts_ so that the embedded
 * symbol table (gen-symtab.sh skips __ts_ names), and so every small
 * image, stay byte for byte as they were without them. */
RING0 void __ts_ring0_bigmap(void)
{
	uint64_t *pool = (uint64_t *)(uintptr_t)__ts_bigpt_start;
	uint64_t end = ((uintptr_t)__ts_image_end + MIB2 - 1) & ~(MIB2 - 1);
	for (uint64_t base = MIB2; base < end; base += MIB2) {
		uint64_t *pde = &__ts_boot_pd[base / MIB2];
		if (!mixed(base)) {
			*pde = base | __ts_bigmap_rights(base) | PTE_PS;
			continue;
		}
		/* Fill the table before the directory points to it: this
		 * code's stack may live in this very region. */
		for (unsigned int i = 0; i < 512; i++) {
			uint64_t a = base + i * PAGE;
			uint64_t r = __ts_bigmap_rights(a);
			pool[i] = r ? a | r : 0;
		}
		*pde = (uintptr_t)pool | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;
		pool += 512;
	}
}
