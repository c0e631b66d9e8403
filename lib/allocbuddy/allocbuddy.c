/* Binary buddy page allocator with a size-class layer for small objects. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/alloc_impl.h>
#include <ts/allocbuddy.h>
#include "allocbuddy_impl.h"

/*
 * Size classes. Each divides a page with little waste and is a multiple
 * of 16, so objects (laid out from the page start, no header) are always
 * 16-byte aligned, and the power-of-two classes are aligned to their size,
 * which is what memalign uses.
 */
static const uint16_t class_sizes[BUDDY_NCLASSES] = {
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1360, 2048,
};

/* ---- lists ---- */

static void blist_init(struct blink *h)
{
	h->next = h;
	h->prev = h;
}

static bool blist_empty(const struct blink *h)
{
	return h->next == h;
}

static void blist_add(struct blink *h, struct blink *n)
{
	n->next = h->next;
	n->prev = h;
	h->next->prev = n;
	h->next = n;
}

static void blist_del(struct blink *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
}

/* The link is the first member of a descriptor. */
static struct bpage *bpage_of(struct blink *l)
{
	return (struct bpage *)l;
}

/* ---- buddy page allocator (per zone, pages counted by index) ---- */

static uintptr_t zone_addr(const struct bzone *z, size_t pfn)
{
	return z->base + (pfn << BUDDY_PAGE_SHIFT);
}

/* Smallest k with 2^k >= n: the order for n pages, or a power-of-two size class. */
static unsigned int order_for(size_t n)
{
	if (n <= 1)
		return 0;
	return (unsigned int)(sizeof(long) * 8) - (unsigned int)__builtin_clzl(n - 1);
}

static void block_link(struct bzone *z, size_t pfn, unsigned int order)
{
	struct bpage *d = &z->desc[pfn];

	d->kind = BP_FREE;
	d->order = order;
	blist_add(&z->free[order], &d->link);
	z->nonempty |= 1u << order;
}

static void block_unlink(struct bzone *z, struct bpage *d, unsigned int order)
{
	blist_del(&d->link);
	d->kind = BP_NONE;
	if (blist_empty(&z->free[order]))
		z->nonempty &= ~(1u << order);
}

/* Free the block (pfn, order), merging it with free buddies. */
static void block_free(struct bzone *z, size_t pfn, unsigned int order)
{
	z->desc[pfn].kind = BP_NONE; /* was the head of an allocation */
	while (order < BUDDY_ORDERS - 1) {
		size_t bud = pfn ^ ((size_t)1 << order);
		struct bpage *bd;

		if (bud >= z->npages)
			break;
		bd = &z->desc[bud];
		/* Free heads are aligned to their size: same order = buddy. */
		if (bd->kind != BP_FREE || bd->order != order)
			break;
		block_unlink(z, bd, order);
		pfn &= ~((size_t)1 << order);
		order++;
	}
	block_link(z, pfn, order);
}

/*
 * Free any run of pages: split it into the largest aligned blocks that
 * fit, so runs that are not power-of-two blocks (palloc tails, partial
 * pfree, whole zones) go back without waste.
 */
static void range_free(struct bzone *z, size_t pfn, size_t n)
{
	z->nfree += n;
	while (n) {
		unsigned int order = BUDDY_ORDERS - 1;
		unsigned int fit = (unsigned int)(sizeof(long) * 8 - 1) -
				   (unsigned int)__builtin_clzl(n);

		if (pfn && (unsigned int)__builtin_ctzl(pfn) < order)
			order = (unsigned int)__builtin_ctzl(pfn);
		if (fit < order)
			order = fit;
		block_free(z, pfn, order);
		pfn += (size_t)1 << order;
		n -= (size_t)1 << order;
	}
}

