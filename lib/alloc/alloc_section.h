/* Private to lib/alloc: the bounds of the allocator registration section,
 * and the heap's lazy-creation state. */
#ifndef TS_ALLOC_SECTION_H
#define TS_ALLOC_SECTION_H

#include <ts/alloc_impl.h>

/* Set by the linker script around KEEP(*(.ts_allocators)). */
extern const struct ts_alloc_impl __ts_allocators_start[];
extern const struct ts_alloc_impl __ts_allocators_end[];

/* Set once ts_alloc_heap_init() has run, so first use builds the heap at
 * most once (heap.c sets it, alloc.c reads it). */
extern int ts_alloc_heap_tried;

#endif
