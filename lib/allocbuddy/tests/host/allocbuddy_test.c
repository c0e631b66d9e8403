/* Host tests for allocbuddy: random operation sequences against a shadow model, OOM, overflow, addmem, the checks of bad frees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/allocbuddy.h>
#include "allocbuddy_impl.h"

#define PAGE 4096
#define MIB ((size_t)1 << 20)

/* ---- failing a case ---- */

static jmp_buf case_jmp;
static char why[512];

static _Noreturn __attribute__((format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	longjmp(case_jmp, 1);
}

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond))                                                  \
			fail(__VA_ARGS__);                                    \
	} while (0)

/* ---- the corruption hook: debug builds report here ---- */

static jmp_buf hook_jmp;
static volatile int hook_armed;
static const char *volatile hook_what;
static void *volatile hook_ptr;

_Noreturn void ts_allocbuddy_corruption(const char *what, void *ptr)
{
	if (!hook_armed)
		fail("unexpected corruption report: %s at %p", what, ptr);
	hook_armed = 0;
	hook_what = what;
	hook_ptr = ptr;
	longjmp(hook_jmp, 1);
}

/* ---- random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Mostly small, with a tail of large sizes; 0 included. */
static size_t rand_size(void)
{
	unsigned int r = (unsigned int)rnd_below(1000);

	if (r < 550)
		return rnd_below(129);
	if (r < 800)
		return 129 + rnd_below(2048 - 128);
	if (r < 960)
		return 2049 + rnd_below(16 * 1024);
	if (r < 998)
		return rnd_below(256 * 1024);
	return rnd_below(2 * MIB);
}

/* ---- test regions and a bitmap of who owns each 16-byte granule ---- */

struct region {
	uint8_t *base;
	size_t len;
	uint64_t *own;
};

#define MAX_REGIONS 80
static struct region regions[MAX_REGIONS];
static unsigned int nregions;

static uint8_t *region_new(size_t len)
{
	struct region *r = &regions[nregions++];

	r->base = aligned_alloc(PAGE, len);
	r->len = len;
	r->own = calloc(len / 16 / 64 + 1, sizeof(uint64_t));
	if (!r->base || !r->own)
		fail("host out of memory");
	/* Never zero to begin with (fresh host memory would be), so a calloc
	 * that does not clear its block fails. */
	memset(r->base, 0xa5, len);
	return r->base;
}

static void regions_free(void)
{
	while (nregions) {
		nregions--;
		free(regions[nregions].base);
		free(regions[nregions].own);
	}
}

static struct region *region_of(uintptr_t p, size_t len)
{
	unsigned int i;

	for (i = 0; i < nregions; i++) {
		uintptr_t b = (uintptr_t)regions[i].base;

		if (p >= b && p - b <= regions[i].len && len <= regions[i].len - (p - b))
			return &regions[i];
	}
	return NULL;
}

/* Claim (set) or release (clear) [p, p + len); claiming checks nobody owns it. */
static void own(uintptr_t p, size_t len, bool set)
{
	struct region *r = region_of(p, len);
	size_t g, g0, g1;

	CHECK(r, "block %#lx+%zu outside every test region", (unsigned long)p, len);
	g0 = (p - (uintptr_t)r->base) / 16;
	g1 = (p - (uintptr_t)r->base + len + 15) / 16;
	for (g = g0; g < g1;) {
		uint64_t mask;
		size_t n = 64 - g % 64;

		if (n > g1 - g)
			n = g1 - g;
		mask = (n == 64 ? ~0ull : ((1ull << n) - 1)) << (g % 64);
		if (set) {
			CHECK(!(r->own[g / 64] & mask), "block %#lx+%zu overlaps a live block",
			      (unsigned long)p, len);
			r->own[g / 64] |= mask;
		} else {
			CHECK((r->own[g / 64] & mask) == mask, "model lost ownership of %#lx",
			      (unsigned long)p);
			r->own[g / 64] &= ~mask;
		}
		g += n;
	}
}

static bool owned_any(uintptr_t p, size_t len)
{
	struct region *r = region_of(p, len);
	size_t g, g1;

	if (!r)
		return false;
	g1 = (p - (uintptr_t)r->base + len) / 16;
	for (g = (p - (uintptr_t)r->base) / 16; g < g1;) {
		if (g % 64 == 0 && g + 64 <= g1) { /* whole word at once */
			if (r->own[g / 64])
				return true;
			g += 64;
			continue;
		}
		if (r->own[g / 64] & (1ull << (g % 64)))
			return true;
		g++;
	}
	return false;
}

/* ---- content patterns: a function of block id and offset ---- */

static uint64_t pat_word(uint32_t id, size_t w)
{
	return ((uint64_t)id * 0xd1b54a32d192ed03ull + 0x12345) ^ (w * 0x9e3779b97f4a7c15ull);
}

/*
 * Which words carry the pattern, given the size it was laid out for and
 * the word's position in that layout: all of them in small blocks; in
 * big ones the first and last page and every 32nd word, which keeps run
 * time sane and still catches misplaced copies.
 */
static bool word_sampled(size_t fsize, size_t w)
{
	size_t off = w * 8;

	return fsize <= 16384 || off < PAGE || off + PAGE >= fsize || w % 32 == 0;
}

/*
 * Write (fill) or compare the pattern over [0, limit) of p, where p sits
 * at offset patoff of a pattern laid out for fsize bytes.
 */
static size_t pattern(uint8_t *p, size_t fsize, size_t limit, uint32_t id,
		      size_t patoff, bool fill)
{
	size_t w, nw = limit / 8, i;
	uint64_t *q = (uint64_t *)p;

	for (w = 0; w < nw; w++) {
		size_t aw = patoff / 8 + w;
		uint64_t v;

		if (!word_sampled(fsize, aw)) {
			/* Jump to the next stride word or the dense last page. */
			size_t next = (aw / 32 + 1) * 32, tail = (fsize - PAGE + 7) / 8;

			if (tail > aw && tail < next)
				next = tail;
			w += next - aw - 1;
			continue;
		}
		v = pat_word(id, aw);
		if (fill)
			q[w] = v;
		else if (q[w] != v)
			return w * 8;
	}
	for (i = nw * 8; i < limit; i++) {
		uint8_t v = (uint8_t)(pat_word(id, (patoff + i) / 8) >> (8 * ((patoff + i) % 8)));

		if (!word_sampled(fsize, (patoff + i) / 8))
			continue;
		if (fill)
			p[i] = v;
		else if (p[i] != v)
			return i;
	}
	return SIZE_MAX;
}

