/* Memory allocator interface: the heap API that every allocator implements. */
#ifndef TS_ALLOC_H
#define TS_ALLOC_H

#include <stddef.h>
#include <errno.h>

/* Unit of ts_palloc()/ts_pfree(): pages are 4 KiB and 4 KiB aligned. */
#define TS_ALLOC_PAGE_SIZE 4096

struct ts_alloc;

/* Figures filled in by ts_alloc_stats_get(). */
struct ts_alloc_stats {
	/*
	 * Bytes that new allocations can still draw from, counted in whole
	 * free pages (free space inside partly used pages of a small-object
	 * layer is not included). Right after creation, and again once
	 * everything has been freed, it equals the allocator's maximum.
	 */
	size_t free_bytes;
	/* Bytes under management, the allocator's own metadata excluded. */
	size_t total_bytes;
};

/*
 * An allocator instance: a table of hooks that the implementation fills
 * in. Callers never call the hooks directly but use the ts_* wrappers
 * below, which deal with the edge cases (NULL pointers, zero counts,
 * invalid alignments, calloc overflow) so that the hooks only see:
 *   malloc    any size, 0 included (returns a unique, freeable pointer);
 *   calloc    optional (NULL: the wrapper uses malloc + memset); called
 *             with n * size already checked for overflow;
 *   memalign  align a power of two, any size;
 *   realloc   p != NULL and size > 0;
 *   free      p != NULL;
 *   palloc    npages > 0;
 *   pfree     p != NULL and npages > 0;
 *   addmem    any region (the hook validates it);
 *   stats     st != NULL.
 * Every allocating hook returns NULL on failure (out of memory, sizes
 * that overflow) and leaves the allocator usable. malloc, calloc,
 * realloc and memalign return memory aligned to at least 16 bytes.
 * Allocators are not thread- or interrupt-safe: callers serialise.
 */
struct ts_alloc {
	void *(*malloc)(struct ts_alloc *a, size_t size);
	void *(*calloc)(struct ts_alloc *a, size_t n, size_t size);
	void *(*memalign)(struct ts_alloc *a, size_t align, size_t size);
	void *(*realloc)(struct ts_alloc *a, void *p, size_t size);
	void (*free)(struct ts_alloc *a, void *p);
	void *(*palloc)(struct ts_alloc *a, size_t npages);
	void (*pfree)(struct ts_alloc *a, void *p, size_t npages);
	int (*addmem)(struct ts_alloc *a, void *base, size_t len);
	void (*stats)(struct ts_alloc *a, struct ts_alloc_stats *st);
};

/*
 * Allocate size bytes (16-byte aligned). size 0 gives a unique pointer
 * that must be freed like any other. Returns NULL when out of memory.
 */
static inline void *ts_malloc(struct ts_alloc *a, size_t size)
{
	return a->malloc(a, size);
}

/*
 * Allocate n * size bytes, zeroed. Returns NULL when out of memory or
 * when n * size overflows size_t.
 */
static inline void *ts_calloc(struct ts_alloc *a, size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total))
		return NULL;
	if (a->calloc)
		return a->calloc(a, n, size);
	p = a->malloc(a, total);
	if (p)
		__builtin_memset(p, 0, total);
	return p;
}

/*
 * Resize the block p to size bytes, keeping its contents up to the
 * smaller of the two sizes; the block may move. C semantics: p NULL acts
 * as ts_malloc(a, size); size 0 frees p and returns NULL. On failure
 * returns NULL and p stays valid and unchanged.
 */
static inline void *ts_realloc(struct ts_alloc *a, void *p, size_t size)
{
	if (!p)
		return a->malloc(a, size);
	if (!size) {
		a->free(a, p);
		return NULL;
	}
	return a->realloc(a, p, size);
}

/*
 * Allocate size bytes aligned to align, which must be a power of two
 * (any size; alignments below 16 give 16). Free with ts_free(). Returns
 * NULL when align is not a power of two or when out of memory.
 */
static inline void *ts_memalign(struct ts_alloc *a, size_t align, size_t size)
{
	if (!align || (align & (align - 1)))
		return NULL;
	return a->memalign(a, align, size);
}

/* Free a block from ts_malloc/calloc/realloc/memalign. NULL is ignored. */
static inline void ts_free(struct ts_alloc *a, void *p)
{
	if (p)
		a->free(a, p);
}

/*
 * Allocate npages contiguous pages of TS_ALLOC_PAGE_SIZE bytes, page
 * aligned, not zeroed. Returns NULL when npages is 0 or too large, or
 * when out of memory. Pages are released with ts_pfree(), never ts_free().
 */
static inline void *ts_palloc(struct ts_alloc *a, size_t npages)
{
	if (!npages)
		return NULL;
	return a->palloc(a, npages);
}

/*
 * Release npages pages starting at p. The range must lie inside memory
 * obtained from ts_palloc(); it may be any page-aligned part of it, so a
 * run can be given back piecewise. p NULL or npages 0 does nothing.
 */
static inline void ts_pfree(struct ts_alloc *a, void *p, size_t npages)
{
	if (p && npages)
		a->pfree(a, p, npages);
}

/*
 * Hand the region [base, base + len) to the allocator, which keeps its
 * metadata inside it. Regions need not be contiguous with earlier ones.
 * Returns 0, -EINVAL if the region is too small to be useful or overlaps
 * memory the allocator already manages, -ENOSPC if the allocator cannot
 * track more regions, -ENOSYS if the allocator cannot grow.
 */
static inline int ts_alloc_addmem(struct ts_alloc *a, void *base, size_t len)
{
	if (!a->addmem)
		return -ENOSYS;
	return a->addmem(a, base, len);
}

/* Fill st with the allocator's current figures (see struct ts_alloc_stats). */
static inline void ts_alloc_stats_get(struct ts_alloc *a, struct ts_alloc_stats *st)
{
	a->stats(a, st);
}

/*
 * The default heap. The first call builds it with ts_alloc_heap_init()
 * (unless that already ran or someone set a default); NULL when there is
 * no allocator in the image or no region could hold one.
 */
struct ts_alloc *ts_alloc_default(void);
void ts_alloc_set_default(struct ts_alloc *a);

/*
 * Build the default heap from the platform's free RAM regions: the first
 * registered allocator (<ts/alloc_impl.h>) is created on the first region it accepts, every
 * other region is added with addmem (regions it refuses are skipped), and
 * the result becomes the default. Runs once, on the first
 * ts_alloc_default() call (normally the first malloc), not at boot.
 * Returns 0 (also when no allocator is registered: no heap then) or
 * -ENOMEM when no region can hold an allocator.
 */
int ts_alloc_heap_init(void);

#endif
