/* Host tests for lib/alloc: the inline wrappers' edge cases, the default heap, and heap setup from memory regions. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/plat/memory.h>
#include "alloc_section.h"
#include "hosttest.h"

/* ---- a fake allocator that records what reaches its hooks ---- */

struct fake {
	struct ts_alloc a;
	int calls;            /* hook calls of any kind */
	const char *last;     /* name of the last hook called */
	size_t arg1, arg2;    /* its size-like arguments */
	void *parg;           /* its pointer argument */
	int addmem_ret;
};

static struct fake *F(struct ts_alloc *a)
{
	return (struct fake *)a;
}

static void note(struct ts_alloc *a, const char *hook, void *p, size_t x, size_t y)
{
	F(a)->calls++;
	F(a)->last = hook;
	F(a)->parg = p;
	F(a)->arg1 = x;
	F(a)->arg2 = y;
}

/* Memory from host malloc, filled with garbage so calloc's zeroing shows. */
static void *fake_malloc(struct ts_alloc *a, size_t size)
{
	void *p;

	note(a, "malloc", NULL, size, 0);
	if (size > 1 << 20)
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
		memset(p, 0xaa, size);
	return p;
}

static void *fake_calloc(struct ts_alloc *a, size_t n, size_t size)
{
	note(a, "calloc", NULL, n, size);
	return calloc(n, size);
}

static void *fake_memalign(struct ts_alloc *a, size_t align, size_t size)
{
	note(a, "memalign", NULL, align, size);
	return NULL;
}

static void *fake_realloc(struct ts_alloc *a, void *p, size_t size)
{
	note(a, "realloc", p, size, 0);
	return realloc(p, size);
}

static void fake_free(struct ts_alloc *a, void *p)
{
	note(a, "free", p, 0, 0);
	free(p);
}

static void *fake_palloc(struct ts_alloc *a, size_t n)
{
	note(a, "palloc", NULL, n, 0);
	return NULL;
}

static void fake_pfree(struct ts_alloc *a, void *p, size_t n)
{
	note(a, "pfree", p, n, 0);
}

static int fake_addmem(struct ts_alloc *a, void *base, size_t len)
{
	note(a, "addmem", base, len, 0);
	return F(a)->addmem_ret;
}

static void fake_stats(struct ts_alloc *a, struct ts_alloc_stats *st)
{
	note(a, "stats", st, 0, 0);
	st->free_bytes = 111;
	st->total_bytes = 222;
}

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->a.malloc = fake_malloc;
	f->a.calloc = NULL;
	f->a.memalign = fake_memalign;
	f->a.realloc = fake_realloc;
	f->a.free = fake_free;
	f->a.palloc = fake_palloc;
	f->a.pfree = fake_pfree;
	f->a.addmem = fake_addmem;
	f->a.stats = fake_stats;
}

#define EXPECT_HOOK(f, hook, x, y)                                            \
	CHECK((f).last && !strcmp((f).last, hook) && (f).arg1 == (x) &&       \
	      (f).arg2 == (y), "expected %s(%zu, %zu), got %s(%zu, %zu)", hook, \
	      (size_t)(x), (size_t)(y), (f).last ? (f).last : "nothing",      \
	      (f).arg1, (f).arg2)

static void test_calloc(void)
{
	struct fake f;
	unsigned char *p;
	size_t i;

	fake_init(&f);
	CHECK(!ts_calloc(&f.a, SIZE_MAX / 2, 3), "calloc overflow not caught");
	CHECK(!ts_calloc(&f.a, (size_t)1 << 32, (size_t)1 << 32), "calloc 2^64 not caught");
	CHECK(!ts_calloc(&f.a, SIZE_MAX, SIZE_MAX), "calloc max*max not caught");
	CHECK(f.calls == 0, "overflowing calloc reached the allocator");
	p = ts_calloc(&f.a, 10, 100);
	CHECK(p, "calloc(10, 100) failed");
	EXPECT_HOOK(f, "malloc", 1000, 0);
	for (i = 0; p && i < 1000; i++)
		CHECK(p[i] == 0, "byte %zu not zeroed", i);
	free(p);
	CHECK(!ts_calloc(&f.a, 1 << 21, 1), "failed malloc must make calloc fail");
	p = ts_calloc(&f.a, 0, 5);
	CHECK(p, "calloc(0, 5) failed");
	free(p);
	f.a.calloc = fake_calloc;
	p = ts_calloc(&f.a, 7, 9);
	EXPECT_HOOK(f, "calloc", 7, 9);
	free(p);
	f.calls = 0;
	CHECK(!ts_calloc(&f.a, SIZE_MAX / 2, 3) && f.calls == 0,
	      "overflow must be caught before the calloc hook too");
}

