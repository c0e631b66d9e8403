/* pte.h: ring 0 — x86-64 page-table entry bits and the software bits our privcalls use, shared by guard.c, mmio.c and protect.c. */
#ifndef TS_RING0_PTE_H
#define TS_RING0_PTE_H

#include <stdint.h>
#include <ts/arch/layout.h>

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_US 0x4ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_A 0x20ull
#define PTE_D 0x40ull
#define PTE_PS 0x80ull
#define PTE_GUARD 0x200ull /* software bit: made not-present by GUARD (guard.c) */
#define PTE_MMIO 0x400ull  /* software bit: a device page mapped by MAP_MMIO (mmio.c) */
#define PTE_NOACCESS 0x800ull /* software bit: user data made not-present by PROTECT (protect.c) */
#define PTE_NX (1ull << 63)
#define ADDR_MASK 0x000ffffffffff000ull

/* The boot page directory for the first GiB (entry.S; three more for the
 * next GiBs follow it): its entry i maps [i * 2 MiB, (i + 1) * 2 MiB). */
extern uint64_t __ts_boot_pd[];

/* NOBITS by hand: a named section would otherwise become PROGBITS and put
 * the page-table pools' zeros into the image file. */
#define RING0_BSS(name) __attribute__((section(".ring0.bss." name ",\"aw\",@nobits#")))

/* Page-table pages are identity-mapped, supervisor-only, on both platforms:
 * the table an entry points to. Always inlined: an out-of-line copy would
 * land in the user text, which ring 0 must not run. */
static inline __attribute__((always_inline)) uint64_t *ring0_table(uint64_t entry)
{
	return (uint64_t *)(uintptr_t)(entry & ADDR_MASK);
}

/* The page-directory entry that maps va, or NULL when the way there is not
 * two present tables (our RAM is always mapped through PML4[0] and a PDPT
 * of tables, never 1 GiB pages). */
static inline __attribute__((always_inline)) uint64_t *ring0_pde_of(uint64_t va)
{
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t e = ring0_table(cr3)[(va >> 39) & 511];
	if ((e & (PTE_P | PTE_PS)) != PTE_P)
		return 0;
	e = ring0_table(e)[(va >> 30) & 511];
	if ((e & (PTE_P | PTE_PS)) != PTE_P)
		return 0;
	return &ring0_table(e)[(va >> 21) & 511];
}

/* May a privcall change the rights of [va, end)? Not page 0 (null pointers
 * must fault), nothing of the image (its text, data, tables and stacks
 * keep the rights the build gave them), nothing past what PML4[0] maps.
 * RAM below the image (low memory the heap uses) and above it qualify;
 * each caller's leaf checks decide the rest (user data pages only). */
static inline __attribute__((always_inline)) int ring0_outside_image(uint64_t va, uint64_t end)
{
	return va >= 0x1000 && end > va && end <= (1ull << 39) &&
	       (end <= (uintptr_t)__ts_image_start || va >= (uintptr_t)__ts_image_end);
}

#endif
