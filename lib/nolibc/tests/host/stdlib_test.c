/*
 * stdlib_test.c: the malloc family on a stub default heap (present,
 * absent, failing), getenv over environ, rand/srand, abs and div.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/nolibc.h>
#include "check.h"
#include "stubs.h"


static void malloc_family(void)
{
	char *p, *q;
	void *a;
	int r;

	p = malloc(100);
	CHECK(p && ((uintptr_t)p & 15) == 0, "malloc(100) = %p", (void *)p);
	memset(p, 'x', 100);
	q = realloc(p, 5000);
	CHECK(q && q[0] == 'x' && q[99] == 'x', "realloc grew badly");
	p = realloc(q, 10);
	CHECK(p && p[9] == 'x', "realloc shrank badly");
	free(p);
	free(NULL);
	p = realloc(NULL, 7); /* malloc */
	CHECK(p != NULL, "realloc(NULL, 7)");
	errno = 0;
	CHECK(realloc(p, 0) == NULL && errno == 0, "realloc(p, 0) frees: errno %d", errno);
	p = malloc(0);
	CHECK(p != NULL, "malloc(0) gives a unique pointer");
	free(p);

	p = calloc(10, 10);
	CHECK(p && !memcmp(p, (char[100]){ 0 }, 100), "calloc not zeroed");
	free(p);
	errno = 0;
	CHECK(!calloc(SIZE_MAX / 2, 3) && errno == ENOMEM, "calloc overflow: errno %d", errno);

	a = aligned_alloc(256, 256);
	CHECK(a && ((uintptr_t)a & 255) == 0 && stub_heap_last_align == 256, "aligned_alloc %p", a);
	free(a);
	a = memalign(64, 10);
	CHECK(a && ((uintptr_t)a & 63) == 0, "memalign %p", a);
	free(a);
	errno = 0;
	CHECK(!memalign(48, 10) && errno == EINVAL, "memalign(48): errno %d", errno);
	errno = 0;
	CHECK(!aligned_alloc(0, 10) && errno == EINVAL, "aligned_alloc(0): errno %d", errno);
	a = (void *)1;
	r = posix_memalign(&a, 4096, 100);
	CHECK(r == 0 && a && ((uintptr_t)a & 4095) == 0, "posix_memalign: %d %p", r, a);
	free(a);
	a = (void *)1;
	CHECK(posix_memalign(&a, 4, 8) == EINVAL && posix_memalign(&a, 24, 8) == EINVAL && a == (void *)1,
	      "posix_memalign bad alignments");
}

static void malloc_out_of_memory(void)
{
	void *a = (void *)1;
	char *p;

	p = malloc(8);
	stub_heap_fail = 1;
	errno = 0;
	CHECK(!malloc(10) && errno == ENOMEM, "malloc: errno %d", errno);
	errno = 0;
	CHECK(!malloc(0) && errno == ENOMEM, "malloc(0): errno %d", errno);
	errno = 0;
	CHECK(!calloc(2, 2) && errno == ENOMEM, "calloc: errno %d", errno);
	errno = 0;
	CHECK(!realloc(p, 100) && errno == ENOMEM, "realloc: errno %d", errno);
	errno = 0;
	CHECK(!memalign(32, 100) && errno == ENOMEM, "memalign: errno %d", errno);
	errno = 0;
	CHECK(posix_memalign(&a, 32, 100) == ENOMEM && a == (void *)1 && errno == 0,
	      "posix_memalign: errno %d", errno);
	stub_heap_fail = 0;
	free(p); /* realloc's failure left p valid */
}

static void malloc_without_heap(void)
{
	void *a = (void *)1;

	stub_heap_present = 0;
	errno = 0;
	CHECK(!malloc(1) && errno == ENOMEM, "malloc: errno %d", errno);
	errno = 0;
	CHECK(!calloc(1, 1) && errno == ENOMEM, "calloc: errno %d", errno);
	errno = 0;
	CHECK(!realloc(NULL, 1) && errno == ENOMEM, "realloc: errno %d", errno);
	errno = 0;
	CHECK(!aligned_alloc(16, 16) && errno == ENOMEM, "aligned_alloc: errno %d", errno);
	CHECK(posix_memalign(&a, 16, 16) == ENOMEM && a == (void *)1, "posix_memalign");
	free(NULL);
	stub_heap_present = 1;
}

static void getenv_environ(void)
{
	char *env[] = { "HOME=/root", "PATH=/bin:/usr/bin", "EMPTY=", "A=1", "AB=2", "EQ==x", NULL };

	environ = NULL;
	CHECK(!getenv("HOME"), "no environ");
	environ = env;
	CHECK(getenv("HOME") && !strcmp(getenv("HOME"), "/root"), "HOME");
	CHECK(getenv("PATH") == env[1] + 5, "PATH");
	CHECK(getenv("EMPTY") && !*getenv("EMPTY"), "EMPTY");
	CHECK(getenv("AB") && !strcmp(getenv("AB"), "2") && !strcmp(getenv("A"), "1"), "prefixes");
	CHECK(getenv("EQ") && !strcmp(getenv("EQ"), "=x"), "value with =");
	CHECK(!getenv("HOM") && !getenv("HOME=") && !getenv("") && !getenv("X") && !getenv("A=1"),
	      "absent names");
	environ = NULL;
}

static void rand_sequence(void)
{
	int first[5], i, r, lo = RAND_MAX, hi = 0;
	long sum = 0;

	for (i = 0; i < 5; i++)
		first[i] = rand();
	srand(1); /* C: the sequence without srand is the one of seed 1 */
	for (i = 0; i < 5; i++)
		CHECK(rand() == first[i], "seed 1 differs at %d", i);
	srand(12345);
	for (i = 0; i < 100000; i++) {
		r = rand();
		CHECK(r >= 0 && r <= RAND_MAX, "out of range: %d", r);
		lo = r < lo ? r : lo;
		hi = r > hi ? r : hi;
		sum += r & 1;
	}
	CHECK(lo < RAND_MAX / 1000 && hi > RAND_MAX - RAND_MAX / 1000 && sum > 49000 && sum < 51000,
	      "poor spread: %d..%d, %ld odd", lo, hi, sum);
}

static void abs_div(void)
{
	div_t d = div(-7, 2);
	ldiv_t ld = ldiv(7L, -2L);
	lldiv_t lld = lldiv(LLONG_MIN, 10);

	CHECK(abs(-5) == 5 && abs(5) == 5 && labs(-LONG_MAX) == LONG_MAX && llabs(-3LL) == 3, "abs");
	CHECK(d.quot == -3 && d.rem == -1 && ld.quot == -3 && ld.rem == 1, "div %d %d / %ld %ld", d.quot,
	      d.rem, ld.quot, ld.rem);
	CHECK(lld.quot == LLONG_MIN / 10 && lld.rem == -8, "lldiv");
}

int main(void)
{
	RUN(malloc_family);
	RUN(malloc_out_of_memory);
	RUN(malloc_without_heap);
	RUN(getenv_environ);
	RUN(rand_sequence);
	RUN(abs_div);
	return TESTS_DONE();
}
