/* qsort.c: qsort (heapsort: O(n log n) worst case, no recursion, no memory) and bsearch. */
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	char t;

	for (; size; size--, a++, b++) {
		t = *a;
		*a = *b;
		*b = t;
	}
}

/* Move element i down the max-heap base[0..n) until both children are smaller. */
static void sift_down(char *base, size_t i, size_t n, size_t size, cmp_fn cmp)
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	char *b = base;
	size_t i;

	if (n < 2 || !size)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	/* Repeatedly move the largest element behind the shrinking heap. */
	for (i = n - 1; i > 0; i--) {
		swap(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
	const char *b = base, *mid;
	int c;

	while (n) {
		mid = b + n / 2 * size;
		c = cmp(key, mid);
		if (!c)
			return (void *)mid;
		if (c > 0) { /* key is in the upper half, past mid */
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