/* ---- the shadow model ---- */

enum { K_MALLOC, K_PAGES };

struct blk {
	uint8_t *p;
	size_t size;   /* bytes (pages * 4096 for K_PAGES) */
	size_t fsize;  /* size the pattern was laid out for */
	size_t patoff; /* pattern offset of p (pieces of a split page run) */
	uint32_t id;
	int kind;
};

#define MAX_LIVE 4000
static struct blk live[MAX_LIVE];
static size_t nlive;
static uint32_t next_id;
static struct ts_alloc *cur;
static size_t n_ooms;

static size_t own_len(const struct blk *b)
{
	return b->size ? b->size : 1; /* malloc(0) still owns its object */
}

static void blk_check(const struct blk *b, size_t limit)
{
	size_t bad = pattern(b->p, b->fsize, limit, b->id, b->patoff, false);

	CHECK(bad == SIZE_MAX, "block %u (%p, %zu bytes) corrupted at offset %zu",
	      b->id, (void *)b->p, b->size, bad);
}

/* Every model block must lie in the managed pages of one zone. */
static void check_in_zone(const uint8_t *p, size_t len)
{
	const struct buddy *b = (const struct buddy *)cur;
	unsigned int i;

	for (i = 0; i < b->nzones; i++) {
		const struct bzone *z = b->zones[i];

		if ((uintptr_t)p >= z->base &&
		    (uintptr_t)p + len <= z->base + z->npages * PAGE)
			return;
	}
	fail("block %p+%zu outside the managed pages", (const void *)p, len);
}

static void blk_add(uint8_t *p, size_t size, int kind, size_t align)
{
	struct blk *b;

	CHECK(nlive < MAX_LIVE, "model full");
	CHECK((uintptr_t)p % align == 0, "%p not aligned to %zu", (void *)p, align);
	b = &live[nlive++];
	b->p = p;
	b->size = size;
	b->fsize = size;
	b->patoff = 0;
	b->id = next_id++;
	b->kind = kind;
	check_in_zone(p, own_len(b));
	own((uintptr_t)p, own_len(b), true);
	pattern(p, size, size, b->id, 0, true);
}

static void blk_drop(size_t i)
{
	live[i] = live[--nlive];
}

/* A random live block of the given kind, or SIZE_MAX. */
static size_t pick(int kind)
{
	int tries;

	for (tries = 0; nlive && tries < 8; tries++) {
		size_t i = rnd_below(nlive);

		if (live[i].kind == kind)
			return i;
	}
	return SIZE_MAX;
}

/* ---- operations, each checked against the model ---- */

static void op_malloc(void)
{
	size_t size = rand_size();
	uint8_t *p = ts_malloc(cur, size);

	if (!p) {
		n_ooms++;
		return;
	}
	blk_add(p, size, K_MALLOC, 16);
}

static void op_calloc(void)
{
	size_t n = 1 + rnd_below(8), size = rand_size() / n, i;
	uint8_t *p = ts_calloc(cur, n, size);

	if (!p) {
		n_ooms++;
		return;
	}
	for (i = 0; i < n * size; i++)
		CHECK(!p[i], "calloc memory not zero at %zu", i);
	blk_add(p, n * size, K_MALLOC, 16);
}

static void op_memalign(void)
{
	size_t align = (size_t)1 << rnd_below(18), size = rand_size();
	uint8_t *p = ts_memalign(cur, align, size);

	if (!p) {
		n_ooms++;
		return;
	}
	blk_add(p, size, K_MALLOC, align < 16 ? 16 : align);
}

static void op_free(void)
{
	size_t i = pick(K_MALLOC);

	if (i == SIZE_MAX)
		return;
	blk_check(&live[i], live[i].size);
	own((uintptr_t)live[i].p, own_len(&live[i]), false);
	ts_free(cur, live[i].p);
	blk_drop(i);
}

static void op_realloc(void)
{
	size_t i = pick(K_MALLOC), size, keep;
	struct blk *b;
	uint8_t *q;

	if (i == SIZE_MAX)
		return;
	b = &live[i];
	switch (rnd_below(4)) {
	case 0:
		size = rand_size();
		break;
	case 1:
		size = b->size + rnd_below(64);
		break;
	case 2:
		size = b->size > 64 ? b->size - rnd_below(64) : rnd_below(64);
		break;
	default:
		size = b->size * 2 + 1;
		break;
	}
	blk_check(b, b->size);
	q = ts_realloc(cur, b->p, size);
	if (!size) {
		CHECK(!q, "realloc(p, 0) returned %p", (void *)q);
		own((uintptr_t)b->p, own_len(b), false);
		blk_drop(i);
		return;
	}
	if (!q) {
		n_ooms++;
		blk_check(b, b->size); /* a failed realloc leaves p alone */
		return;
	}
	CHECK((uintptr_t)q % 16 == 0, "realloc result %p misaligned", (void *)q);
	own((uintptr_t)b->p, own_len(b), false);
	check_in_zone(q, size);
	own((uintptr_t)q, size, true);
	keep = b->size < size ? b->size : size;
	{
		size_t bad = pattern(q, b->fsize, keep, b->id, 0, false);

		CHECK(bad == SIZE_MAX, "realloc %zu -> %zu lost the prefix at %zu",
		      b->size, size, bad);
	}
	b->p = q;
	b->size = size;
	b->fsize = size;
	pattern(q, size, size, b->id, 0, true);
}

static size_t rand_pages(void)
{
	unsigned int r = (unsigned int)rnd_below(100);

	if (r < 75)
		return 1 + rnd_below(4);
	if (r < 97)
		return 5 + rnd_below(60);
	return 65 + rnd_below(256);
}

static void op_palloc(void)
{
	size_t n = rand_pages();
	uint8_t *p = ts_palloc(cur, n);

	if (!p) {
		n_ooms++;
		return;
	}
	blk_add(p, n * PAGE, K_PAGES, PAGE);
}

