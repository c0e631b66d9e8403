/* printf_float.c: %f %e %g (exact decimal) and %a (hexadecimal) conversions of doubles. */
#include <stdint.h>
#include <string.h>
#include "format.h"

/*
 * A finite double is m * 2^e with an integer m < 2^53. Its decimal
 * expansion is finite: for e >= 0 it is the integer m * 2^e (at most 309
 * digits); for e < 0 it is the integer m * 5^-e with the decimal point
 * -e places from the right (at most 767 significant digits). Computing
 * that integer exactly in base 10^9 gives every digit, so rounding to any
 * precision is exact, half to even like glibc in the default rounding
 * mode. The price is about 1.3 KiB of stack.
 */
#define LIMB 1000000000u /* 10^9 */
#define MAX_LIMBS 88    /* 10^(9*88) > 2^53 * 5^1074 */

/* The significant digits: value = 0.d[0]d[1]...d[nd-1] * 10^(x+1), d[0] != '0'. */
struct digits {
	char d[MAX_LIMBS * 9];
	int nd;  /* digits kept; positions past them read as '0' */
	long x;  /* decimal exponent of d[0] */
};

/* l[0..n) = l[0..n) * mul (little-endian limbs); returns the new limb count. */
static int big_mul(uint32_t *l, int n, uint32_t mul)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < n; i++) {
		carry += (uint64_t)l[i] * mul;
		l[i] = carry % LIMB;
		carry /= LIMB;
	}
	for (; carry; carry /= LIMB)
		l[n++] = carry % LIMB;
	return n;
}

/* The exact decimal digits of m * 2^e (m > 0). */
static void to_decimal(struct digits *dg, uint64_t m, int e)
{
	uint32_t l[MAX_LIMBS], v;
	int n = 0, i, k, shift = 0;
	char *p = dg->d;

	for (; !(m & 1) && e < 0; m >>= 1) /* fewer factors of 5 to multiply */
		e++;
	for (; m; m /= LIMB)
		l[n++] = m % LIMB;
	if (e >= 0) {
		for (; e > 0; e -= k) {
			k = e < 31 ? e : 31;
			n = big_mul(l, n, 1u << k);
		}
	} else {
		shift = -e;
		for (e = -e; e > 0; e -= k) {
			k = e < 13 ? e : 13;
			for (v = 1, i = 0; i < k; i++)
				v *= 5;
			n = big_mul(l, n, v);
		}
	}
	/* Top limb without its leading zeros, the others with all 9 digits. */
	for (v = l[n - 1], k = 1; v >= 10; v /= 10)
		k *= 10;
	for (v = l[n - 1]; k; k /= 10)
		*p++ = '0' + v / k % 10;
	for (i = n - 2; i >= 0; i--, p += 9)
		for (v = l[i], k = 8; k >= 0; k--, v /= 10)
			p[k] = '0' + v % 10;
	dg->nd = p - dg->d;
	dg->x = dg->nd - 1 - shift;
}

/*
 * Keep the first n digits (n may be 0 or negative: the value then rounds
 * to 0 or to one unit at position x + 1 - n), rounding half to even.
 */
static void round_to(struct digits *dg, long n)
{
	char *d = dg->d;
	int i, up;

	if (n >= dg->nd)
		return;
	if (n < 0) {
		dg->nd = 0;
		return;
	}
	up = d[n] > '5';
	if (d[n] == '5') {
		for (i = n + 1; i < dg->nd && d[i] == '0'; i++)
			;
		up = i < dg->nd || (n > 0 && (d[n - 1] & 1)); /* '0' is even */
	}
	dg->nd = n;
	if (!up)
		return;
	for (i = n - 1; i >= 0 && d[i] == '9'; i--)
		d[i] = '0';
	if (i >= 0) {
		d[i]++;
		return;
	}
	d[0] = '1'; /* 99..9 became 100..0 */
	dg->x++;
	if (!n)
		dg->nd = 1;
}

/* Emit the digits at decimal positions from down to to (10^from ... 10^to). */
static void emit(struct ts_nolibc_out *o, const struct digits *dg, long from, long to)
{
	long i = dg->x - from, end = dg->x - to + 1, k; /* indexes into d */

	if (i >= end)
		return;
	if (i < 0) { /* zeros before the first digit */
		k = (end < 0 ? end : 0) - i;
		ts_nolibc_out_fill(o, '0', k);
		i += k;
	}
	if (i < dg->nd && i < end) {
		k = (end < dg->nd ? end : dg->nd) - i;
		ts_nolibc_out_write(o, dg->d + i, k);
		i += k;
	}
	ts_nolibc_out_fill(o, '0', end - i);
}

/* %e's exponent: 'e' or 'E', sign, at least two digits. Returns its length. */
static int exponent(char *buf, char e, long x, int min_digits)
{
	char tmp[8];
	int n = 0, len = 0;
	unsigned long u = x < 0 ? -x : x;

	buf[len++] = e;
	buf[len++] = x < 0 ? '-' : '+';
	do
		tmp[n++] = '0' + u % 10;
	while ((u /= 10));
	while (n < min_digits)
		tmp[n++] = '0';
	while (n)
		buf[len++] = tmp[--n];
	return len;
}

