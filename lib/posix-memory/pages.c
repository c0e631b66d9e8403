/* pages.c: what happens to a mapping's pages when it goes — write-back, rights restored, back to the heap — and zeroing that leaves untouched RAM untouched. */
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/privcall.h>
#include <ts/hooks.h>
#include "vma.h"

void vma_release(struct vma *out, size_t n, int keep)
{
	for (size_t i = 0; i < n; i++) {
		struct vma *v = &out[i];
		/* The heap hands out read-write pages: put them back that way
		 * (first, so that the write-back can read PROT_NONE pages). */
		if (v->prot != (PROT_READ | PROT_WRITE))
			pages_protect(v->start, v->end, PROT_READ | PROT_WRITE);
		if (v->shared && v->file) {
			file_writeback(v, v->start, v->end);
			file_share_from(v, v->start, v->end);
		}
		if (!keep)
			pages_free(v->start, v->end);
		file_unref(v->file);
	}
	if (out) {
		struct ts_alloc *a = ts_alloc_default();
		if (ts_sched_atomic_begin_hook)
			ts_sched_atomic_begin_hook();
		ts_free(a, out);
		if (ts_sched_atomic_end_hook)
			ts_sched_atomic_end_hook();
	}
}

/* Nonzero when the page at p holds only zeros. Reading untouched guest RAM
 * costs the host nothing (it maps its zero page), writing it allocates. */
static int page_is_zero(const uint64_t *p)
{
	uint64_t acc = 0;
	for (unsigned int i = 0; i < PAGE / 8; i += 8)
		acc |= p[i] | p[i + 1] | p[i + 2] | p[i + 3] | p[i + 4] | p[i + 5] | p[i + 6] | p[i + 7];
	return acc == 0;
}

/*
 * Whole 2 MiB regions first ask ring 0 whether they were ever written
 * (CLEAN, one trap per 126 MiB): RAM above 4 GiB is mapped so that it
 * can tell, and a never-written region is left alone without reading it
 * either — on QEMU even a read costs a host page fault per page.
 */
void pages_zero(uintptr_t start, uintptr_t end)
{
	const uintptr_t mib2 = 0x200000;
	uintptr_t qbase = 0;
	uint64_t qmask = 0;
	for (uintptr_t p = start; p < end;) {
		if (!(p & (mib2 - 1)) && end - p >= mib2) {
			if (!qbase || p < qbase || p - qbase >= 63 * mib2) {
				long r = ts_arch_privcall(TS_PRIVCALL_CLEAN, p);
				qmask = r < 0 ? 0 : (uint64_t)r;
				qbase = p;
			}
			if ((qmask >> ((p - qbase) / mib2)) & 1) {
				p += mib2;
				continue;
			}
		}
		if (!page_is_zero((const uint64_t *)p))
			memset((void *)p, 0, PAGE);
		p += PAGE;
	}
}
