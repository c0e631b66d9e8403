/* mem.c: ramfs's memory, from the C heap (the default allocator). */
#include <stdlib.h>
#include <string.h>
#include "ramfs.h"

void *ramfs_page_alloc(void)
{
	void *p = memalign(RAMFS_PAGE, RAMFS_PAGE);

	if (p)
		memset(p, 0, RAMFS_PAGE);
	return p;
}

void ramfs_page_free(void *p)
{
	free(p);
}

void *ramfs_zalloc(size_t size)
{
	return calloc(1, size);
}

void ramfs_free(void *p)
{
	free(p);
}