/* Take a block of the given order, splitting a larger one if needed. */
static bool block_take(struct bzone *z, unsigned int order, size_t *pfnp)
{
	uint32_t m = z->nonempty & ~((1u << order) - 1);
	unsigned int j;
	struct bpage *d;
	size_t pfn;

	if (!m)
		return false;
	j = (unsigned int)__builtin_ctz(m);
	d = bpage_of(z->free[j].next);
	pfn = (size_t)(d - z->desc);
	block_unlink(z, d, j);
	while (j > order) {
		j--;
		block_link(z, pfn + ((size_t)1 << j), j);
	}
	z->nfree -= (size_t)1 << order;
	*pfnp = pfn;
	return true;
}

/*
 * Take exactly the free pages [start, start + n) of z, or nothing if any
 * of them is in use. Used to grow large blocks in place.
 */
static bool range_claim(struct bzone *z, size_t start, size_t n)
{
	size_t end = start + n, q, h;

	for (q = start; q < end; q = h + ((size_t)1 << z->desc[h].order)) {
		h = buddy_free_block_of(z, q);
		if (h == SIZE_MAX)
			return false;
	}
	for (q = start; q < end;) {
		unsigned int order;
		size_t bend;

		h = buddy_free_block_of(z, q);
		order = z->desc[h].order;
		bend = h + ((size_t)1 << order);
		block_unlink(z, &z->desc[h], order);
		z->nfree -= (size_t)1 << order;
		if (h < q)
			range_free(z, h, q - h);
		if (bend > end)
			range_free(z, end, bend - end);
		q = bend;
	}
	return true;
}

/* ---- pages shared by palloc, large objects and slabs ---- */

/* Give the cached empty slab pages back to the buddy allocator. */
static void spares_drain(struct buddy *b)
{
	while (!blist_empty(&b->spares)) {
		struct bpage *d = bpage_of(b->spares.next);
		struct bzone *z = b->zones[d->zone];

		blist_del(&d->link);
		range_free(z, (size_t)(d - z->desc), 1);
	}
	b->nspares = 0;
}

/*
 * No free block of the order n rounds up to: find n free pages in a row
 * made of smaller free blocks (17 pages: a 16-page block and the page
 * after it). One pass over the zone: a free block's head carries its
 * order and is stepped over whole, any other page one at a time (a page
 * after a used one is never inside a free block). Linear in the zone's
 * pages, and only taken when memory is short.
 */
static bool run_take(struct bzone *z, size_t n, size_t *pfnp)
{
	size_t start = 0, q = 0;

	if (n > z->nfree)
		return false;
	while (q < z->npages) {
		const struct bpage *d = &z->desc[q];

		if (d->kind != BP_FREE) {
			start = ++q;
			continue;
		}
		q += (size_t)1 << d->order;
		if (q - start >= n && range_claim(z, start, n)) {
			*pfnp = start;
			return true;
		}
	}
	return false;
}

/*
 * Get n contiguous pages; their descriptors are all BP_NONE and the
 * caller marks the head. Empty slab pages are reclaimed before failing.
 */
static bool pages_get(struct buddy *b, size_t n, struct bzone **zp, size_t *pfnp)
{
	unsigned int order, i, pass;

	if (!n || n > BUDDY_MAX_PAGES)
		return false;
	order = order_for(n);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < b->nzones; i++) {
			struct bzone *z = b->zones[i];
			size_t pfn, blk = (size_t)1 << order;

			if (block_take(z, order, &pfn)) {
				if (blk > n)
					range_free(z, pfn + n, blk - n);
			} else if (!run_take(z, n, &pfn)) {
				continue;
			}
			*zp = z;
			*pfnp = pfn;
			return true;
		}
		if (!b->nspares)
			break;
		spares_drain(b);
	}
	return false;
}

/* ---- small objects ---- */

static uintptr_t slab_page(const struct buddy *b, const struct bpage *d)
{
	const struct bzone *z = b->zones[d->zone];

	return zone_addr(z, (size_t)(d - z->desc));
}

