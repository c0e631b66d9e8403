/* malloc.c: the C heap functions on lib/alloc's default allocator. */
#include <errno.h>
#include <stdlib.h>
#include <ts/alloc.h>
#include <ts/hooks.h>

/* The default heap, or NULL with errno = ENOMEM when the image has none. */
static struct ts_alloc *heap(void)
{
	struct ts_alloc *a = ts_alloc_default();

	if (!a)
		errno = ENOMEM;
	return a;
}

/* p, after setting errno when it is a failure (NULL for a non-zero size). */
static void *checked(void *p, size_t size)
{
	if (!p && size)
		errno = ENOMEM;
	return p;
}

/* The allocators are not reentrant: under a preemptive scheduler each call
 * is a critical section (lib/sched's, when linked; nolibc does not depend
 * on it). */
static void enter(void)
{
	if (ts_sched_atomic_begin_hook)
		ts_sched_atomic_begin_hook();
}

static void leave(void)
{
	if (ts_sched_atomic_end_hook)
		ts_sched_atomic_end_hook();
}

static int bad_align(size_t align)
{
	return !align || (align & (align - 1));
}

static void *locked_malloc(size_t size)
{
	struct ts_alloc *a = heap();

	/* size 0 counts as non-zero: the allocator owes a unique pointer */
	return a ? checked(ts_malloc(a, size), 1) : NULL;
}

static void *locked_calloc(size_t n, size_t size)
{
	struct ts_alloc *a = heap();
	size_t total;

	if (!a)
		return NULL;
	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return checked(ts_calloc(a, n, size), 1);
}

static void *locked_realloc(void *p, size_t size)
{
	struct ts_alloc *a = heap();

	/* size 0 with p != NULL frees p: a NULL result is then no failure */
	return a ? checked(ts_realloc(a, p, size), size || !p) : NULL;
}

static void locked_free(void *p)
{
	struct ts_alloc *a;

	if (!p)
		return;
	a = ts_alloc_default();
	if (a)
		ts_free(a, p);
}

static void *locked_memalign(size_t align, size_t size)
{
	struct ts_alloc *a;

	if (bad_align(align)) {
		errno = EINVAL;
		return NULL;
	}
	a = heap();
	return a ? checked(ts_memalign(a, align, size), 1) : NULL;
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

static int locked_posix_memalign(void **memptr, size_t align, size_t size)
{
	struct ts_alloc *a;
	void *p;

	if (bad_align(align) || align % sizeof(void *))
		return EINVAL;
	a = ts_alloc_default();
	if (!a)
		return ENOMEM;
	p = ts_memalign(a, align, size);
	if (!p)
		return ENOMEM;
	*memptr = p;
	return 0;
}

/* The public entry points: the locked_* bodies inside a critical section. */
void *malloc(size_t size)
{
	enter();
	void *p = locked_malloc(size);
	leave();
	return p;
}

void *calloc(size_t n, size_t size)
{
	enter();
	void *p = locked_calloc(n, size);
	leave();
	return p;
}

void *realloc(void *p, size_t size)
{
	enter();
	void *q = locked_realloc(p, size);
	leave();
	return q;
}

void free(void *p)
{
	enter();
	locked_free(p);
	leave();
}

void *memalign(size_t align, size_t size)
{
	enter();
	void *p = locked_memalign(align, size);
	leave();
	return p;
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	enter();
	int err = locked_posix_memalign(memptr, align, size);
	leave();
	return err;
}