static void test_realloc_free(void)
{
	struct fake f;
	void *p, *q;

	fake_init(&f);
	p = ts_realloc(&f.a, NULL, 33);
	CHECK(p, "realloc(NULL, 33) failed");
	EXPECT_HOOK(f, "malloc", 33, 0);
	q = ts_realloc(&f.a, p, 66);
	CHECK(q, "realloc(p, 66) failed");
	EXPECT_HOOK(f, "realloc", 66, 0);
	CHECK(f.parg == p, "realloc hook got %p, not %p", f.parg, p);
	CHECK(ts_realloc(&f.a, q, 0) == NULL, "realloc(p, 0) must return NULL");
	CHECK(f.last && !strcmp(f.last, "free") && f.parg == q, "realloc(p, 0) must free p");
	f.calls = 0;
	ts_free(&f.a, NULL);
	CHECK(f.calls == 0, "ts_free(NULL) reached the allocator");
	p = ts_malloc(&f.a, 0);
	EXPECT_HOOK(f, "malloc", 0, 0);
	ts_free(&f.a, p);
	CHECK(f.last && !strcmp(f.last, "free") && f.parg == p, "ts_free(p) did not free");
}

static void test_memalign(void)
{
	static const size_t bad[] = { 0, 3, 6, 24, 48, 4095, 4097, SIZE_MAX, ((size_t)1 << 63) + 1 };
	struct fake f;
	unsigned int i;

	fake_init(&f);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!ts_memalign(&f.a, bad[i], 16), "alignment %zu accepted", bad[i]);
	CHECK(f.calls == 0, "bad alignments reached the allocator");
	for (i = 0; i < 64; i++) {
		size_t align = (size_t)1 << i;

		ts_memalign(&f.a, align, 100);
		EXPECT_HOOK(f, "memalign", align, 100);
	}
}

static void test_pages_addmem_stats(void)
{
	struct fake f;
	struct ts_alloc_stats st;
	char buf[64];

	fake_init(&f);
	CHECK(!ts_palloc(&f.a, 0) && f.calls == 0, "palloc(0) reached the allocator");
	ts_palloc(&f.a, 5);
	EXPECT_HOOK(f, "palloc", 5, 0);
	f.calls = 0;
	ts_pfree(&f.a, NULL, 3);
	ts_pfree(&f.a, buf, 0);
	CHECK(f.calls == 0, "pfree(NULL) or pfree(p, 0) reached the allocator");
	ts_pfree(&f.a, buf, 3);
	EXPECT_HOOK(f, "pfree", 3, 0);
	CHECK(f.parg == buf, "pfree pointer lost");
	f.addmem_ret = -EINVAL;
	CHECK(ts_alloc_addmem(&f.a, buf, sizeof(buf)) == -EINVAL, "addmem result not passed on");
	EXPECT_HOOK(f, "addmem", sizeof(buf), 0);
	f.a.addmem = NULL;
	CHECK(ts_alloc_addmem(&f.a, buf, sizeof(buf)) == -ENOSYS, "addmem without hook");
	memset(&st, 0xff, sizeof(st)); /* nothing the hook would write */
	ts_alloc_stats_get(&f.a, &st);
	CHECK(st.free_bytes == 111 && st.total_bytes == 222, "stats not passed on");
}

