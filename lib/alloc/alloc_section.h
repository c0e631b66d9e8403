/* Private to lib/alloc: the bounds of the allocator registration section. */
#ifndef TS_ALLOC_SECTION_H
#define TS_ALLOC_SECTION_H

#include <ts/alloc.h>

/* Set by the linker script around KEEP(*(.ts_allocators)). */
extern const struct ts_alloc_impl __ts_allocators_start[];
extern const struct ts_alloc_impl __ts_allocators_end[];

#endif
