/* plat/common: build the table of free RAM regions from a loader's map. */
#ifndef TS_MEMMAP_H
#define TS_MEMMAP_H

#include <stdint.h>
#include <ts/plat/memory.h>

#define TS_MEMMAP_MAX 16

/* The lowest address the heap takes below the image: as Linux's default
 * vm.mmap_min_addr, the first 64 KiB stay out, so that a null pointer plus
 * an offset never reaches live data. */
#define TS_MEMMAP_LOW_MIN 0x10000ULL

struct ts_memmap {
	struct ts_memregion r[TS_MEMMAP_MAX];
	unsigned int n;
};

/*
 * Add the RAM range [base, base + len) to m, minus everything below
 * `floor` (low memory, the image and its boot data) and above `limit`
 * (what the page tables map), shrunk inward to 4 KiB boundaries.
 * Ranges that end up empty are skipped. Returns 0, or -ENOSPC when the
 * table is full (the range is then dropped).
 */
int ts_memmap_add_ram(struct ts_memmap *m, uint64_t base, uint64_t len,
		      uint64_t floor, uint64_t limit);

/*
 * Take [base, base + len), widened outward to 4 KiB boundaries, out of
 * every region of m, splitting one in two where the range falls inside it.
 * When the table has no room for a split, the part above the range is
 * dropped: memory is lost, never handed out twice. Returns 0, or -ENOSPC
 * when something had to be dropped.
 */
int ts_memmap_reserve(struct ts_memmap *m, uint64_t base, uint64_t len);

/* Copy region i into r: 0, or -ENOENT past the last region. */
int ts_memmap_get(const struct ts_memmap *m, unsigned int i, struct ts_memregion *r);

#endif