/* Free a whole page run, or a piece of it (the rest stays live). */
static void op_pfree(void)
{
	size_t i = pick(K_PAGES), n, first, cnt;
	struct blk *b, left, right;

	if (i == SIZE_MAX)
		return;
	b = &live[i];
	n = b->size / PAGE;
	blk_check(b, b->size);
	if (n == 1 || rnd_below(2)) {
		first = 0;
		cnt = n;
	} else {
		first = rnd_below(n);
		cnt = 1 + rnd_below(n - first);
	}
	own((uintptr_t)b->p + first * PAGE, cnt * PAGE, false);
	ts_pfree(cur, b->p + first * PAGE, cnt);
	left = *b;
	left.size = first * PAGE;
	right = *b;
	right.p = b->p + (first + cnt) * PAGE;
	right.size = (n - first - cnt) * PAGE;
	right.patoff = b->patoff + (first + cnt) * PAGE;
	blk_drop(i);
	CHECK(nlive + 2 <= MAX_LIVE, "model full");
	/* Pieces keep their bytes: the pattern follows patoff. */
	if (left.size)
		live[nlive++] = left;
	if (right.size)
		live[nlive++] = right;
}

/* ---- allocator invariants, read from its metadata ---- */

/* Per-page scratch for check_invariants(); global so a failing check cannot leak it. */
static uint16_t *scratch;
static size_t scratch_len;

static uint16_t *scratch_get(size_t n)
{
	if (n > scratch_len) {
		free(scratch);
		scratch = malloc(n * sizeof(*scratch));
		scratch_len = scratch ? n : 0;
		CHECK(scratch, "host out of memory");
	}
	memset(scratch, 0, n * sizeof(*scratch));
	return scratch;
}

#define ON_LIST 0x8000 /* flag in the per-page counts */

/* Flag the pages of z whose descriptors are on list head. */
static void mark_list(const struct bzone *z, const struct blink *head, uint16_t *count)
{
	const struct blink *l;

	for (l = head->next; l != head; l = l->next) {
		const struct bpage *d = (const struct bpage *)l;

		if (d >= z->desc && d < z->desc + z->npages)
			count[d - z->desc] |= ON_LIST;
	}
}

/* False in cases that allocate behind the model's back. */
static bool model_complete = true;

/*
 * Slab bookkeeping against the model: a slab's inuse count is the number
 * of live small blocks in its page, and it sits on its class's partial
 * list exactly when it has room.
 */
static void check_slabs(const struct bzone *z)
{
	const struct buddy *b = (const struct buddy *)cur;
	uint16_t *count = scratch_get(z->npages);
	size_t i, q;
	unsigned int c;

	if (!model_complete)
		return;
	for (c = 0; c < BUDDY_NCLASSES; c++)
		mark_list(z, &b->partial[c], count);
	mark_list(z, &b->spares, count);
	for (i = 0; i < nlive; i++) {
		uintptr_t p = (uintptr_t)live[i].p;

		if (live[i].kind == K_MALLOC && p - z->base < z->npages * PAGE &&
		    z->desc[(p - z->base) / PAGE].kind == BP_SLAB)
			count[(p - z->base) / PAGE]++;
	}
	for (q = 0; q < z->npages; q++) {
		const struct bpage *d = &z->desc[q];
		bool listed = count[q] & ON_LIST;
		unsigned int n = count[q] & ~ON_LIST;

		if (d->kind == BP_SPARE)
			CHECK(listed, "spare page %zu not on the spare list", q);
		if (d->kind != BP_SLAB) {
			CHECK(!n, "%u live small blocks in page %zu of kind %u", n, q, d->kind);
			continue;
		}
		CHECK(d->inuse == n, "slab page %zu: inuse %u, model has %u live objects",
		      q, d->inuse, n);
		CHECK(d->zone == z->idx, "slab page %zu names zone %u", q, d->zone);
		/* Listed on some list: the kind checks above tell which. */
		CHECK((d->inuse < b->class_cap[d->order]) == listed,
		      "slab page %zu (class %u, %u of %u used) on the wrong list",
		      q, d->order, d->inuse, b->class_cap[d->order]);
	}
}

static void check_invariants(void)
{
	const struct buddy *b = (const struct buddy *)cur;
	struct ts_alloc_stats st;
	size_t total_free = b->nspares;
	unsigned int i, o, c;
	const struct blink *l;

	for (i = 0; i < b->nzones; i++) {
		const struct bzone *z = b->zones[i];
		uint16_t *seen = scratch_get(z->npages);
		size_t nfree = 0;

		struct region *r = region_of((uintptr_t)z, sizeof(*z));

		CHECK(z->idx == i, "zone %u has index %u", i, z->idx);
		/* Header, descriptors, then pages: in this order, inside the region given. */
		CHECK(r && (uintptr_t)z->desc >= (uintptr_t)(z + 1) &&
		      (uintptr_t)(z->desc + z->npages) <= z->base &&
		      z->base % PAGE == 0 && region_of(z->base, z->npages * PAGE) == r,
		      "zone %u laid out outside its region", i);
		for (o = 0; o < BUDDY_ORDERS; o++) {
			CHECK(!!(z->nonempty & (1u << o)) == (z->free[o].next != &z->free[o]),
			      "zone %u: nonempty bit %u wrong", i, o);
			for (l = z->free[o].next; l != &z->free[o]; l = l->next) {
				const struct bpage *d = (const struct bpage *)l;
				size_t pfn = (size_t)(d - z->desc), q, bud;

				CHECK(pfn < z->npages, "zone %u: foreign descriptor on list %u", i, o);
				CHECK(d->kind == BP_FREE && d->order == o,
				      "zone %u: free head %zu has kind %u order %u on list %u",
				      i, pfn, d->kind, d->order, o);
				CHECK(pfn % ((size_t)1 << o) == 0, "zone %u: block %zu/%u misaligned", i, pfn, o);
				CHECK(pfn + ((size_t)1 << o) <= z->npages, "zone %u: block %zu/%u past end", i, pfn, o);
				bud = pfn ^ ((size_t)1 << o);
				CHECK(o == BUDDY_ORDERS - 1 || bud >= z->npages ||
				      z->desc[bud].kind != BP_FREE || z->desc[bud].order != o,
				      "zone %u: free buddies %zu and %zu of order %u not merged", i, pfn, bud, o);
				for (q = pfn; q < pfn + ((size_t)1 << o); q++) {
					CHECK(!seen[q], "zone %u: page %zu in two free blocks", i, q);
					CHECK(q == pfn || z->desc[q].kind == BP_NONE,
					      "zone %u: page %zu inside a free block has kind %u", i, q, z->desc[q].kind);
					seen[q] = 1;
				}
				CHECK(!owned_any(z->base + pfn * PAGE, ((size_t)1 << o) * PAGE),
				      "zone %u: free block %zu/%u holds live data", i, pfn, o);
				nfree += (size_t)1 << o;
			}
		}
		CHECK(nfree == z->nfree, "zone %u: %zu pages on free lists, nfree says %zu", i, nfree, z->nfree);
		total_free += nfree;
		check_slabs(z);
	}
	for (c = 0; c < BUDDY_NCLASSES; c++)
		for (l = b->partial[c].next; l != &b->partial[c]; l = l->next) {
			const struct bpage *d = (const struct bpage *)l;

			CHECK(d->kind == BP_SLAB && d->order == c, "partial list %u holds kind %u", c, d->kind);
			CHECK(d->inuse > 0 && d->inuse < b->class_cap[c], "partial slab with %u objects", d->inuse);
		}
	o = 0;
	for (l = b->spares.next; l != &b->spares; l = l->next, o++) {
		const struct bpage *d = (const struct bpage *)l;
		const struct bzone *z = b->zones[d->zone];

		CHECK(d->kind == BP_SPARE, "spare list holds kind %u", d->kind);
		CHECK(!owned_any(z->base + (size_t)(d - z->desc) * PAGE, PAGE), "spare page holds live data");
	}
	CHECK(o == b->nspares && o <= BUDDY_SPARE_MAX, "%u spares, nspares %u", o, b->nspares);
	ts_alloc_stats_get(cur, &st);
	CHECK(st.free_bytes == total_free * PAGE, "stats free %zu, lists %zu", st.free_bytes, total_free * PAGE);
	CHECK(st.free_bytes <= st.total_bytes, "free > total");
}

