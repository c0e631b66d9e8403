/* vma.c: the table of the program's mappings — a sorted array of page ranges on the default heap. */
#include <errno.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/hooks.h>
#include <ts/lock.h>
#include "vma.h"

struct vma *vma_tab;
size_t vma_n;
int vma_restricted;
int vma_shared_files;
static size_t vma_cap;
static struct ts_mutex mem_mutex = TS_MUTEX_INIT;

void mem_lock(void)
{
	ts_mutex_lock(&mem_mutex);
}

void mem_unlock(void)
{
	ts_mutex_unlock(&mem_mutex);
}

int mem_lock_unless_held(void)
{
	return ts_mutex_lock(&mem_mutex) == 0; /* -EDEADLK: ours already */
}

/* The heap is also lib/sched's (thread stacks), which guards it with
 * critical sections rather than a lock: do the same. */
static void heap_begin(void)
{
	if (ts_sched_atomic_begin_hook)
		ts_sched_atomic_begin_hook();
}

static void heap_end(void)
{
	if (ts_sched_atomic_end_hook)
		ts_sched_atomic_end_hook();
}

void *heap_pages(size_t npages)
{
	struct ts_alloc *a = ts_alloc_default();
	void *p = NULL;

	heap_begin();
	if (a)
		p = ts_palloc(a, npages);
	heap_end();
	return p;
}

void heap_free(uintptr_t start, uintptr_t end)
{
	heap_begin();
	ts_pfree(ts_alloc_default(), (void *)start, (end - start) / PAGE);
	heap_end();
}

/* Room for one more entry. The table lives on lib/alloc's heap, not
 * musl's malloc, which is itself built on mmap. */
static int vma_reserve(size_t more)
{
	if (vma_n + more <= vma_cap)
		return 0;
	size_t cap = vma_cap ? vma_cap * 2 : 64;
	while (cap < vma_n + more)
		cap *= 2;
	struct ts_alloc *a = ts_alloc_default();
	if (!a)
		return -ENOMEM;
	heap_begin();
	struct vma *t = ts_realloc(a, vma_tab, cap * sizeof(*t));
	heap_end();
	if (!t)
		return -ENOMEM;
	vma_tab = t;
	vma_cap = cap;
	return 0;
}

size_t vma_index(uintptr_t addr)
{
	size_t lo = 0, hi = vma_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vma_tab[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int vma_covers(uintptr_t start, uintptr_t end)
{
	for (size_t i = vma_index(start); i < vma_n && start < end; i++) {
		if (vma_tab[i].start > start)
			return 0;
		start = vma_tab[i].end;
	}
	return start >= end;
}

int vma_overlaps(uintptr_t start, uintptr_t end)
{
	size_t i = vma_index(start);
	return i < vma_n && vma_tab[i].start < end;
}

int vma_split(uintptr_t addr)
{
	size_t i = vma_index(addr);
	if (i == vma_n || vma_tab[i].start >= addr)
		return 0; /* already a boundary, or not inside a mapping */
	if (vma_reserve(1))
		return -ENOMEM;
	memmove(&vma_tab[i + 1], &vma_tab[i], (vma_n - i) * sizeof(*vma_tab));
	vma_n++;
	struct vma *lo = &vma_tab[i], *hi = &vma_tab[i + 1];
	lo->end = addr;
	hi->off += addr - hi->start;
	hi->start = addr;
	file_ref(hi->file);
	return 0;
}

int vma_insert(const struct vma *v)
{
	if (vma_reserve(1))
		return -ENOMEM;
	size_t i = vma_index(v->start);
	memmove(&vma_tab[i + 1], &vma_tab[i], (vma_n - i) * sizeof(*vma_tab));
	vma_tab[i] = *v;
	vma_n++;
	if (!(v->prot & PROT_WRITE))
		vma_restricted = 1;
	if (v->shared && v->file)
		vma_shared_files = 1;
	return 0;
}

int vma_detach(uintptr_t start, uintptr_t end, struct vma **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!vma_overlaps(start, end))
		return 0;
	/* Both splits need room; reserve first so a failure changes nothing. */
	if (vma_reserve(2))
		return -ENOMEM;
	vma_split(start);
	vma_split(end);
	size_t i = vma_index(start), j = i;
	while (j < vma_n && vma_tab[j].end <= end)
		j++;
	struct ts_alloc *a = ts_alloc_default();
	heap_begin();
	struct vma *o = ts_malloc(a, (j - i) * sizeof(*o));
	heap_end();
	if (!o)
		return -ENOMEM; /* the splits stay: harmless, same pages and rights */
	memcpy(o, &vma_tab[i], (j - i) * sizeof(*o));
	memmove(&vma_tab[i], &vma_tab[j], (vma_n - j) * sizeof(*vma_tab));
	vma_n -= j - i;
	*out = o;
	*n = j - i;
	return 0;
}
