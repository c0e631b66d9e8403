/* memregion.c: clip a loader's RAM ranges into the free-region table. */
#include <errno.h>
#include <ts/memmap.h>

#define PAGE 4096ULL

int ts_memmap_add_ram(struct ts_memmap *m, uint64_t base, uint64_t len,
		      uint64_t floor, uint64_t limit)
{
	uint64_t end = base + len < base ? UINT64_MAX : base + len;
	if (base < floor)
		base = floor;
	if (end > limit)
		end = limit;
	base = (base + PAGE - 1) & ~(PAGE - 1);
	end &= ~(PAGE - 1);
	if (end <= base)
		return 0;
	if (m->n == TS_MEMMAP_MAX)
		return -ENOSPC;
	m->r[m->n].base = base;
	m->r[m->n].len = end - base;
	m->n++;
	return 0;
}

int ts_memmap_get(const struct ts_memmap *m, unsigned int i, struct ts_memregion *r)
{
	if (i >= m->n)
		return -ENOENT;
	*r = m->r[i];
	return 0;
}