/* A fresh empty slab of class c, put on the class's partial list. */
static struct bpage *slab_new(struct buddy *b, unsigned int c)
{
	struct bpage *d;

	if (b->nspares) {
		d = bpage_of(b->spares.next);
		blist_del(&d->link);
		b->nspares--;
	} else {
		struct bzone *z;
		size_t pfn;

		if (!pages_get(b, 1, &z, &pfn))
			return NULL;
		d = &z->desc[pfn];
		d->zone = (uint8_t)z->idx;
	}
	d->kind = BP_SLAB;
	d->order = c;
	d->sfree = BUDDY_SLAB_NONE;
	d->sbump = 0;
	d->inuse = 0;
	blist_add(&b->partial[c], &d->link);
	return d;
}

static void *slab_alloc(struct buddy *b, unsigned int c)
{
	struct blink *l = &b->partial[c];
	struct bpage *d;
	uintptr_t page;
	unsigned int off;

	if (!blist_empty(l))
		d = bpage_of(l->next);
	else if (!(d = slab_new(b, c)))
		return NULL;
	page = slab_page(b, d);
	if (d->sfree != BUDDY_SLAB_NONE) {
		off = d->sfree;
		d->sfree = *(uint16_t *)(page + off);
	} else {
		/* Carve lazily: untouched objects cost nothing. */
		off = d->sbump;
		d->sbump = (uint16_t)(off + b->class_size[c]);
	}
	if (++d->inuse == b->class_cap[c])
		blist_del(&d->link); /* full slabs live on no list */
	/* No freed tag on a live object, not even one left in a recycled page
	 * (its free would walk the free list to be sure). */
	*(uint64_t *)(page + off) = 0;
	return (void *)(page + off);
}

/* Keep a few empty slab pages so alloc/free cycles do not hit the buddy. */
static void slab_release_page(struct buddy *b, struct bpage *d)
{
	if (b->nspares < BUDDY_SPARE_MAX) {
		d->kind = BP_SPARE;
		blist_add(&b->spares, &d->link);
		b->nspares++;
	} else {
		struct bzone *z = b->zones[d->zone];

		range_free(z, (size_t)(d - z->desc), 1);
	}
}

static void slab_free(struct buddy *b, struct bpage *d, uintptr_t p)
{
	unsigned int c = d->order;
	bool was_full = d->inuse == b->class_cap[c];

	*(uint64_t *)p = BUDDY_FREED_TAG << 16 | d->sfree;
	d->sfree = (uint16_t)(p & (BUDDY_PAGE_SIZE - 1));
	d->inuse--;
	if (was_full && d->inuse) {
		blist_add(&b->partial[c], &d->link);
	} else if (!d->inuse) {
		if (!was_full)
			blist_del(&d->link);
		slab_release_page(b, d);
	}
}

/* ---- large objects: whole pages, size kept in the head descriptor ---- */

/* Pages for a large block; size 0 (memalign(4096, 0)) still gets one. */
static size_t bytes_to_pages(size_t size)
{
	return size ? (size + BUDDY_PAGE_SIZE - 1) >> BUDDY_PAGE_SHIFT : 1;
}

static void *large_alloc(struct buddy *b, size_t size)
{
	struct bzone *z;
	struct bpage *d;
	size_t pfn, n;

	if (size > BUDDY_MAX_BYTES)
		return NULL;
	n = bytes_to_pages(size);
	if (!pages_get(b, n, &z, &pfn))
		return NULL;
	d = &z->desc[pfn];
	d->kind = BP_LARGE;
	d->npages = n;
	return (void *)zone_addr(z, pfn);
}

