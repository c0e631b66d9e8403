/* allocbuddy_debug.c: the checks CONFIG_LIBALLOCBUDDY_DEBUG adds to every
 * free, realloc and pfree, beyond the O(1) ones of every build. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "allocbuddy_impl.h"

/* A small object: on its page's free list already, even if a write after
 * free erased the tag that the O(1) check looks for? The walk also finds
 * free lists such writes broke. Other problems: the O(1) checks. */
void ts_allocbuddy_check_free(const struct buddy *b, const struct bzone *z, uintptr_t p)
{
	const struct bpage *d;
	unsigned int off;

	if (!z)
		return;
	d = &z->desc[buddy_pfn(z, p)];
	off = (unsigned int)(p & (BUDDY_PAGE_SIZE - 1));
	if (d->kind == BP_SLAB && off < d->sbump && buddy_slab_start(b, d->order, off) &&
	    ts_allocbuddy_slab_object_free(b, d, p - off, off))
		ts_allocbuddy_corruption("double free", (void *)p);
}

/* Every page of the range, not only the first. */
void ts_allocbuddy_check_pfree(const struct bzone *z, uintptr_t p, size_t npages)
{
	uintptr_t where;
	const char *what = ts_allocbuddy_pfree_problem(z, p, npages, &where);

	if (what)
		ts_allocbuddy_corruption(what, (void *)where);
}
