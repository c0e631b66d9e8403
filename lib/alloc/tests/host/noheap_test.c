/* Host test for lib/alloc in an image without any allocator: heap setup is a no-op. */
#include <errno.h>
#include <stdio.h>
#include <ts/alloc.h>
#include <ts/plat/memory.h>

static int region_calls;

int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r)
{
	(void)i;
	(void)r;
	region_calls++;
	return -ENOENT;
}

int main(void)
{
	int ret = ts_alloc_heap_init();

	if (ret != 0 || ts_alloc_default() != NULL || region_calls != 0) {
		printf("FAIL no_allocator: init returned %d, default %p, %d region lookups\n",
		       ret, (void *)ts_alloc_default(), region_calls);
		return 1;
	}
	printf("ok no_allocator\n");
	return 0;
}
