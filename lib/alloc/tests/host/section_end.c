/* Host-test stand-in for the linker script: marks the end of .ts_allocators (link this last). */
#include <ts/alloc_impl.h>

const struct ts_alloc_impl __ts_allocators_end[0]
	__attribute__((used, section(".ts_allocators"), aligned(sizeof(void *))));
