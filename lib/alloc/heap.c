/* Boot-time creation of the default heap from the platform's free RAM. */
#include <errno.h>
#include <ts/alloc_impl.h>
#include <ts/plat/memory.h>
#include "alloc_section.h"

/*
 * The section bounds go through an empty asm so the compiler cannot fold
 * "start == end" to false on the grounds that they are distinct objects.
 */
static const struct ts_alloc_impl *impls_start(void)
{
	const struct ts_alloc_impl *p = __ts_allocators_start;

	__asm__("" : "+r"(p));
	return p;
}

static const struct ts_alloc_impl *impls_end(void)
{
	const struct ts_alloc_impl *p = __ts_allocators_end;

	__asm__("" : "+r"(p));
	return p;
}

/* Create the heap on the first region impl accepts; *used gets its index. */
static struct ts_alloc *heap_create(const struct ts_alloc_impl *impl,
				    unsigned int *used)
{
	struct ts_memregion r;
	struct ts_alloc *a;
	unsigned int i;

	for (i = 0; ts_plat_memregion_get(i, &r) == 0; i++) {
		a = impl->create((void *)r.base, r.len);
		if (a) {
			*used = i;
			return a;
		}
	}
	return NULL;
}

int ts_alloc_heap_init(void)
{
	const struct ts_alloc_impl *impl = impls_start();
	struct ts_memregion r;
	struct ts_alloc *a;
	unsigned int i, used;

	ts_alloc_heap_tried = 1;
	if (impl == impls_end())
		return 0; /* no allocator linked: an image without a heap */
	a = heap_create(impl, &used);
	if (!a)
		return -ENOMEM;
	/* Regions too small for the allocator are not worth failing boot. */
	for (i = 0; ts_plat_memregion_get(i, &r) == 0; i++)
		if (i != used)
			(void)ts_alloc_addmem(a, (void *)r.base, r.len);
	ts_alloc_set_default(a);
	return 0;
}
