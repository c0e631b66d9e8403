/* Host tests for plat/common's free-region table: clipping loader ranges and
 * reserving ranges (an initrd) out of it. */
#include <errno.h>
#include <ts/memmap.h>
#include "hosttest.h"

#define K 1024ull
#define M (1024ull * K)

/* Free bytes of m inside [lo, hi). */
static uint64_t free_in(const struct ts_memmap *m, uint64_t lo, uint64_t hi)
{
	uint64_t n = 0;
	for (unsigned int i = 0; i < m->n; i++) {
		uint64_t b = m->r[i].base, e = b + m->r[i].len;
		b = b < lo ? lo : b;
		e = e > hi ? hi : e;
		n += e > b ? e - b : 0;
	}
	return n;
}

static void add_ram(void)
{
	struct ts_memmap m = { 0 };
	ts_memmap_add_ram(&m, 0, 8 * M, 1 * M + 100, 6 * M - 1);
	CHECK(m.n == 1 && m.r[0].base == 1 * M + 4 * K && m.r[0].len == 5 * M - 8 * K,
	      "not clipped to floor and limit, inward to pages");
	ts_memmap_add_ram(&m, 9 * M, 4 * K - 1, 0, UINT64_MAX);
	CHECK(m.n == 1, "a range smaller than a page was added");
}

static void reserve(void)
{
	struct ts_memmap m = { 0 };
	ts_memmap_add_ram(&m, 2 * M, 6 * M, 0, UINT64_MAX); /* [2M, 8M) */
	CHECK(ts_memmap_reserve(&m, 7 * M + 10, 100) == 0 && m.n == 2 &&
	      free_in(&m, 0, UINT64_MAX) == 6 * M - 4 * K && free_in(&m, 7 * M, 7 * M + 4 * K) == 0,
	      "a range inside a region did not split it, widened to a page");
	CHECK(ts_memmap_reserve(&m, 7 * M + 4 * K, M - 4 * K) == 0 &&
	      free_in(&m, 7 * M, 8 * M) == 0 && m.n == 1,
	      "a range covering a region's remainder did not remove it");
	CHECK(ts_memmap_reserve(&m, 0, 3 * M) == 0 && m.r[0].base == 3 * M,
	      "a range over a region's start did not move it");
	CHECK(ts_memmap_reserve(&m, 6 * M, UINT64_MAX) == 0 && free_in(&m, 6 * M, UINT64_MAX) == 0 &&
	      free_in(&m, 0, UINT64_MAX) == 3 * M,
	      "a length that wraps did not take everything above base");
	CHECK(ts_memmap_reserve(&m, 20 * M, M) == 0 && free_in(&m, 0, UINT64_MAX) == 3 * M,
	      "a range outside every region changed something");
}

static void reserve_full_table(void)
{
	struct ts_memmap m = { 0 };
	for (unsigned int i = 0; i < TS_MEMMAP_MAX; i++)
		ts_memmap_add_ram(&m, (uint64_t)i * 16 * M, 8 * M, 0, UINT64_MAX);
	CHECK(ts_memmap_reserve(&m, 4 * M, 4 * K) == -ENOSPC && free_in(&m, 4 * M, 8 * M) == 0 &&
	      free_in(&m, 0, 4 * M) == 4 * M,
	      "with a full table the upper part must be dropped, never handed out");
}

int main(void)
{
	hosttest_run("add_ram_clips", add_ram);
	hosttest_run("reserve_splits_moves_removes", reserve);
	hosttest_run("reserve_with_a_full_table", reserve_full_table);
	return hosttest_status();
}
