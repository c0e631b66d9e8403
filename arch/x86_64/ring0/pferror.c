/* pferror.c: ring 0 — a page fault's error code as the program sees it: a page made inaccessible on purpose counts as present.
 * Runs at CPL 0 (emulated on nested hosts), once per page fault: general
 * registers only, no red zone (see the build flags for ring0/).
 *
 * PROTECT's PROT_NONE pages and GUARD's thread-stack guards are not
 * present in the page table, so the CPU reports "not present", but to the
 * program they are mapped pages it may not touch: Linux reports such a
 * fault as a protection fault (SEGV_ACCERR), and lib/posix-signal and the
 * crash report read the error code's bit 0 for it. Only the page tables
 * know the software bits that tell the two apart, and only ring 0 can read
 * them. */
#include <stdint.h>
#include "pte.h"

#define RING0 __attribute__((section(".ring0.text.pferror")))

/* The error code of a page fault at va: error with its present bit set
 * when va's leaf entry (4 KiB or 2 MiB) is not present but marked
 * PTE_NOACCESS or PTE_GUARD; error unchanged otherwise. */
RING0 uint64_t ts_ring0_pf_error(uint64_t va, uint64_t error)
{
	uint64_t *pde = ring0_pde_of(va), leaf;
	if ((error & PTE_P) || !pde)
		return error;
	leaf = *pde;
	if ((leaf & (PTE_P | PTE_PS)) == PTE_P) /* a table of 4 KiB pages */
		leaf = ring0_table(leaf)[(va >> 12) & 511];
	if (!(leaf & PTE_P) && (leaf & (PTE_NOACCESS | PTE_GUARD)))
		return error | PTE_P;
	return error;
}
