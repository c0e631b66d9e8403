/* heap_test.c: in-kernel tests of the default heap (buddy allocator). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/test.h>

TS_TEST(heap_exists)
{
	TS_EXPECT_NOT_NULL(ts_alloc_default());
}

/* Fill many blocks of varied sizes, check none was overwritten, free all,
 * and expect every free page back. */
TS_TEST(alloc_free_returns_everything)
{
	struct ts_alloc *a = ts_alloc_default();
	struct ts_alloc_stats before, after;
	static unsigned char *blk[200];
	ts_alloc_stats_get(a, &before);
	for (int i = 0; i < 200; i++) {
		size_t n = 1 + (size_t)(i * 37 % 5000);
		blk[i] = malloc(n);
		TS_EXPECT_NOT_NULL(blk[i]);
		if (blk[i])
			memset(blk[i], i, n);
	}
	for (int i = 0; i < 200; i++) {
		size_t n = 1 + (size_t)(i * 37 % 5000);
		int intact = 1;
		for (size_t j = 0; blk[i] && j < n; j++)
			intact &= blk[i][j] == (unsigned char)i;
		TS_EXPECT(intact);
		free(blk[i]);
	}
	ts_alloc_stats_get(a, &after);
	TS_EXPECT_EQ(after.free_bytes, before.free_bytes);
}

TS_TEST(alignment_and_realloc)
{
	void *p = aligned_alloc(4096, 100);
	TS_EXPECT_EQ((uintptr_t)p & 4095, 0);
	free(p);
	char *s = malloc(10);
	strcpy(s, "tessera");
	s = realloc(s, 10000);
	TS_EXPECT_STREQ(s, "tessera");
	free(s);
}

TS_TEST(out_of_memory_is_null)
{
	TS_EXPECT_NULL(malloc(SIZE_MAX / 2));
	TS_EXPECT_NULL(calloc(SIZE_MAX / 8, 16));
	void *p = malloc(64); /* still works afterwards */
	TS_EXPECT_NOT_NULL(p);
	free(p);
}

TS_TESTSUITE(allocbuddy_heap, heap_exists, alloc_free_returns_everything,
	     alignment_and_realloc, out_of_memory_is_null);
