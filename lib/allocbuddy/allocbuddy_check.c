/* allocbuddy_check.c: what is wrong with a free, realloc or pfree that the
 * allocator refused — the error path of every build, so cost is no concern. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "allocbuddy_impl.h"

static bool page_is_free(const struct bzone *z, size_t pfn)
{
	unsigned int kind = z->desc[pfn].kind;

	return kind == BP_FREE || kind == BP_SPARE ||
	       buddy_free_block_of(z, pfn) != SIZE_MAX;
}

/* The walk is bounded: a longer list means a write after free broke it. */
bool ts_allocbuddy_slab_object_free(const struct buddy *b, const struct bpage *d,
				    uintptr_t page, unsigned int off)
{
	unsigned int o, steps = 0;

	for (o = d->sfree; o != BUDDY_SLAB_NONE; o = *(const uint16_t *)(page + o)) {
		if (o == off)
			return true;
		if (++steps > b->class_cap[d->order] || o >= d->sbump ||
		    !buddy_slab_start(b, d->order, o))
			ts_allocbuddy_corruption("small-object free list overwritten "
						 "(write after free?)",
						 (void *)(page + o));
	}
	return false;
}

_Noreturn void ts_allocbuddy_bad_free(const struct buddy *b, const struct bzone *z,
				      uintptr_t p)
{
	const struct bpage *d;
	unsigned int off;
	size_t pfn;

	if (!z)
		ts_allocbuddy_corruption("free of a pointer outside the heap", (void *)p);
	pfn = buddy_pfn(z, p);
	d = &z->desc[pfn];
	off = (unsigned int)(p & (BUDDY_PAGE_SIZE - 1));
	switch (d->kind) {
	case BP_SLAB:
		if (off >= d->sbump || !buddy_slab_start(b, d->order, off))
			ts_allocbuddy_corruption("free of a pointer that does not "
						 "start an allocated object", (void *)p);
		if (ts_allocbuddy_slab_object_free(b, d, p - off, off))
			ts_allocbuddy_corruption("double free", (void *)p);
		break;
	case BP_LARGE:
		if (off)
			ts_allocbuddy_corruption("free of a pointer that does not "
						 "start an allocated block", (void *)p);
		break;
	case BP_PAGES:
		ts_allocbuddy_corruption("free of pages from palloc (use pfree)",
					 (void *)p);
	default:
		if (page_is_free(z, pfn))
			ts_allocbuddy_corruption("double free", (void *)p);
		ts_allocbuddy_corruption("free of a pointer inside an allocated "
					 "block", (void *)p);
	}
	/* Refused, yet live: the checks disagree, which is a bug of ours. */
	ts_allocbuddy_corruption("free refused without a reason (allocator bug)", (void *)p);
}

const char *ts_allocbuddy_pfree_problem(const struct bzone *z, uintptr_t p, size_t npages,
					uintptr_t *where)
{
	size_t pfn, q;

	*where = p;
	if (!z)
		return "pfree of pages outside the heap";
	if (p & (BUDDY_PAGE_SIZE - 1))
		return "pfree of an address that is not page aligned";
	pfn = buddy_pfn(z, p);
	if (npages > z->npages - pfn)
		return "pfree range runs past the end of the heap region";
	/* A free block overlapping the range starts in it or covers its start. */
	if (npages && buddy_free_block_of(z, pfn) != SIZE_MAX)
		return "double pfree";
	for (q = pfn; q < pfn + npages; q++) {
		unsigned int kind = z->desc[q].kind;

		if (kind == BP_FREE || kind == BP_SPARE) {
			*where = z->base + (q << BUDDY_PAGE_SHIFT);
			return "double pfree";
		}
		if (kind == BP_SLAB || kind == BP_LARGE)
			return "pfree of memory from malloc (use free)";
	}
	return NULL;
}

_Noreturn void ts_allocbuddy_bad_pfree(const struct bzone *z, uintptr_t p, size_t npages)
{
	uintptr_t where;
	const char *what = ts_allocbuddy_pfree_problem(z, p, npages, &where);

	ts_allocbuddy_corruption(what ? what : "pfree refused without a reason (allocator bug)",
				 (void *)where);
}