static void free_all(void)
{
	while (nlive) {
		struct blk *b = &live[nlive - 1];

		blk_check(b, b->size);
		own((uintptr_t)b->p, own_len(b), false);
		if (b->kind == K_MALLOC)
			ts_free(cur, b->p);
		else
			ts_pfree(cur, b->p, b->size / PAGE);
		nlive--;
	}
}

static size_t pow2_floor(size_t n)
{
	return (size_t)1 << (63 - __builtin_clzl(n));
}

/* After everything is freed: nothing leaked, and the largest block is whole again. */
static void check_all_back(size_t initial_free)
{
	const struct buddy *b = (const struct buddy *)cur;
	struct ts_alloc_stats st;
	unsigned int i;

	size_t n = 0;
	void *p;

	check_invariants();
	ts_alloc_stats_get(cur, &st);
	CHECK(st.free_bytes == initial_free, "free %zu bytes after freeing all, %zu at start",
	      st.free_bytes, initial_free);
	/* Merging is checked per zone by check_invariants(); here the biggest block. */
	for (i = 0; i < b->nzones; i++)
		if (pow2_floor(b->zones[i]->npages) > n)
			n = pow2_floor(b->zones[i]->npages);
	p = ts_palloc(cur, n);
	CHECK(p, "the largest block (%zu pages) is not free again", n);
	CHECK(region_of((uintptr_t)p, n * PAGE), "palloc outside regions");
	ts_pfree(cur, p, n);
	ts_alloc_stats_get(cur, &st);
	CHECK(st.free_bytes == initial_free, "palloc/pfree of the largest block leaked");
}

static void model_reset(struct ts_alloc *a)
{
	cur = a;
	nlive = 0;
	next_id = 1;
	n_ooms = 0;
}

/* nops random operations; the live-set target moves so the heap fills and drains. */
static void random_run(struct ts_alloc *a, uint64_t seed, size_t nops, size_t max_live)
{
	struct ts_alloc_stats st0;
	size_t op, target = 0;

	rng_state = seed;
	model_reset(a);
	ts_alloc_stats_get(a, &st0);
	for (op = 0; op < nops; op++) {
		bool grow;

		if (op % 5000 == 0)
			target = rnd_below(max_live);
		grow = rnd_below(10) < (nlive < target ? 7u : 3u);
		switch (rnd_below(10)) {
		case 0:
		case 1:
			if (grow)
				op_malloc();
			else
				op_free();
			break;
		case 2:
			if (grow)
				op_calloc();
			else
				op_free();
			break;
		case 3:
			if (grow)
				op_memalign();
			else
				op_free();
			break;
		case 4:
		case 5:
			op_realloc();
			break;
		case 6:
		case 7:
			if (grow)
				op_palloc();
			else
				op_pfree();
			break;
		default:
			if (grow)
				op_malloc();
			else
				op_free();
			break;
		}
		if (op % 4000 == 0)
			check_invariants();
	}
	check_invariants();
	free_all();
	check_all_back(st0.free_bytes);
}

/* ---- test cases ---- */

static struct ts_alloc *fresh(size_t len)
{
	struct ts_alloc *a = ts_allocbuddy_create(region_new(len), len);

	CHECK(a, "create on %zu bytes failed", len);
	model_reset(a);
	return a;
}

static void test_random(void)
{
	static const uint64_t seeds[] = { 1, 0xdeadbeef, 42424242, 7 };
	unsigned int i;

	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		struct ts_alloc *a = fresh(32 * MIB);

		random_run(a, seeds[i], 100000, 1500);
		regions_free();
	}
}

/* Small objects share pages: 4000 x malloc(1) must take about 16 pages. */
static void test_small_density(void)
{
	struct ts_alloc *a = fresh(4 * MIB);
	struct ts_alloc_stats st0, st;
	size_t i;

	ts_alloc_stats_get(a, &st0);
	for (i = 0; i < 4000; i++) {
		void *p = ts_malloc(a, 1);

		CHECK(p, "malloc(1) failed");
		blk_add(p, 1, K_MALLOC, 16);
	}
	ts_alloc_stats_get(a, &st);
	CHECK(st0.free_bytes - st.free_bytes <= 17 * PAGE, "4000 x malloc(1) took %zu bytes",
	      st0.free_bytes - st.free_bytes);
	check_invariants();
	free_all();
	check_all_back(st0.free_bytes);
	regions_free();
}

