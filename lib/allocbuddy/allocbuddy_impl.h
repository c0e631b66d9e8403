/* Private to lib/allocbuddy: data structures shared by the allocator, its debug checks and tests. */
#ifndef TS_ALLOCBUDDY_IMPL_H
#define TS_ALLOCBUDDY_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/alloc.h>

#define BUDDY_PAGE_SHIFT 12
#define BUDDY_PAGE_SIZE ((size_t)1 << BUDDY_PAGE_SHIFT)
#define BUDDY_ORDERS 32 /* block orders 0..31: up to 2^31 pages */
#define BUDDY_MAX_PAGES ((size_t)1 << (BUDDY_ORDERS - 1))
#define BUDDY_MAX_BYTES (BUDDY_MAX_PAGES << BUDDY_PAGE_SHIFT)
#define BUDDY_MAX_ZONES 64
#define BUDDY_NCLASSES 14
#define BUDDY_SMALL_MAX 2048 /* largest size served by a size class */
#define BUDDY_GRANULE 16     /* size classes are multiples of this */
#define BUDDY_SPARE_MAX 4    /* empty slab pages kept instead of freed */
#define BUDDY_SLAB_NONE 0xffff
/*
 * A free small object starts with a 64-bit word: the offset of the next
 * free object in bits 0..15 and this tag in bits 16..63. A free finding
 * the tag checks the page's free list (a live object may hold the same
 * bytes by chance); malloc clears it.
 */
#define BUDDY_FREED_TAG 0xf4eeb10cdeadull

/* What a page is used for; stored in its descriptor. */
enum bpage_kind {
	BP_NONE = 0, /* inside a free block or an allocated run, not its head */
	BP_FREE,     /* head of a free block of 2^order pages */
	BP_PAGES,    /* first page of a palloc run */
	BP_LARGE,    /* first page of a large malloc block */
	BP_SLAB,     /* page of small objects of size class `order` */
	BP_SPARE,    /* empty slab page kept for reuse */
};

struct blink {
	struct blink *next, *prev;
};

/* Page descriptor: one per managed page, in the zone's metadata. */
struct bpage {
	union {
		struct blink link; /* FREE, SLAB (partly used), SPARE lists */
		size_t npages;     /* LARGE: pages in the block */
	};
	uint16_t sfree;  /* SLAB: offset of first free object, or SLAB_NONE */
	uint16_t sbump;  /* SLAB: offset of the first never-used object */
	uint16_t inuse;  /* SLAB: objects handed out */
	uint8_t kind : 3;
	uint8_t order : 5; /* FREE: block order; SLAB: size class */
	uint8_t zone;      /* SLAB, SPARE: index of the owning zone */
};

/*
 * One contiguous region under management. Block orders are relative to
 * the zone's first page (page index pfn), so a block of order k starts at
 * a pfn that is a multiple of 2^k; its buddy is pfn ^ 2^k.
 */
struct bzone {
	uintptr_t base;      /* first managed page */
	size_t npages;       /* managed pages */
	struct bpage *desc;  /* npages descriptors */
	size_t nfree;        /* pages in free blocks */
	uintptr_t rbase;     /* the whole region, metadata included */
	uintptr_t rend;
	uint32_t nonempty;   /* bit k set: free[k] is not empty */
	unsigned int idx;    /* position in buddy.zones */
	struct blink free[BUDDY_ORDERS];
};

struct buddy {
	struct ts_alloc a; /* first: the ts_alloc pointer is the buddy pointer */
	unsigned int nzones;
	unsigned int nspares;
	struct bzone *zones[BUDDY_MAX_ZONES];
	struct blink partial[BUDDY_NCLASSES]; /* slabs with free objects */
	struct blink spares;
	uint16_t class_size[BUDDY_NCLASSES];
	uint16_t class_cap[BUDDY_NCLASSES]; /* objects per slab page */
	/* ceil(2^64 / class size): off is a multiple of the size exactly when
	 * off * class_div <= class_div - 1 (mod 2^64), for any off < 2^32. One
	 * multiply instead of a division on every free. */
	uint64_t class_div[BUDDY_NCLASSES];
	uint8_t class_of[BUDDY_SMALL_MAX / BUDDY_GRANULE + 1]; /* by (size+15)/16 */
};

