/* Platform contract: the RAM the kernel may hand out. */
#ifndef TS_PLAT_MEMORY_H
#define TS_PLAT_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* One run of free, mapped, page-aligned RAM (image and boot data excluded). */
struct ts_memregion {
	uintptr_t base; /* first byte, 4 KiB aligned */
	size_t len;     /* length in bytes, multiple of 4 KiB, never 0 */
};

/*
 * Fill r with the i-th free RAM region, i counting from 0.
 * Returns 0 on success, -ENOENT when there is no region i.
 * Valid from the TS_INIT_PLAT level on.
 */
int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r);

#endif