/* Every power-of-two alignment with sizes around the class and page edges. */
static void test_memalign(void)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 1360, 2047, 2048, 2049,
					4095, 4096, 4097, 5000, 65536, MIB };
	struct ts_alloc *a = fresh(32 * MIB);
	struct ts_alloc_stats st0;
	unsigned int k, s;

	ts_alloc_stats_get(a, &st0);
	for (k = 0; k <= 22; k++) {
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			size_t align = (size_t)1 << k;
			void *p;

			/* A 32 MiB heap has only a few 2 and 4 MiB aligned pages. */
			if (k > 20 && s % 4)
				continue;
			p = ts_memalign(a, align, sizes[s]);
			CHECK(p, "memalign(%zu, %zu) failed", align, sizes[s]);
			blk_add(p, sizes[s], K_MALLOC, align < 16 ? 16 : align);
		}
		check_invariants();
		free_all();
	}
	check_all_back(st0.free_bytes);
	CHECK(!ts_memalign(a, 3, 16) && !ts_memalign(a, 0, 16) && !ts_memalign(a, 48, 16),
	      "memalign accepted an alignment that is not a power of two");
	CHECK(!a->memalign(a, 24, 16), "memalign hook accepted alignment 24");
	regions_free();
}

/* realloc across classes, to and from large sizes, in place and moving. */
static void test_realloc(void)
{
	static const size_t steps[] = { 1, 16, 17, 48, 1000, 1360, 1361, 2048, 2049, 4096,
					4097, 20000, 100000, 3000, 100, 300000, 8192, 0 };
	struct ts_alloc *a = fresh(8 * MIB);
	struct ts_alloc_stats st0;
	unsigned int i;
	uint8_t *p;

	ts_alloc_stats_get(a, &st0);
	p = ts_realloc(a, NULL, 10); /* realloc(NULL) is malloc */
	CHECK(p, "realloc(NULL, 10) failed");
	blk_add(p, 10, K_MALLOC, 16);
	for (i = 0; steps[i]; i++) {
		struct blk *b = &live[0];
		size_t keep = b->size < steps[i] ? b->size : steps[i];

		own((uintptr_t)b->p, own_len(b), false);
		p = ts_realloc(a, b->p, steps[i]);
		CHECK(p, "realloc to %zu failed", steps[i]);
		CHECK(pattern(p, b->fsize, keep, b->id, 0, false) == SIZE_MAX,
		      "realloc %zu -> %zu lost data", b->size, steps[i]);
		b->p = p;
		b->size = b->fsize = steps[i];
		own((uintptr_t)p, own_len(b), true);
		pattern(p, b->size, b->size, b->id, 0, true);
		check_invariants();
	}
	/* Growing a large block into the free pages behind it keeps its address. */
	{
		struct blk *b = &live[0];
		uint8_t *q;

		own((uintptr_t)b->p, own_len(b), false);
		q = ts_realloc(a, b->p, 5 * PAGE);
		CHECK(q, "realloc to 5 pages failed");
		b->p = q;
		b->size = b->fsize = 5 * PAGE;
		pattern(q, b->size, b->size, b->id, 0, true);
		q = ts_realloc(a, b->p, 7 * PAGE);
		CHECK(q == b->p, "growing 5 -> 7 pages moved the block (%p -> %p)", (void *)b->p, (void *)q);
		CHECK(pattern(q, 5 * PAGE, 5 * PAGE, b->id, 0, false) == SIZE_MAX, "in-place grow lost data");
		b->size = b->fsize = 7 * PAGE;
		own((uintptr_t)q, b->size, true);
		pattern(q, b->size, b->size, b->id, 0, true);
	}
	free_all();
	p = ts_malloc(a, 100);
	CHECK(p && !ts_realloc(a, p, 0), "realloc(p, 0) did not free");
	check_all_back(st0.free_bytes);
	regions_free();
}

/* Fill a small heap completely, check nothing broke, then recover. */
static void test_oom(void)
{
	struct ts_alloc *a = fresh(2 * MIB);
	struct ts_alloc_stats st0, st;
	size_t fails = 0, i, n;

	rng_state = 99;
	ts_alloc_stats_get(a, &st0);
	while (fails < 300) {
		size_t before = n_ooms;

		switch (rnd_below(3)) {
		case 0:
			op_malloc();
			break;
		case 1:
			op_memalign();
			break;
		default:
			op_palloc();
			break;
		}
		fails = n_ooms > before ? fails + 1 : 0;
	}
	ts_alloc_stats_get(a, &st);
	CHECK(st.free_bytes < 64 * PAGE, "gave up with %zu bytes free", st.free_bytes);
	check_invariants();
	for (i = 0; i < nlive; i++)
		blk_check(&live[i], live[i].size);
	/* A failed realloc keeps the block. */
	i = pick(K_MALLOC);
	if (i != SIZE_MAX) {
		CHECK(!ts_realloc(a, live[i].p, 4 * MIB), "realloc beyond the heap succeeded");
		blk_check(&live[i], live[i].size);
	}
	/* Exhaust pages outright: ts_palloc(1) until NULL, then give them back. */
	n = 0;
	while (ts_palloc(a, 1))
		n++;
	CHECK(!ts_malloc(a, 5000), "malloc succeeded with no pages left");
	free_all();
	ts_alloc_stats_get(a, &st);
	CHECK(st.free_bytes == st0.free_bytes - n * PAGE, "free count off after OOM: %zu vs %zu",
	      st.free_bytes, st0.free_bytes - n * PAGE);
	CHECK(ts_malloc(a, 100), "no malloc after freeing the model's blocks");
	regions_free();
	/* The same again, page exhaustion first, then everything back. */
	a = fresh(2 * MIB);
	ts_alloc_stats_get(a, &st0);
	for (n = 0;; n++) {
		void *p = ts_palloc(a, 1);

		if (!p)
			break;
		blk_add(p, PAGE, K_PAGES, PAGE);
	}
	CHECK(n == st0.free_bytes / PAGE, "%zu single pages from %zu free", n, st0.free_bytes / PAGE);
	CHECK(!ts_malloc(a, 1) && !ts_calloc(a, 1, 1) && !ts_memalign(a, 64, 1),
	      "small allocation with no pages left");
	free_all();
	check_all_back(st0.free_bytes);
	random_run(a, 5, 20000, 400);
	regions_free();
}

