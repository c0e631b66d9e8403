/* mem_fail.c: ramfs's memory for host tests — counted, and able to run out. */
#include <stdlib.h>
#include <string.h>
#include "../../ramfs.h"
#include "mem_fail.h"

long mem_pages_left = -1, mem_meta_left = -1;
long mem_pages_live, mem_meta_live;

/* 1 when one more allocation is allowed (and count it). */
static int allowed(long *left)
{
	long n = __atomic_load_n(left, __ATOMIC_RELAXED);

	while (n >= 0) {
		if (n == 0)
			return 0;
		if (__atomic_compare_exchange_n(left, &n, n - 1, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return 1;
	}
	return 1;
}

void *ramfs_page_alloc(void)
{
	void *p = NULL;

	if (!allowed(&mem_pages_left) || posix_memalign(&p, RAMFS_PAGE, RAMFS_PAGE))
		return NULL;
	memset(p, 0, RAMFS_PAGE);
	__atomic_add_fetch(&mem_pages_live, 1, __ATOMIC_RELAXED);
	return p;
}

void ramfs_page_free(void *p)
{
	if (p)
		__atomic_sub_fetch(&mem_pages_live, 1, __ATOMIC_RELAXED);
	free(p);
}

void *ramfs_zalloc(size_t size)
{
	void *p = allowed(&mem_meta_left) ? calloc(1, size) : NULL;

	if (p)
		__atomic_add_fetch(&mem_meta_live, 1, __ATOMIC_RELAXED);
	return p;
}

void ramfs_free(void *p)
{
	if (p)
		__atomic_sub_fetch(&mem_meta_live, 1, __ATOMIC_RELAXED);
	free(p);
}