/* Over-allocate by align - 1 page, then give back both ends. */
static void *large_alloc_aligned(struct buddy *b, size_t align, size_t size)
{
	size_t n, total, pfn, apfn, tail;
	uintptr_t addr;
	struct bzone *z;
	struct bpage *d;

	if (size > BUDDY_MAX_BYTES || align > BUDDY_MAX_BYTES)
		return NULL;
	n = bytes_to_pages(size);
	total = n + (align >> BUDDY_PAGE_SHIFT) - 1;
	if (!pages_get(b, total, &z, &pfn))
		return NULL;
	addr = zone_addr(z, pfn);
	apfn = pfn + (((addr + align - 1) & ~(align - 1)) - addr) / BUDDY_PAGE_SIZE;
	tail = pfn + total - (apfn + n);
	if (apfn > pfn)
		range_free(z, pfn, apfn - pfn);
	if (tail)
		range_free(z, apfn + n, tail);
	d = &z->desc[apfn];
	d->kind = BP_LARGE;
	d->npages = n;
	return (void *)zone_addr(z, apfn);
}

/* ---- struct ts_alloc hooks ---- */

static void *buddy_malloc(struct ts_alloc *a, size_t size)
{
	struct buddy *b = (struct buddy *)a;

	if (size <= BUDDY_SMALL_MAX)
		return slab_alloc(b, b->class_of[(size + BUDDY_GRANULE - 1) / BUDDY_GRANULE]);
	return large_alloc(b, size);
}

static void *buddy_memalign(struct ts_alloc *a, size_t align, size_t size)
{
	struct buddy *b = (struct buddy *)a;

	if (!align || (align & (align - 1)))
		return NULL;
	if (align <= BUDDY_GRANULE)
		return buddy_malloc(a, size);
	if (size <= BUDDY_SMALL_MAX && align <= BUDDY_SMALL_MAX) {
		/* Power-of-two classes are aligned to their size. */
		size_t s = size > align ? size : align;
		size_t cls = (size_t)1 << order_for(s);

		return slab_alloc(b, b->class_of[cls / BUDDY_GRANULE]);
	}
	if (align <= BUDDY_PAGE_SIZE)
		return large_alloc(b, size);
	return large_alloc_aligned(b, align, size);
}

/*
 * The head descriptor of the block a free or realloc of p releases. What
 * O(1) checks can catch, every build catches: a pointer outside the heap,
 * one that starts no object or block, a block already free, and a small
 * object already free while its freed tag is intact (a free list walk
 * confirms it). Anything else goes to the report, which never returns.
 */
static inline __attribute__((always_inline)) struct bpage *
live_block(const struct buddy *b, const struct bzone *z, uintptr_t p)
{
	if (z) {
		struct bpage *d = &z->desc[buddy_pfn(z, p)];
		unsigned int off = (unsigned int)(p & (BUDDY_PAGE_SIZE - 1));

		if (d->kind == BP_SLAB && off < d->sbump && buddy_slab_start(b, d->order, off) &&
		    (*(const uint64_t *)p >> 16 != BUDDY_FREED_TAG ||
		     !ts_allocbuddy_slab_object_free(b, d, p - off, off)))
			return d;
		if (d->kind == BP_LARGE && !off)
			return d;
	}
	ts_allocbuddy_bad_free(b, z, p);
}

/* Release a live block whose zone and head descriptor are known. */
static void free_known(struct buddy *b, struct bzone *z, struct bpage *d,
		       uintptr_t p)
{
	if (d->kind == BP_SLAB)
		slab_free(b, d, p);
	else if (d->kind == BP_LARGE)
		range_free(z, (size_t)(d - z->desc), d->npages);
}

static void buddy_free(struct ts_alloc *a, void *ptr)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t p = (uintptr_t)ptr;
	struct bzone *z = buddy_zone_of(b, p);

	ts_allocbuddy_check_free(b, z, p);
	free_known(b, z, live_block(b, z, p), p);
}