static int by_address(const void *x, const void *y)
{
	uintptr_t a = *(const uintptr_t *)x, b = *(const uintptr_t *)y;

	return a < b ? -1 : a > b;
}

/* A run of pages that is no single block (17 pages, with every other page
 * taken, so no free 32-page block exists) is still found and given out. */
static void test_runs(void)
{
	struct ts_alloc *a = fresh(2 * MIB);
	struct ts_alloc_stats st0, st;
	static uintptr_t pg[2 * MIB / PAGE];
	size_t n = 0, i, run = SIZE_MAX;
	void *p;

	ts_alloc_stats_get(a, &st0);
	while (n < sizeof(pg) / sizeof(pg[0]) && (p = ts_palloc(a, 1)))
		pg[n++] = (uintptr_t)p;
	qsort(pg, n, sizeof(pg[0]), by_address);
	/* 17 pages in a row from the middle of the heap. */
	for (i = n / 2; i + 17 <= n && run == SIZE_MAX; i++)
		if (pg[i + 16] - pg[i] == 16 * PAGE)
			run = i;
	CHECK(run != SIZE_MAX, "no 17 pages in a row among %zu", n);
	if (run == SIZE_MAX)
		return;
	for (i = run; i < run + 17; i++)
		ts_pfree(a, (void *)pg[i], 1);
	CHECK(!ts_palloc(a, 18), "18 pages from 17 free");
	p = ts_palloc(a, 17);
	CHECK(p == (void *)pg[run], "palloc(17) gave %p, the free run is at %#lx", p, (unsigned long)pg[run]);
	ts_pfree(a, p, 17);
	p = ts_palloc(a, 9); /* fewer pages: somewhere inside the run */
	CHECK((uintptr_t)p >= pg[run] && (uintptr_t)p <= pg[run + 8], "palloc(9) gave %p", p);
	ts_pfree(a, p, 9);
	for (i = 0; i < n; i++)
		if (i < run || i >= run + 17)
			ts_pfree(a, (void *)pg[i], 1);
	ts_alloc_stats_get(a, &st);
	CHECK(st.free_bytes == st0.free_bytes, "free bytes %zu, were %zu", st.free_bytes, st0.free_bytes);
	CHECK(ts_palloc(a, st0.free_bytes / PAGE / 2), "no big run once all is back");
	regions_free();
}

static void test_overflow(void)
{
	struct ts_alloc *a = fresh(MIB);
	struct ts_alloc_stats st0, st;
	uint8_t *p, *q;

	ts_alloc_stats_get(a, &st0);
#define NULLCALL(call) CHECK(!(call), #call " did not return NULL")
	NULLCALL(ts_malloc(a, SIZE_MAX));
	NULLCALL(ts_malloc(a, SIZE_MAX - 4095));
	NULLCALL(ts_malloc(a, SIZE_MAX - 4096));
	NULLCALL(ts_malloc(a, SIZE_MAX / 2));
	NULLCALL(ts_malloc(a, (size_t)1 << 44));
	NULLCALL(ts_malloc(a, 2 * MIB));
	NULLCALL(ts_calloc(a, SIZE_MAX / 2, 3));
	NULLCALL(ts_calloc(a, (size_t)1 << 33, (size_t)1 << 33));
	NULLCALL(ts_calloc(a, SIZE_MAX, SIZE_MAX));
	NULLCALL(ts_memalign(a, 16, SIZE_MAX));
	NULLCALL(ts_memalign(a, 64, SIZE_MAX));
	NULLCALL(ts_memalign(a, 4096, SIZE_MAX));
	NULLCALL(ts_memalign(a, 8192, SIZE_MAX - 8192));
	NULLCALL(ts_memalign(a, (size_t)1 << 63, 16));
	NULLCALL(ts_memalign(a, (size_t)1 << 40, 16));
	NULLCALL(ts_memalign(a, MIB, MIB));
	NULLCALL(ts_palloc(a, SIZE_MAX / 4096));
	NULLCALL(ts_palloc(a, SIZE_MAX));
	NULLCALL(ts_palloc(a, (size_t)1 << 31));
	NULLCALL(ts_palloc(a, (size_t)1 << 32));
	NULLCALL(ts_palloc(a, 0));
	NULLCALL(ts_palloc(a, 1024));
	ts_alloc_stats_get(a, &st);
	CHECK(st.free_bytes == st0.free_bytes, "failed calls changed the free count");
	p = ts_malloc(a, 100);
	q = ts_malloc(a, 10000);
	CHECK(p && q, "allocator unusable after overflow calls");
	blk_add(p, 100, K_MALLOC, 16);
	blk_add(q, 10000, K_MALLOC, 16);
	NULLCALL(ts_realloc(a, p, SIZE_MAX));
	NULLCALL(ts_realloc(a, q, SIZE_MAX));
	NULLCALL(ts_realloc(a, q, SIZE_MAX - 100));
	NULLCALL(ts_realloc(a, q, 4 * MIB));
#undef NULLCALL
	check_invariants();
	free_all();
	check_all_back(st0.free_bytes);
	regions_free();
}

