/* mem.c: memcpy, memmove, memset, memcmp, memchr (the compiler relies on the first four). */
#include <stdint.h>
#include <string.h>

/*
 * Copies and fills go a machine word at a time once the pointers are
 * aligned, bytes otherwise. The word type may alias anything, so this is
 * no strict-aliasing violation. The library is built with
 * -fno-tree-loop-distribute-patterns: without it gcc turns these loops
 * into calls to memcpy/memset, that is, into infinite recursion.
 */
typedef unsigned long __attribute__((__may_alias__)) word;
#define WSIZE sizeof(word)
#define WALIGNED(p) (((uintptr_t)(p) & (WSIZE - 1)) == 0)

/* Copy upwards; correct for overlap when dst is below src. */
static void copy_up(unsigned char *d, const unsigned char *s, size_t n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WSIZE - 1)) == 0) {
		for (; n && !WALIGNED(d); n--)
			*d++ = *s++;
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
			*(word *)d = *(const word *)s;
	}
	while (n--)
		*d++ = *s++;
}

/* Copy downwards from the ends; correct for overlap when dst is above src. */
static void copy_down(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WSIZE - 1)) == 0) {
		for (; n && !WALIGNED(d); n--)
			*--d = *--s;
		for (; n >= WSIZE; n -= WSIZE) {
			d -= WSIZE;
			s -= WSIZE;
			*(word *)d = *(const word *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_up(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	/* Compare as integers: the buffers may be unrelated objects. */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_up(dst, src, n);
	else
		copy_down(dst, src, n);
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word w = (unsigned char)c * (word)0x0101010101010101ull;

	for (; n && !WALIGNED(d); n--)
		*d++ = (unsigned char)c;
	for (; n >= WSIZE; n -= WSIZE, d += WSIZE)
		*(word *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