/* %a: 0x1.hhhp+d for normal numbers, 0x0.hhhp-1022 for subnormals, 0x0p+0 for 0. */
static void format_hex(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
		       char *prefix, size_t plen, uint64_t bits, int upper)
{
	static const char hexd[] = "0123456789abcdef0123456789ABCDEF";
	const char *hd = hexd + (upper ? 16 : 0);
	uint64_t frac = bits & ((1ull << 52) - 1), rem, half;
	int be = (bits >> 52) & 0x7ff, lead = be != 0, k = 13, prec = sp->prec, i;
	long x = be ? be - 1023 : (frac ? -1022 : 0);
	char body[24], ex[8];
	size_t blen = 0, len, zeros = 0;
	int elen;

	if (prec < 0) { /* shortest exact form */
		for (; k && !(frac & 15); k--)
			frac >>= 4;
	} else if (prec < 13) { /* round half to even at nibble prec */
		rem = frac & ((1ull << (4 * (13 - prec))) - 1);
		half = 1ull << (4 * (13 - prec) - 1);
		frac >>= 4 * (13 - prec);
		k = prec;
		/* ties go to the even digit, the leading one when none is kept */
		if (rem > half || (rem == half && ((k ? frac : (uint64_t)lead) & 1)))
			frac++;
		if (frac >> (4 * k)) { /* carry into the leading digit */
			frac = 0;
			lead++;
		}
	} else {
		zeros = prec - 13;
	}
	prefix[plen++] = '0';
	prefix[plen++] = upper ? 'X' : 'x';
	body[blen++] = '0' + lead;
	if (k || zeros || (sp->flags & TS_FMT_ALT))
		body[blen++] = '.';
	for (i = k - 1; i >= 0; i--)
		body[blen++] = hd[(frac >> (4 * i)) & 15];
	elen = exponent(ex, upper ? 'P' : 'p', x, 1);
	len = plen + blen + zeros + elen;
	ts_nolibc_field_begin(o, sp, prefix, plen, len, (sp->flags & TS_FMT_ZERO) != 0);
	ts_nolibc_out_write(o, body, blen);
	ts_nolibc_out_fill(o, '0', zeros);
	ts_nolibc_out_write(o, ex, elen);
	ts_nolibc_field_end(o, sp, len);
}

void ts_nolibc_format_float(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp, double v)
{
	union { double d; uint64_t u; } bits = { v };
	int be = (bits.u >> 52) & 0x7ff, upper = sp->conv <= 'Z';
	char conv = sp->conv | 0x20, prefix[3], ex[8];
	int alt = (sp->flags & TS_FMT_ALT) != 0, elen, zeros, point;
	uint64_t m = bits.u & ((1ull << 52) - 1);
	long prec = sp->prec < 0 ? 6 : sp->prec, p;
	struct digits dg;
	size_t plen = 0, len;

	if (bits.u >> 63)
		prefix[plen++] = '-';
	else if (sp->flags & (TS_FMT_PLUS | TS_FMT_SPACE))
		prefix[plen++] = sp->flags & TS_FMT_PLUS ? '+' : ' ';

	if (be == 0x7ff) { /* inf and nan: no zero padding */
		len = plen + 3;
		ts_nolibc_field_begin(o, sp, prefix, plen, len, 0);
		ts_nolibc_out_write(o, (m ? "nanNAN" : "infINF") + 3 * upper, 3);
		ts_nolibc_field_end(o, sp, len);
		return;
	}
	if (conv == 'a') {
		format_hex(o, sp, prefix, plen, bits.u, upper);
		return;
	}

	dg.nd = 0;
	dg.x = 0;
	if (be || m)
		to_decimal(&dg, be ? m | 1ull << 52 : m, be ? be - 1075 : -1074);

	if (conv == 'g') {
		/* Style e if the exponent after rounding to P digits is < -4 or >= P. */
		p = prec ? prec : 1;
		round_to(&dg, p);
		if (dg.x < p && dg.x >= -4) {
			conv = 'f';
			prec = p - 1 - dg.x;
		} else {
			conv = 'e';
			prec = p - 1;
		}
		if (!alt) { /* no trailing zeros, and no point without digits after it */
			while (dg.nd > 0 && dg.d[dg.nd - 1] == '0')
				dg.nd--;
			p = conv == 'f' ? dg.nd - 1 - dg.x : dg.nd - 1;
			if (p < prec)
				prec = p > 0 ? p : 0;
		}
	}
	zeros = (sp->flags & TS_FMT_ZERO) != 0;
	point = prec || alt;
	if (conv == 'f') {
		round_to(&dg, dg.x + 1 + prec);
		p = dg.x > 0 ? dg.x : 0; /* position of the first integer digit */
		len = plen + p + 1 + point + prec;
		ts_nolibc_field_begin(o, sp, prefix, plen, len, zeros);
		emit(o, &dg, p, 0);
		ts_nolibc_out_write(o, ".", point);
		emit(o, &dg, -1, -prec);
	} else {
		round_to(&dg, prec + 1);
		elen = exponent(ex, upper ? 'E' : 'e', dg.x, 2);
		len = plen + 1 + point + prec + elen;
		ts_nolibc_field_begin(o, sp, prefix, plen, len, zeros);
		emit(o, &dg, dg.x, dg.x);
		ts_nolibc_out_write(o, ".", point);
		emit(o, &dg, dg.x - 1, dg.x - prec);
		ts_nolibc_out_write(o, ex, elen);
	}
	ts_nolibc_field_end(o, sp, len);
}
