/*
 * qsort_test.c: qsort against the host's on random arrays (many element
 * sizes, many duplicates, sorted and reversed input), and bsearch
 * against a linear search.
 */
#include <stdlib.h>
#include <string.h>
#include "check.h"

void ref_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) __asm__("qsort");
int ref_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");
void *ref_memcpy(void *d, const void *s, size_t n) __asm__("memcpy");

static size_t elem_size; /* for cmp_bytes */
static long ncmp;

/* Whole elements compared as byte strings: a total order, so any correct sort gives one result. */
static int cmp_bytes(const void *a, const void *b)
{
	ncmp++;
	return ref_memcmp(a, b, elem_size);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	ncmp++;
	return (x > y) - (x < y);
}

static void qsort_random(void)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 8, 12, 16, 24, 33 };
	int round;

	for (round = 0; round < 1500; round++) {
		size_t n = rnd_below(round < 1000 ? 64 : 2000), size = sizes[rnd_below(9)], i;
		unsigned int range = round % 3 == 0 ? 3 : 256; /* few distinct values: many duplicates */
		unsigned char *a = ref_malloc(n * size + 1), *b = ref_malloc(n * size + 1);

		for (i = 0; i < n * size; i++)
			a[i] = (unsigned char)rnd_below(range);
		if (round % 7 == 1) { /* already sorted, or reversed */
			elem_size = size;
			ref_qsort(a, n, size, cmp_bytes);
			if (round % 2)
				for (i = 0; i < n / 2; i++) {
					unsigned char t[64];

					ref_memcpy(t, a + i * size, size);
					ref_memcpy(a + i * size, a + (n - 1 - i) * size, size);
					ref_memcpy(a + (n - 1 - i) * size, t, size);
				}
		}
		ref_memcpy(b, a, n * size);
		elem_size = size;
		qsort(a, n, size, cmp_bytes);
		ref_qsort(b, n, size, cmp_bytes);
		CHECK(!ref_memcmp(a, b, n * size), "round %d: n=%zu size=%zu", round, n, size);
		ref_free(a);
		ref_free(b);
	}
}

/* Heapsort's promise: O(n log n) comparisons even on bad input. */
static void qsort_comparisons(void)
{
	enum { N = 1 << 14 };
	static int a[N];
	int i, pass;

	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < N; i++)
			a[i] = pass == 0 ? i : pass == 1 ? N - i : (int)(rnd() % 1000);
		ncmp = 0;
		qsort(a, N, sizeof *a, cmp_int);
		for (i = 1; i < N; i++)
			CHECK(a[i - 1] <= a[i], "pass %d not sorted at %d", pass, i);
		CHECK(ncmp <= 2L * N * 14, "pass %d: %ld comparisons for %d elements", pass, ncmp, N);
	}
	qsort(NULL, 0, sizeof *a, cmp_int); /* nothing to do, must not touch base */
	qsort(a, 1, 0, cmp_int);
}

static void bsearch_sorted(void)
{
	int round;

	for (round = 0; round < 3000; round++) {
		size_t n = rnd_below(300), i;
		int *a = ref_malloc(n * sizeof *a + 1), key, *hit, found;

		for (i = 0; i < n; i++)
			a[i] = (int)rnd_below(200);
		ref_qsort(a, n, sizeof *a, cmp_int);
		for (key = -2; key < 203; key += 1 + (int)rnd_below(3)) {
			found = 0;
			for (i = 0; i < n; i++)
				found |= a[i] == key;
			hit = bsearch(&key, a, n, sizeof *a, cmp_int);
			CHECK(found ? hit && *hit == key && hit >= a && hit < a + n : !hit,
			      "key %d n=%zu: found %d, bsearch %p", key, n, found, (void *)hit);
		}
		ref_free(a);
	}
}

int main(void)
{
	RUN(qsort_random);
	RUN(qsort_comparisons);
	RUN(bsearch_sorted);
	return TESTS_DONE();
}