static void test_addmem(void)
{
	struct ts_alloc *a = fresh(4 * MIB);
	uint8_t *r2 = region_new(4 * MIB);
	struct ts_alloc_stats st1, st;
	const struct buddy *b = (const struct buddy *)a;
	bool in1 = false, in2 = false;
	unsigned int i;
	size_t n;

	ts_alloc_stats_get(a, &st1);
	/* Unaligned on purpose: the allocator trims to pages itself. */
	CHECK(ts_alloc_addmem(a, r2 + 100, 4 * MIB - 200) == 0, "addmem failed");
	ts_alloc_stats_get(a, &st);
	/* 4 MiB minus the trimmed ends and ~0.6 % of descriptors. */
	CHECK(st.total_bytes >= st1.total_bytes + 4 * MIB - 10 * PAGE, "addmem added only %zu bytes",
	      st.total_bytes - st1.total_bytes);
	CHECK(st.free_bytes - st1.free_bytes == st.total_bytes - st1.total_bytes, "new region not all free");
	CHECK(ts_alloc_addmem(a, r2 + 100, 4 * MIB - 200) == -EINVAL, "overlapping addmem accepted");
	CHECK(ts_alloc_addmem(a, r2 + MIB, PAGE) == -EINVAL, "addmem inside a zone accepted");
	CHECK(ts_alloc_addmem(a, regions[0].base, 4 * MIB) == -EINVAL, "addmem of the first region accepted");
	{
		static uint8_t tiny[PAGE];

		CHECK(ts_alloc_addmem(a, tiny, sizeof(tiny)) == -EINVAL, "one-page addmem accepted");
		CHECK(ts_alloc_addmem(a, tiny, SIZE_MAX) == -EINVAL, "wrapping addmem accepted");
	}
	/* Fill both zones with 8-page runs. */
	for (;;) {
		uint8_t *p = ts_palloc(a, 8);

		if (!p)
			break;
		blk_add(p, 8 * PAGE, K_PAGES, PAGE);
		in1 |= region_of((uintptr_t)p, 1) == &regions[0];
		in2 |= region_of((uintptr_t)p, 1) == &regions[1];
	}
	CHECK(in1 && in2, "allocations did not use both regions");
	check_invariants();
	free_all();
	check_all_back(st.free_bytes);
	random_run(a, 77, 50000, 600);
	regions_free();

	/* Many small zones, up to the limit. */
	a = fresh(MIB);
	b = (const struct buddy *)a;
	for (i = 1; i < BUDDY_MAX_ZONES; i++) {
		uint8_t *r = region_new(3 * PAGE);

		CHECK(ts_alloc_addmem(a, r, 3 * PAGE) == 0, "addmem of zone %u failed", i);
	}
	CHECK(b->nzones == BUDDY_MAX_ZONES, "%u zones", b->nzones);
	{
		uint8_t *r = region_new(3 * PAGE);

		CHECK(ts_alloc_addmem(a, r, 3 * PAGE) == -ENOSPC, "zone past the limit accepted");
		nregions--; /* not managed: keep it out of region_of */
		free(regions[nregions].base);
		free(regions[nregions].own);
	}
	ts_alloc_stats_get(a, &st);
	for (n = 0;; n++) {
		void *p = ts_palloc(a, 1);

		if (!p)
			break;
		blk_add(p, PAGE, K_PAGES, PAGE);
	}
	CHECK(n * PAGE == st.free_bytes, "%zu pages from %zu free bytes", n, st.free_bytes);
	free_all();
	check_all_back(st.free_bytes);
	/* Small objects until nothing is left: slab pages in every zone. */
	for (n = 0;; n++) {
		size_t size = 1 + rnd_below(2048);
		void *p = ts_malloc(a, size);

		if (!p)
			break;
		blk_add(p, size, K_MALLOC, 16);
	}
	CHECK(region_of((uintptr_t)live[nlive - 1].p, 1) != &regions[0],
	      "small objects never reached the small zones");
	check_invariants();
	free_all();
	check_all_back(st.free_bytes);
	random_run(a, 3, 20000, 100);
	regions_free();
}

static void test_create_limits(void)
{
	static uint8_t buf[16 * PAGE] __attribute__((aligned(PAGE)));
	struct ts_alloc_stats st;
	struct ts_alloc *a;

	CHECK(!ts_allocbuddy_create(buf, 0), "create on 0 bytes");
	CHECK(!ts_allocbuddy_create(buf, 100), "create on 100 bytes");
	CHECK(!ts_allocbuddy_create(buf, PAGE), "create on one page (no room for metadata)");
	CHECK(!ts_allocbuddy_create(buf + 1, SIZE_MAX), "create on a wrapping range");
	a = ts_allocbuddy_create(buf + 5, sizeof(buf) - 5);
	CHECK(a, "create on 16 pages failed");
	ts_alloc_stats_get(a, &st);
	CHECK(st.total_bytes >= 13 * PAGE && st.total_bytes <= 15 * PAGE, "16 pages manage %zu bytes",
	      st.total_bytes);
	CHECK(st.free_bytes == st.total_bytes, "fresh allocator not all free");
}