/* Resize a large block in place if possible (shrink, or grow into free pages). */
static bool large_resize(struct bzone *z, struct bpage *d, size_t size)
{
	size_t pfn = (size_t)(d - z->desc), n = d->npages, newn;

	if (size > BUDDY_MAX_BYTES)
		return false;
	newn = bytes_to_pages(size);
	if (newn < n)
		range_free(z, pfn + newn, n - newn);
	else if (newn > n && (newn - n > z->npages - (pfn + n) ||
			      !range_claim(z, pfn + n, newn - n)))
		return false;
	d->npages = newn;
	return true;
}

static void *buddy_realloc(struct ts_alloc *a, void *ptr, size_t size)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t p = (uintptr_t)ptr;
	struct bzone *z;
	struct bpage *d;
	size_t keep;
	void *q;

	if (!ptr)
		return buddy_malloc(a, size);
	if (!size) {
		buddy_free(a, ptr);
		return NULL;
	}
	z = buddy_zone_of(b, p);
	ts_allocbuddy_check_free(b, z, p);
	d = live_block(b, z, p);
	if (d->kind == BP_SLAB) {
		keep = b->class_size[d->order];
		if (size <= BUDDY_SMALL_MAX &&
		    b->class_of[(size + BUDDY_GRANULE - 1) / BUDDY_GRANULE] == d->order)
			return ptr;
	} else {
		if (size > BUDDY_SMALL_MAX && large_resize(z, d, size))
			return ptr;
		keep = d->npages << BUDDY_PAGE_SHIFT;
	}
	q = buddy_malloc(a, size);
	if (!q)
		return NULL;
	memcpy(q, ptr, keep < size ? keep : size);
	free_known(b, z, d, p);
	return q;
}

static void *buddy_palloc(struct ts_alloc *a, size_t npages)
{
	struct buddy *b = (struct buddy *)a;
	struct bzone *z;
	size_t pfn;

	if (!npages || !pages_get(b, npages, &z, &pfn))
		return NULL;
	z->desc[pfn].kind = BP_PAGES;
	return (void *)zone_addr(z, pfn);
}

static void buddy_pfree(struct ts_alloc *a, void *ptr, size_t npages)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t p = (uintptr_t)ptr;
	struct bzone *z = buddy_zone_of(b, p);
	size_t pfn;
	unsigned int kind;

	ts_allocbuddy_check_pfree(z, p, npages);
	/* O(1) checks in every build: the range lies in the heap, and its
	 * first page is neither free nor malloc's. (A range may start inside
	 * a palloc run: pfree may give back part of one.) */
	if (!z || (p & (BUDDY_PAGE_SIZE - 1)))
		ts_allocbuddy_bad_pfree(z, p, npages);
	pfn = buddy_pfn(z, p);
	kind = z->desc[pfn].kind;
	if (npages > z->npages - pfn || (kind != BP_PAGES && kind != BP_NONE))
		ts_allocbuddy_bad_pfree(z, p, npages);
	range_free(z, pfn, npages);
}

static void buddy_stats(struct ts_alloc *a, struct ts_alloc_stats *st)
{
	struct buddy *b = (struct buddy *)a;
	size_t freep = b->nspares, total = 0;
	unsigned int i;

	for (i = 0; i < b->nzones; i++) {
		freep += b->zones[i]->nfree;
		total += b->zones[i]->npages;
	}
	st->free_bytes = freep << BUDDY_PAGE_SHIFT;
	st->total_bytes = total << BUDDY_PAGE_SHIFT;
}

/* ---- construction ---- */

static uintptr_t align_up(uintptr_t x, size_t align)
{
	return (x + align - 1) & ~(uintptr_t)(align - 1);
}

/*
 * Lay out a zone in [meta, end): header, descriptors, then as many pages
 * as fit from the next page boundary. end is page aligned.
 */
static struct bzone *zone_init(uintptr_t meta, uintptr_t end)
{
	const size_t hdr = sizeof(struct bzone), dsz = sizeof(struct bpage);
	struct bzone *z = (struct bzone *)meta;
	uintptr_t pages;
	size_t n;
	unsigned int i;

