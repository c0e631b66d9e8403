/* Binary buddy page allocator with a small-object layer. */
#ifndef TS_ALLOCBUDDY_H
#define TS_ALLOCBUDDY_H

#include <stddef.h>
#include <ts/alloc.h>

/*
 * Build a buddy allocator on [base, base + len). Its state, and the page
 * descriptors for this region (24 bytes per 4 KiB page), are placed at
 * the start of the region; the rest, from the next page boundary on, is
 * handed out. base and len need no alignment. Returns the allocator, or
 * NULL if the region cannot hold the metadata plus one page.
 *
 * Properties of the returned allocator (see <ts/alloc.h> for the API):
 * - malloc up to 2048 bytes uses size classes of 16..2048 bytes packed
 *   into pages without per-object headers; larger requests take whole
 *   pages (recorded in the page descriptor, no header either).
 * - palloc(n) returns exactly n pages (the unused tail of the power-of-
 *   two buddy block goes back at once); at most 2^31 pages per call.
 * - memalign accepts any power-of-two alignment up to 2^43 bytes.
 * - addmem accepts up to 64 regions, contiguous or not.
 * - stats: free_bytes counts free pages, including up to 4 empty
 *   small-object pages kept for reuse (they are released on demand).
 * - A free, realloc or pfree of memory it did not hand out, or already
 *   took back, stops the VM with "heap corruption" and a backtrace rather
 *   than corrupting the heap: in every build as far as checks of constant
 *   cost can tell, and with CONFIG_LIBALLOCBUDDY_DEBUG also where a walk
 *   of a free list or of every page of a range is needed.
 */
struct ts_alloc *ts_allocbuddy_create(void *base, size_t len);

#endif