#define EXPECT_REPORT(stmt, ptr, word)                                        \
	do {                                                                  \
		struct ts_alloc_stats before_, after_;                        \
		ts_alloc_stats_get(a, &before_);                              \
		if (!setjmp(hook_jmp)) {                                      \
			hook_armed = 1;                                       \
			stmt;                                                 \
			hook_armed = 0;                                       \
			fail("not reported: %s", #stmt);                     \
		}                                                             \
		CHECK(hook_ptr == (void *)(ptr), "%s: reported %p, want %p",  \
		      #stmt, hook_ptr, (void *)(ptr));                        \
		CHECK(strstr(hook_what, word), "%s: reported \"%s\"", #stmt,  \
		      hook_what);                                             \
		ts_alloc_stats_get(a, &after_);                               \
		CHECK(before_.free_bytes == after_.free_bytes,                \
		      "%s: state changed before the report", #stmt);          \
		check_invariants();                                           \
	} while (0)

/* Frees of every offset of a class-c object that starts no object, and
 * a double free. (A function of its own: setjmp in a loop body would
 * leave the loop's variables unreliable.) */
static void class_report(struct ts_alloc *a, uint8_t *p, const char *word)
{
	EXPECT_REPORT(ts_free(a, p), p, word);
}

static void class_reports(struct ts_alloc *a, unsigned int c)
{
	unsigned int size = ((const struct buddy *)a)->class_size[c];
	uint8_t *o = ts_malloc(a, size), *o2 = ts_malloc(a, size);

	CHECK(o && o2, "malloc(%u) failed", size);
	for (unsigned int k = 16; k < size; k += 16)
		class_report(a, o + k, "does not start");
	ts_free(a, o2);
	ts_free(a, o);
	class_report(a, o, "double free");
}

/* What every build reports: the checks of constant cost. */
static void test_reports(void)
{
	struct ts_alloc *a = fresh(4 * MIB);
	uint8_t *s, *s2, *l, *pg, *fresh384, *o48, *t;
	int local;

	model_complete = false; /* this case allocates outside the model */
	s = ts_malloc(a, 24);
	s2 = ts_malloc(a, 24);
	l = ts_malloc(a, 3 * PAGE);
	pg = ts_palloc(a, 4);
	fresh384 = ts_malloc(a, 300);
	o48 = ts_malloc(a, 40);
	CHECK(s && s2 && l && pg && fresh384 && o48, "setup allocations failed");

	ts_free(a, s);
	EXPECT_REPORT(ts_free(a, s), s, "double free");
	EXPECT_REPORT(ts_realloc(a, s, 100), s, "double free");
	EXPECT_REPORT(ts_free(a, s2 + 16), s2 + 16, "does not start");
	EXPECT_REPORT(ts_free(a, o48 + 16), o48 + 16, "does not start");
	EXPECT_REPORT(ts_free(a, o48 + 32), o48 + 32, "does not start");
	EXPECT_REPORT(ts_realloc(a, o48 + 16, 10), o48 + 16, "does not start");
	EXPECT_REPORT(ts_free(a, fresh384 + 384), fresh384 + 384, "does not start");
	EXPECT_REPORT(ts_free(a, l + 8), l + 8, "does not start");
	EXPECT_REPORT(ts_free(a, l + PAGE), l + PAGE, "inside an allocated block");
	EXPECT_REPORT(ts_free(a, &local), &local, "outside the heap");
	EXPECT_REPORT(ts_realloc(a, &local, 10), &local, "outside the heap");
	EXPECT_REPORT(ts_free(a, regions[0].base), regions[0].base, "outside the heap");
	EXPECT_REPORT(ts_free(a, pg), pg, "palloc");
	EXPECT_REPORT(ts_pfree(a, l, 1), l, "from malloc");
	EXPECT_REPORT(ts_pfree(a, s2, 1), s2, "not page aligned");
	EXPECT_REPORT(ts_pfree(a, pg, SIZE_MAX / 2), pg, "past the end");
	EXPECT_REPORT(ts_pfree(a, pg + 1, 1), pg + 1, "not page aligned");
	EXPECT_REPORT(ts_pfree(a, &local, 1), &local, "outside the heap");
	ts_pfree(a, pg + 2 * PAGE, 2);
	EXPECT_REPORT(ts_pfree(a, pg + 2 * PAGE, 2), pg + 2 * PAGE, "double pfree");

	/* A live object holding what a free object's tag looks like is freed
	 * normally (the free list says it is live); freeing it again is
	 * reported. A freed object malloc hands out again has no tag left. */
	t = ts_malloc(a, 24);
	CHECK(t, "malloc failed");
	{
		uint64_t w = BUDDY_FREED_TAG << 16 | 0x1234;

		memcpy(t, &w, sizeof w);
	}
	ts_free(a, t);
	EXPECT_REPORT(ts_free(a, t), t, "double free");
	CHECK(ts_malloc(a, 24) == t, "the last freed object is not handed out first");
	{
		uint64_t w;

		memcpy(&w, t, sizeof w);
		CHECK(w >> 16 != BUDDY_FREED_TAG, "a handed-out object still carries the freed tag");
	}
	ts_free(a, t);

	for (unsigned int c = 0; c < BUDDY_NCLASSES; c++)
		class_reports(a, c);

	ts_pfree(a, pg, 2);
	ts_free(a, l);
	EXPECT_REPORT(ts_free(a, l), l, "double free");
	ts_free(a, s2);
	ts_free(a, fresh384);
	ts_free(a, o48);
	check_invariants();
	model_complete = true;
	regions_free();
}

#if CONFIG_LIBALLOCBUDDY_DEBUG
/* What only the debug option reports: the checks that walk. */
static void test_debug_reports(void)
{
	struct ts_alloc *a = fresh(4 * MIB);
	uint8_t *pg, *s;

	model_complete = false; /* this case allocates outside the model */
	pg = ts_palloc(a, 4);
	s = ts_malloc(a, 24);
	CHECK(pg && s, "setup allocations failed");

	ts_pfree(a, pg + 2 * PAGE, 2);
	EXPECT_REPORT(ts_pfree(a, pg, 4), pg + 2 * PAGE, "double pfree");
	EXPECT_REPORT(ts_pfree(a, pg + 3 * PAGE, 1), pg + 3 * PAGE, "double pfree");
	ts_pfree(a, pg, 2);
	EXPECT_REPORT(ts_pfree(a, pg, 1), pg, "double pfree");

	/* A double free after a write that erased the freed tag. */
	ts_free(a, s);
	memset(s + 2, 0, 6);
	EXPECT_REPORT(ts_free(a, s), s, "double free");

	/* A write after free that breaks a slab's free list is noticed. */
	{
		uint8_t *x = ts_malloc(a, 40), *y = ts_malloc(a, 40), *z = ts_malloc(a, 40);

		CHECK(x && y && z, "setup allocations failed");
		ts_free(a, x);
		ts_free(a, y);
		memset(y, 0x55, 2); /* y heads the free list; its link now points nowhere */
		EXPECT_REPORT(ts_free(a, z), (uintptr_t)y - ((uintptr_t)y & (PAGE - 1)) + 0x5555,
			      "overwritten");
		memset(y, 0xff, 2); /* end the list at y: x is lost, which is harmless here */
		ts_free(a, z);
	}

	check_invariants();
	model_complete = true;
	regions_free();
}
#endif

static int run(const char *name, void (*fn)(void))
{
	if (setjmp(case_jmp)) {
		hook_armed = 0;
		model_complete = true;
		printf("FAIL %s: %s\n", name, why);
		regions_free();
		return 1;
	}
	fn();
	printf("ok %s\n", name);
	return 0;
}

int main(void)
{
	int failed = 0;

	/* Sanitizer reports end the process without flushing stdio. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	failed += run("create_limits", test_create_limits);
	failed += run("small_density", test_small_density);
	failed += run("memalign", test_memalign);
	failed += run("realloc", test_realloc);
	failed += run("overflow", test_overflow);
	failed += run("oom", test_oom);
	failed += run("runs", test_runs);
	failed += run("addmem", test_addmem);
	failed += run("random", test_random);
	failed += run("reports", test_reports);
#if CONFIG_LIBALLOCBUDDY_DEBUG
	failed += run("debug_reports", test_debug_reports);
#endif
	free(scratch);
	return failed ? 1 : 0;
}
