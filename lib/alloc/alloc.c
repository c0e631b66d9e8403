/* The default heap pointer shared by everything that allocates; the heap
 * itself is built on first use. */
#include <ts/alloc.h>
#include "alloc_section.h"

static struct ts_alloc *ts_alloc_dflt;
int ts_alloc_heap_tried;

/* Building the heap at boot would cost images that never allocate (and
 * every boot) the first touch of its metadata pages: tens of microseconds
 * on nested hosts. Not thread-safe yet: the first allocation happens before
 * any thread is started. */
struct ts_alloc *ts_alloc_default(void)
{
	if (!ts_alloc_dflt && !ts_alloc_heap_tried)
		ts_alloc_heap_init();
	return ts_alloc_dflt;
}

void ts_alloc_set_default(struct ts_alloc *a)
{
	ts_alloc_dflt = a;
}