static inline struct bzone *buddy_zone_of(const struct buddy *b, uintptr_t p)
{
	unsigned int i;

	for (i = 0; i < b->nzones; i++) {
		struct bzone *z = b->zones[i];

		if (p - z->base < (z->npages << BUDDY_PAGE_SHIFT))
			return z;
	}
	return NULL;
}

static inline size_t buddy_pfn(const struct bzone *z, uintptr_t p)
{
	return (p - z->base) >> BUDDY_PAGE_SHIFT;
}

/*
 * Head of the free block that contains page q, or SIZE_MAX if q is not
 * free. A block of order j containing q starts at q rounded down to 2^j,
 * so trying every order finds it.
 */
static inline size_t buddy_free_block_of(const struct bzone *z, size_t q)
{
	unsigned int j;

	for (j = 0; j < BUDDY_ORDERS; j++) {
		size_t h = q & ~(((size_t)1 << j) - 1);
		const struct bpage *d = &z->desc[h];

		if (d->kind == BP_FREE && q - h < ((size_t)1 << d->order))
			return h;
		if (!h)
			break;
	}
	return SIZE_MAX;
}

/* Is the offset off in a slab page of class c the start of an object? */
static inline bool buddy_slab_start(const struct buddy *b, unsigned int c, unsigned int off)
{
	return (uint64_t)off * b->class_div[c] <= b->class_div[c] - 1;
}

/*
 * Called when a caller hands back memory that is not live: the kernel's
 * version (allocbuddy_report.c) prints, with a backtrace, and halts.
 */
_Noreturn void ts_allocbuddy_corruption(const char *what, void *ptr);

/*
 * Every build (allocbuddy_check.c). The allocator's own O(1) checks send
 * a free or realloc of p that they refuse to ts_allocbuddy_bad_free, and
 * a pfree to ts_allocbuddy_bad_pfree; these find out what is wrong (at any
 * cost: this is the error path) and report it. They never return.
 * z is the zone holding p, or NULL.
 */
_Noreturn __attribute__((cold)) void ts_allocbuddy_bad_free(const struct buddy *b,
							   const struct bzone *z, uintptr_t p);
_Noreturn __attribute__((cold)) void ts_allocbuddy_bad_pfree(const struct bzone *z, uintptr_t p,
							    size_t npages);

/*
 * Is the object at offset off of slab page d (whose address is page) on
 * the page's free list? Walks the list; reports a list that a write after
 * free has broken.
 */
bool ts_allocbuddy_slab_object_free(const struct buddy *b, const struct bpage *d,
				    uintptr_t page, unsigned int off);

/*
 * What is wrong with pfree(p, npages) in zone z (NULL: outside the heap),
 * looking at every page; NULL if nothing. *where is the address to report.
 */
const char *ts_allocbuddy_pfree_problem(const struct bzone *z, uintptr_t p, size_t npages,
					uintptr_t *where);

/*
 * The debug option's checks (allocbuddy_debug.c), run before any state
 * changes and before the O(1) checks: they also walk the free list of
 * every small object freed (a double free whose tag a write after free
 * erased, broken free lists) and look at every page of a pfree. They
 * report and never return on misuse. Without debug they are nothing.
 */
#if CONFIG_LIBALLOCBUDDY_DEBUG
void ts_allocbuddy_check_free(const struct buddy *b, const struct bzone *z, uintptr_t p);
void ts_allocbuddy_check_pfree(const struct bzone *z, uintptr_t p, size_t npages);
#else
static inline void ts_allocbuddy_check_free(const struct buddy *b, const struct bzone *z,
					    uintptr_t p)
{
	(void)b;
	(void)z;
	(void)p;
}

static inline void ts_allocbuddy_check_pfree(const struct bzone *z, uintptr_t p, size_t npages)
{
	(void)z;
	(void)p;
	(void)npages;
}
#endif

#endif
