/* memsize.c - parsing and printing guest memory sizes ("64M", "1.5G", "512K"). */
#include <stdio.h>

#include "tess.h"

/* Integer parts above this are too big in any unit; keeps the math in 64 bits. */
#define INT_PART_CAP (1ULL << 33)
#define FRAC_DIGITS  9

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int tess_memsize_parse(const char *s, uint64_t *kib)
{
	uint64_t ipart = 0, frac = 0, scale = 1, unit, bytes;
	int big = 0, rest_nonzero = 0, ndigits = 0;
	const char *p = s;

	while (is_digit(*p)) {
		if (ipart < INT_PART_CAP)
			ipart = ipart * 10 + (uint64_t)(*p - '0');
		else
			big = 1;
		p++;
	}
	ndigits = (int)(p - s);
	if (*p == '.') {
		const char *f = ++p;

		while (is_digit(*p)) {
			if (p - f < FRAC_DIGITS) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			} else if (*p != '0') {
				rest_nonzero = 1; /* only matters for rounding up */
			}
			p++;
		}
		if (p == f)
			return TESS_MEM_GARBAGE; /* "1." */
		ndigits += (int)(p - f);
	}
	if (!ndigits)
		return TESS_MEM_GARBAGE;
	switch (*p) {
	case 'k': case 'K': unit = 1ULL << 10; p++; break;
	case 'm': case 'M': unit = 1ULL << 20; p++; break;
	case 'g': case 'G': unit = 1ULL << 30; p++; break;
	case '\0': unit = 1ULL << 20; break; /* like QEMU: plain numbers are MiB */
	default: return TESS_MEM_GARBAGE;
	}
	if (*p)
		return TESS_MEM_GARBAGE;
	if (big || ipart >= INT_PART_CAP)
		return TESS_MEM_TOO_BIG;

	/* bytes = (ipart + frac/scale) * unit, rounded up; < 2^64 by the caps. */
	bytes = ipart * unit + (frac * unit + scale - 1) / scale + (uint64_t)rest_nonzero;
	if (bytes == 0)
		return TESS_MEM_ZERO;
	*kib = (bytes + 4095) / 4096 * 4; /* whole 4 KiB pages: tvm maps pages */
	if (*kib > TESS_MEM_MAX_KIB)
		return TESS_MEM_TOO_BIG;
	return TESS_MEM_OK;
}

void tess_memsize_format(uint64_t kib, char *buf, size_t len)
{
	unsigned long long k = kib, tenths;

	if (k && k % (1ULL << 20) == 0) {
		snprintf(buf, len, "%lluG", k >> 20);
	} else if (k % 1024 == 0 && k) {
		snprintf(buf, len, "%lluM", k >> 10);
	} else if (k < 1024) {
		snprintf(buf, len, "%lluK", k);
	} else {
		/* One decimal, rounded up: typed back it is still enough. */
		tenths = (k * 10 + 1023) / 1024;
		if (tenths % 10 == 0)
			snprintf(buf, len, "%lluM", tenths / 10);
		else
			snprintf(buf, len, "%llu.%lluM", tenths / 10, tenths % 10);
	}
}
