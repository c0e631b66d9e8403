/* Platform contract: the initial RAM disk the monitor or boot loader gave. */
#ifndef TS_PLAT_INITRD_H
#define TS_PLAT_INITRD_H

#include <stddef.h>

struct ts_initrd {
	const void *data; /* its first byte, page-aligned */
	size_t size;      /* bytes; 0 for an empty file */
};

/*
 * Fill rd with the initrd: returns 0, or -ENOENT when none was given (or
 * the loader's description of it was unusable: outside mapped RAM, or
 * overlapping the image). Its memory is never among the free regions of
 * ts_plat_memregion_get() and stays mapped, readable and writable, never
 * executable, for the VM's lifetime. Valid from the TS_INIT_PLAT level on.
 */
int ts_plat_initrd(struct ts_initrd *rd);

#endif