	if (end <= meta || end - meta < hdr)
		return NULL;
	n = (end - meta - hdr) / (BUDDY_PAGE_SIZE + dsz);
	/* Page alignment can cost one page of the estimate. */
	while (n && align_up(meta + hdr + n * dsz, BUDDY_PAGE_SIZE) +
			    n * BUDDY_PAGE_SIZE > end)
		n--;
	if (!n)
		return NULL;
	pages = align_up(meta + hdr + n * dsz, BUDDY_PAGE_SIZE);
	memset(z, 0, hdr);
	z->base = pages;
	z->npages = n;
	z->desc = (struct bpage *)(meta + hdr);
	z->rend = end;
	for (i = 0; i < BUDDY_ORDERS; i++)
		blist_init(&z->free[i]);
	memset(z->desc, 0, n * dsz); /* every page BP_NONE */
	range_free(z, 0, n);
	return z;
}

/* Page-aligned end of [base, base + len), or 0 if the range wraps. */
static uintptr_t region_end(uintptr_t base, size_t len)
{
	if (len > UINTPTR_MAX - base)
		return 0;
	return (base + len) & ~(uintptr_t)(BUDDY_PAGE_SIZE - 1);
}

static int buddy_addmem(struct ts_alloc *a, void *ptr, size_t len)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t base = (uintptr_t)ptr, end = region_end(base, len);
	struct bzone *z;
	unsigned int i;

	if (!end || end <= base)
		return -EINVAL;
	for (i = 0; i < b->nzones; i++)
		if (base < b->zones[i]->rend && b->zones[i]->rbase < end)
			return -EINVAL;
	if (b->nzones == BUDDY_MAX_ZONES)
		return -ENOSPC;
	z = zone_init(align_up(base, _Alignof(struct bzone)), end);
	if (!z)
		return -EINVAL;
	z->rbase = base;
	z->idx = b->nzones;
	b->zones[b->nzones++] = z;
	return 0;
}

static void classes_init(struct buddy *b)
{
	unsigned int c = 0, g;

	for (c = 0; c < BUDDY_NCLASSES; c++) {
		b->class_size[c] = class_sizes[c];
		b->class_cap[c] = (uint16_t)(BUDDY_PAGE_SIZE / class_sizes[c]);
		b->class_div[c] = UINT64_MAX / class_sizes[c] + 1;
		blist_init(&b->partial[c]);
	}
	/* class_of[g]: smallest class holding g granules. */
	for (g = 0, c = 0; g <= BUDDY_SMALL_MAX / BUDDY_GRANULE; g++) {
		while (class_sizes[c] < g * BUDDY_GRANULE)
			c++;
		b->class_of[g] = (uint8_t)c;
	}
}

struct ts_alloc *ts_allocbuddy_create(void *ptr, size_t len)
{
	uintptr_t base = (uintptr_t)ptr, end = region_end(base, len);
	uintptr_t start = align_up(base, _Alignof(struct buddy));
	struct buddy *b = (struct buddy *)start;
	struct bzone *z;

	if (!end || end <= start || end - start < sizeof(*b))
		return NULL;
	memset(b, 0, sizeof(*b));
	b->a.malloc = buddy_malloc;
	b->a.calloc = NULL; /* pages are not known to be zero: generic path */
	b->a.memalign = buddy_memalign;
	b->a.realloc = buddy_realloc;
	b->a.free = buddy_free;
	b->a.palloc = buddy_palloc;
	b->a.pfree = buddy_pfree;
	b->a.addmem = buddy_addmem;
	b->a.stats = buddy_stats;
	blist_init(&b->spares);
	classes_init(b);
	z = zone_init(align_up(start + sizeof(*b), _Alignof(struct bzone)), end);
	if (!z)
		return NULL;
	z->rbase = base;
	b->zones[b->nzones++] = z;
	return &b->a;
}

TS_ALLOC_REGISTER(buddy, ts_allocbuddy_create);
