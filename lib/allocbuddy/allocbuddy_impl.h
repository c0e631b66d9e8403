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

/*
 * Called by the debug checks when a caller hands back memory that is not
 * live: the kernel's version (allocbuddy_report.c) prints and halts.
 */
_Noreturn void ts_allocbuddy_corruption(const char *what, void *ptr);

/*
 * Debug checks, run before any state changes. They return true if the
 * call may go ahead; the kernel's report never returns. Without debug
 * they compile to nothing.
 */
#if CONFIG_LIBALLOCBUDDY_DEBUG
bool ts_allocbuddy_check_free(const struct buddy *b, const struct bzone *z,
			      uintptr_t p);
bool ts_allocbuddy_check_pfree(const struct buddy *b, const struct bzone *z,
			       uintptr_t p, size_t npages);
#else
static inline bool ts_allocbuddy_check_free(const struct buddy *b,
				    const struct bzone *z, uintptr_t p)
{
	(void)b;
	(void)z;
	(void)p;
	return true;
}

static inline bool ts_allocbuddy_check_pfree(const struct buddy *b,
				     const struct bzone *z, uintptr_t p,
				     size_t npages)
{
	(void)b;
	(void)z;
	(void)p;
	(void)npages;
	return true;
}
#endif

#endif
