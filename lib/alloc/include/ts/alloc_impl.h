/* Allocator implementer interface: what an allocator library registers (users of malloc need only <ts/alloc.h>). */
#ifndef TS_ALLOC_IMPL_H
#define TS_ALLOC_IMPL_H

#include <stddef.h>
#include <ts/alloc.h>

/*
 * Allocator registration. An implementation library announces its
 * constructor with TS_ALLOC_REGISTER(name, create_fn) at file scope;
 * create_fn(base, len) builds an allocator whose metadata lives inside
 * [base, base + len) and returns it, or NULL if the region is too small.
 * The entries land in the .ts_allocators linker section, so adding an
 * allocator touches only its own folder; when several are linked, the
 * first one in link order makes the heap.
 */
struct ts_alloc_impl {
	const char *name;
	struct ts_alloc *(*create)(void *base, size_t len);
};

#define TS_ALLOC_REGISTER(name, create_fn)                                  \
	static const struct ts_alloc_impl ts_alloc_impl_##name                \
		__attribute__((used, section(".ts_allocators"),               \
			       aligned(sizeof(void *)))) = { #name, create_fn }

#endif