/* ---- heap setup: registered allocators and fake memory regions ---- */

static struct ts_memregion fake_regions[8];
static unsigned int n_fake_regions;

int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r)
{
	if (i >= n_fake_regions)
		return -ENOENT;
	*r = fake_regions[i];
	return 0;
}

/* The first registered allocator: takes regions of 64 KiB or more. */
static struct fake heap;
static uintptr_t created_on[8];
static unsigned int n_created;
static uintptr_t added[8];
static unsigned int n_added;

static int heap_addmem(struct ts_alloc *a, void *base, size_t len)
{
	(void)a;
	if (n_added < 8)
		added[n_added++] = (uintptr_t)base;
	return len < 8192 ? -EINVAL : 0; /* refusals must not stop the setup */
}

static struct ts_alloc *heap_create(void *base, size_t len)
{
	if (n_created < 8)
		created_on[n_created++] = (uintptr_t)base;
	if (len < 65536)
		return NULL;
	fake_init(&heap);
	heap.a.addmem = heap_addmem;
	return &heap.a;
}
TS_ALLOC_REGISTER(first, heap_create);

/* A second allocator, registered by second_impl.c (linked after this file). */
extern int second_calls;
struct ts_alloc *second_create(void *base, size_t len);

static void test_registration(void)
{
	const struct ts_alloc_impl *p = __ts_allocators_start;

	__asm__("" : "+r"(p));
	CHECK(__ts_allocators_end - p == 2, "%td allocators in the section, want 2",
	      __ts_allocators_end - p);
	if (__ts_allocators_end - p == 2) {
		CHECK(!strcmp(p[0].name, "first") && p[0].create == heap_create,
		      "entry 0 is %s", p[0].name);
		CHECK(!strcmp(p[1].name, "second") && p[1].create == second_create,
		      "entry 1 is %s", p[1].name);
	}
}

static void regions_set(const size_t *lens, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		fake_regions[i].base = 0x100000 * (i + 1);
		fake_regions[i].len = lens[i];
	}
	n_fake_regions = n;
	n_created = n_added = 0;
	second_calls = 0;
}

static void test_heap_init(void)
{
	static const size_t lens[] = { 4096, 1 << 20, 65536, 4096 * 4 };
	static const size_t small[] = { 4096, 8192 };

	CHECK(ts_alloc_default() == NULL, "default heap set before init");
	ts_alloc_set_default(NULL);
	regions_set(small, 2);
	CHECK(ts_alloc_heap_init() == -ENOMEM, "no usable region must give -ENOMEM");
	CHECK(ts_alloc_default() == NULL, "failed init set a default heap");
	CHECK(n_created == 2 && n_added == 0, "tried %u creates, %u addmems", n_created, n_added);

	regions_set(lens, 4);
	CHECK(ts_alloc_heap_init() == 0, "heap init failed");
	CHECK(ts_alloc_default() == &heap.a, "default heap is not the created one");
	CHECK(n_created == 2 && created_on[0] == 0x100000 && created_on[1] == 0x200000,
	      "create not tried in region order until one fits (%u tries)", n_created);
	CHECK(n_added == 3 && added[0] == 0x100000 && added[1] == 0x300000 &&
	      added[2] == 0x400000, "other regions not all added (%u)", n_added);
	CHECK(second_calls == 0, "the second allocator was used");

	ts_alloc_set_default(NULL);
	CHECK(ts_alloc_default() == NULL, "set_default(NULL) did not clear");
	regions_set(lens, 0);
	CHECK(ts_alloc_heap_init() == -ENOMEM, "no regions at all must give -ENOMEM");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	hosttest_run("calloc", test_calloc);
	hosttest_run("realloc_free", test_realloc_free);
	hosttest_run("memalign", test_memalign);
	hosttest_run("pages_addmem_stats", test_pages_addmem_stats);
	hosttest_run("registration", test_registration);
	hosttest_run("heap_init", test_heap_init);
	return hosttest_status();
}
