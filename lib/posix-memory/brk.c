/* brk.c: the break area — reserved on the heap at the first brk call, grown and shrunk inside it. */
#include <ts/alloc.h>
#include <ts/arch/layout.h>
#include <ts/syscall.h>
#include "vma.h"

/* [base, limit) is reserved; [base, page-rounded cur) is mapped (entries
 * of the table, whose pages stay in the area when unmapped: pages_free). */
static uintptr_t brk_base, brk_cur, brk_limit;

/*
 * A heap cannot hand out the pages after a given block, so the area is
 * set aside once: CONFIG_LIBPOSIX_MEMORY_BRK_MAX KiB, at most a sixteenth
 * of the free heap, so that small instances keep their memory for mmap
 * (musl's malloc uses brk only for its bookkeeping and falls back to mmap
 * when brk cannot grow). Without an area the break stays where it is.
 */
static void brk_init(void)
{
	struct ts_alloc *a = ts_alloc_default();
	size_t want = (size_t)CONFIG_LIBPOSIX_MEMORY_BRK_MAX * 1024;
	if (a) {
		struct ts_alloc_stats st;
		ts_alloc_stats_get(a, &st);
		if (want > st.free_bytes / 16)
			want = st.free_bytes / 16;
	}
	want &= ~(PAGE - 1);
	void *p = want ? heap_pages(want / PAGE) : NULL;
	if (p) {
		brk_base = (uintptr_t)p;
		brk_limit = brk_base + want;
	} else {
		brk_base = brk_limit = ((uintptr_t)__ts_image_end + PAGE - 1) & ~(PAGE - 1);
	}
	brk_cur = brk_base;
}

/* Whatever mapping they end up in (MAP_FIXED may replace the break's
 * own), the area's pages stay in the area. */
void pages_free(uintptr_t start, uintptr_t end)
{
	uintptr_t lo = start > brk_base ? start : brk_base, hi = end < brk_limit ? end : brk_limit;
	if (lo >= hi) {
		heap_free(start, end);
		return;
	}
	if (start < lo)
		heap_free(start, lo);
	if (hi < end)
		heap_free(hi, end);
}

/* Linux's brk: the new break, or the unchanged one when end is refused. */
TS_SYSCALL_DEFINE1(brk, "p:p", void *, end)
{
	uintptr_t e = (uintptr_t)end;
	mem_lock();
	if (!brk_base)
		brk_init();
	if (e < brk_base || e > brk_limit) {
		mem_unlock();
		return (long)brk_cur;
	}
	uintptr_t top = (brk_cur + PAGE - 1) & ~(PAGE - 1), ntop = (e + PAGE - 1) & ~(PAGE - 1);
	struct vma *gone = NULL;
	size_t ngone = 0;
	int err = 0;
	if (ntop > top) {
		struct vma v = { .start = top, .end = ntop, .prot = PROT_READ | PROT_WRITE };
		pages_zero(top, ntop); /* the area's pages may hold an earlier break's bytes */
		err = vma_insert(&v);
	} else if (ntop < top) {
		err = vma_detach(ntop, top, &gone, &ngone);
	}
	if (!err)
		brk_cur = e;
	e = brk_cur;
	mem_unlock();
	vma_release(gone, ngone, 0);
	return (long)e;
}
