/* memregion.c: clip a loader's RAM ranges into the free-region table. */
#include <ts/errno.h>
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

int ts_memmap_reserve(struct ts_memmap *m, uint64_t base, uint64_t len)
{
	uint64_t lo = base & ~(PAGE - 1);
	uint64_t hi = base + len < base || base + len > UINT64_MAX - PAGE ? UINT64_MAX & ~(PAGE - 1)
								   : (base + len + PAGE - 1) & ~(PAGE - 1);
	int err = 0;
	for (unsigned int i = 0; i < m->n; i++) {
		uint64_t rb = m->r[i].base, re = rb + m->r[i].len;
		if (re <= lo || rb >= hi)
			continue;
		if (rb < lo && re > hi) { /* inside: split, the upper part in a new entry */
			if (m->n < TS_MEMMAP_MAX)
				m->r[m->n++] = (struct ts_memregion){ hi, re - hi };
			else
				err = -ENOSPC;
			m->r[i].len = lo - rb;
		} else if (rb < lo) {
			m->r[i].len = lo - rb;
		} else if (re > hi) {
			m->r[i] = (struct ts_memregion){ hi, re - hi };
		} else { /* wholly covered: remove */
			m->r[i--] = m->r[--m->n];
		}
	}
	return err;
}

int ts_memmap_get(const struct ts_memmap *m, unsigned int i, struct ts_memregion *r)
{
	if (i >= m->n)
		return -ENOENT;
	*r = m->r[i];
	return 0;
}
