/* Debug checks of free/realloc/pfree arguments (CONFIG_LIBALLOCBUDDY_DEBUG). */
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

/*
 * Is the object at offset off of a slab page on the page's free list?
 * The walk is bounded: a longer list means a write after free broke it.
 */
static bool slab_object_free(const struct buddy *b, const struct bpage *d,
			     uintptr_t page, unsigned int off)
{
	unsigned int o, steps = 0;

	for (o = d->sfree; o != BUDDY_SLAB_NONE; o = *(const uint16_t *)(page + o)) {
		if (o == off)
			return true;
		if (++steps > b->class_cap[d->order] || o >= d->sbump ||
		    o % b->class_size[d->order])
			ts_allocbuddy_corruption("small-object free list overwritten "
						 "(write after free?)",
						 (void *)(page + o));
	}
	return false;
}

bool ts_allocbuddy_check_free(const struct buddy *b, const struct bzone *z,
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
		if (off % b->class_size[d->order] || off >= d->sbump)
			ts_allocbuddy_corruption("free of a pointer that does not "
						 "start an allocated object", (void *)p);
		if (slab_object_free(b, d, p - off, off))
			ts_allocbuddy_corruption("double free", (void *)p);
		return true;
	case BP_LARGE:
		if (off)
			ts_allocbuddy_corruption("free of a pointer that does not "
						 "start an allocated block", (void *)p);
		return true;
	case BP_PAGES:
		ts_allocbuddy_corruption("free of pages from palloc (use pfree)",
					 (void *)p);
	default:
		if (page_is_free(z, pfn))
			ts_allocbuddy_corruption("double free", (void *)p);
		ts_allocbuddy_corruption("free of a pointer inside an allocated "
					 "block", (void *)p);
	}
}

bool ts_allocbuddy_check_pfree(const struct buddy *b, const struct bzone *z,
			       uintptr_t p, size_t npages)
{
	size_t pfn, q;

	(void)b;
	if (!z)
		ts_allocbuddy_corruption("pfree of pages outside the heap", (void *)p);
	if (p & (BUDDY_PAGE_SIZE - 1))
		ts_allocbuddy_corruption("pfree of an address that is not page "
					 "aligned", (void *)p);
	pfn = buddy_pfn(z, p);
	if (npages > z->npages - pfn)
		ts_allocbuddy_corruption("pfree range runs past the end of the "
					 "heap region", (void *)p);
	/* A free block overlapping the range starts in it or covers its start. */
	if (npages && buddy_free_block_of(z, pfn) != SIZE_MAX)
		ts_allocbuddy_corruption("double pfree", (void *)p);
	for (q = pfn; q < pfn + npages; q++) {
		unsigned int kind = z->desc[q].kind;

		if (kind == BP_FREE || kind == BP_SPARE)
			ts_allocbuddy_corruption("double pfree",
						 (void *)(z->base + (q << BUDDY_PAGE_SHIFT)));
		if (kind == BP_SLAB || kind == BP_LARGE)
			ts_allocbuddy_corruption("pfree of memory from malloc "
						 "(use free)", (void *)p);
	}
	return true;
}
