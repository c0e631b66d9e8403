/* A second registered allocator for the host test; only the first registered one may make the heap. */
#include <ts/alloc_impl.h>

int second_calls;
struct ts_alloc *second_create(void *base, size_t len);

struct ts_alloc *second_create(void *base, size_t len)
{
	(void)base;
	(void)len;
	second_calls++;
	return NULL;
}

TS_ALLOC_REGISTER(second, second_create);
