/* strtod.c: strtod, strtof and atof: decimal and hexadecimal, correctly rounded (round half to even). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Decimal input is exact: the significant digits become a big integer D
 * and the value D * 10^E is divided out with big integers, so every
 * input rounds as glibc's does. Digits beyond MAX_DIGITS only matter as
 * "not zero": 800 digits are more than the 767 that a halfway point
 * between two doubles can need, so a final non-zero digit stands for them.
 */
#define MAX_DIGITS 800
#define BIG_LIMBS 136 /* 32-bit limbs: 800 digits times 10^1131, with room */

struct big {
	int n; /* limbs in use; v[n - 1] != 0 unless n == 0 */
	uint32_t v[BIG_LIMBS];
};

static void big_mul_small(struct big *b, uint32_t m, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->n; i++) {
		carry += (uint64_t)b->v[i] * m;
		b->v[i] = (uint32_t)carry;
		carry >>= 32;
	}
	if (carry)
		b->v[b->n++] = (uint32_t)carry;
}

static void big_pow10(struct big *b, int e)
{
	for (; e >= 9; e -= 9)
		big_mul_small(b, 1000000000u, 0);
	for (; e > 0; e--)
		big_mul_small(b, 10, 0);
}

static int big_bits(const struct big *b)
{
	return b->n ? 32 * (b->n - 1) + 32 - __builtin_clz(b->v[b->n - 1]) : 0;
}

static void big_shl(struct big *b, int k)
{
	int w = k / 32, s = k % 32, i;

	if (!b->n || !k)
		return;
	b->v[b->n] = 0;
	for (i = b->n; i >= 0; i--) {
		uint32_t hi = b->v[i] << s, lo = (s && i) ? b->v[i - 1] >> (32 - s) : 0;

		b->v[i + w] = hi | lo;
	}
	for (i = 0; i < w; i++)
		b->v[i] = 0;
	b->n += w + 1;
	while (b->n && !b->v[b->n - 1])
		b->n--;
}

static int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return 0;
}

/* a -= b, with a >= b. */
static void big_sub(struct big *a, const struct big *b)
{
	int64_t borrow = 0;

	for (int i = 0; i < a->n; i++) {
		int64_t d = (int64_t)a->v[i] - (i < b->n ? b->v[i] : 0) - borrow;

		borrow = d < 0;
		a->v[i] = (uint32_t)(d + (borrow << 32));
	}
	while (a->n && !a->v[a->n - 1])
		a->n--;
}

/* Bits [bit, bit + 64) of b, and whether any bit below them is set. */
static uint64_t big_top(const struct big *b, int bit, int *sticky)
{
	uint64_t r = 0;
	int i;

	*sticky = 0;
	for (i = 0; i < bit; i++)
		if ((b->v[i / 32] >> (i % 32)) & 1) {
			*sticky = 1;
			break;
		}
	for (i = 0; i < 64; i++) {
		int k = bit + i;

		if (k < 32 * b->n && ((b->v[k / 32] >> (k % 32)) & 1))
			r |= 1ull << i;
	}
	return r;
}

/*
 * The double nearest to (m + a bit of "sticky") * 2^e2, m != 0: round to
 * nearest, ties to even, subnormals included. ERANGE on overflow and
 * when a non-zero value rounds to zero or to an inexact subnormal.
 */
static double make_double(uint64_t m, int e2, int sticky)
{
	int lz = __builtin_clzll(m), exp, drop;
	uint64_t mant, rest, half;
	union { double d; uint64_t u; } r;

	m <<= lz;
	e2 -= lz;
	exp = e2 + 63; /* value = 1.xxx * 2^exp */
	if (exp > 1023)
		goto overflow;
	drop = exp >= -1022 ? 11 : 11 + (-1022 - exp);
	if (drop > 64) {
		errno = ERANGE;
		return 0.0;
	}
	mant = drop == 64 ? 0 : m >> drop;
	rest = drop == 64 ? m : m & ((1ull << drop) - 1);
	half = 1ull << (drop - 1);
	if (rest > half || (rest == half && (sticky || (mant & 1))))
		mant++;
	if (exp < -1022) {
		/* Subnormal; a carry into bit 52 makes it the smallest normal, which
		 * these same bits encode. */
		if (rest || sticky)
			errno = ERANGE;
		r.u = mant;
		return r.d;
	}
	if (mant >> 53) {
		mant >>= 1;
		if (++exp > 1023)
			goto overflow;
	}
	r.u = ((uint64_t)(exp + 1023) << 52) | (mant & ((1ull << 52) - 1));
	return r.d;
overflow:
	errno = ERANGE;
	return __builtin_inf();
}

/* D * 10^e (D the digits as a big integer) to the nearest double. */
static double decimal_value(const char *digits, int nd, int e)
{
	struct big d, p;
	uint64_t q = 0;
	int k, sticky, i, bits;

	if (nd + e > 310)
		return make_double(1, 2000, 0); /* overflow */
	if (nd + e < -330) {
		errno = ERANGE;
		return 0.0;
	}
	d.n = 0;
	for (i = 0; i < nd; i++)
		big_mul_small(&d, 10, (uint32_t)(digits[i] - '0'));
	if (e >= 0) {
		big_pow10(&d, e);
		bits = big_bits(&d);
		k = bits > 64 ? bits - 64 : 0;
		q = big_top(&d, k, &sticky);
		return make_double(q, k, sticky);
	}
	/* q = floor(D * 2^k / 10^-e) lies in (2^62, 2^64), enough for rounding. */
	p.n = 1;
	p.v[0] = 1;
	big_pow10(&p, -e);
	k = 63 + big_bits(&p) - big_bits(&d);
	if (k >= 0)
		big_shl(&d, k);
	else
		big_shl(&p, -k);
	/*
	 * Long division, one quotient bit at a time from bit 63 down: compare
	 * with p * 2^i, where halving p each step is done as doubling d.
	 */
	big_shl(&p, 63);
	for (i = 63; i >= 0; i--) {
		if (big_cmp(&d, &p) >= 0) {
			big_sub(&d, &p);
			q |= 1ull << i;
		}
		big_shl(&d, 1);
	}
	return make_double(q, -k, d.n != 0);
}

static int hexval(unsigned char c)
{
	if ((unsigned int)c - '0' < 10)
		return c - '0';
	c |= 32;
	return (unsigned int)c - 'a' < 6 ? c - 'a' + 10 : -1;
}

/* An exponent: [+-]digits, saturated; *s moves past it only when valid. */
static long exponent(const char **s)
{
	const char *p = *s + 1;
	long v = 0;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return 0;
	for (; isdigit((unsigned char)*p); p++)
		v = v > 100000000 ? v : v * 10 + (*p - '0');
	*s = p;
	return neg ? -v : v;
}

/* After "0x": hex digits, a point, more, then p[+-]digits (optional). */
static double hex_value(const char **s, int *any)
{
	const char *p = *s;
	uint64_t m = 0;
	long e2 = 0;
	int sticky = 0, dot = 0, d;

	for (;; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
			continue;
		}
		d = hexval((unsigned char)*p);
		if (d < 0)
			break;
		*any = 1;
		if (m >> 60) {
			sticky |= d != 0;
			e2 += dot ? 0 : 4;
		} else {
			m = m * 16 + (uint64_t)d;
			e2 -= dot ? 4 : 0;
		}
	}
	if (!*any)
		return 0.0;
	if ((*p | 32) == 'p')
		e2 += exponent(&p);
	*s = p;
	if (!m)
		return 0.0;
	if (e2 > 5000)
		e2 = 5000;
	if (e2 < -5000)
		e2 = -5000;
	return make_double(m, (int)e2, sticky);
}

/* Digits with one optional point, then e[+-]digits (optional). */
static double dec_value(const char **s, int *any)
{
	char digits[MAX_DIGITS + 1];
	const char *p = *s;
	long e = 0;
	int nd = 0, dot = 0, dropped = 0;

	for (;; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		*any = 1;
		if (nd == 0 && *p == '0') { /* leading zeros only move the point */
			e -= dot;
			continue;
		}
		if (nd < MAX_DIGITS) {
			digits[nd++] = *p;
			e -= dot;
		} else {
			dropped |= *p != '0';
			e += !dot;
		}
	}
	if (!*any)
		return 0.0;
	if ((*p | 32) == 'e')
		e += exponent(&p);
	*s = p;
	if (dropped) { /* a final non-zero digit stands for what was dropped */
		digits[nd++] = '1';
		e--;
	}
	while (nd && digits[nd - 1] == '0') { /* trailing zeros: exponent */
		nd--;
		e++;
	}
	if (!nd)
		return 0.0;
	if (e > 100000)
		e = 100000;
	if (e < -100000)
		e = -100000;
	return decimal_value(digits, nd, (int)e);
}

/* Case-insensitive prefix match of word at s. */
static int match(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if ((*s | 32) != *word)
			return 0;
	return 1;
}

/*
 * "(chars)" after "nan", *s at the '(': as glibc, a sequence that is a
 * whole number (strtoull, base 0) gives the NaN its low mantissa bits.
 * *s moves past the ')' when the sequence is well formed.
 */
static double nan_payload(const char **s)
{
	const char *p = *s + 1;
	char *end;
	union { double d; uint64_t u; } r;
	uint64_t v;

	r.d = __builtin_nan("");
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (*p != ')')
		return r.d;
	v = strtoull(*s + 1, &end, 0);
	if (end == p)
		r.u = (r.u & ~((1ull << 51) - 1)) | (v & ((1ull << 51) - 1));
	*s = p + 1;
	return r.d;
}

double strtod(const char *restrict nptr, char **restrict endptr)
{
	const char *s = nptr;
	double v = 0.0;
	int neg = 0, any = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (match(s, "inf")) {
		s += match(s, "infinity") ? 8 : 3;
		v = __builtin_inf();
		any = 1;
	} else if (match(s, "nan")) {
		s += 3;
		v = __builtin_nan("");
		if (*s == '(') /* nan(n-char-sequence) */
			v = nan_payload(&s);
		any = 1;
	} else if (s[0] == '0' && (s[1] | 32) == 'x') {
		const char *p = s + 2;

		v = hex_value(&p, &any);
		if (any)
			s = p;
		else /* "0x" without digits: the number is the 0 */
			s++, any = 1;
	} else {
		v = dec_value(&s, &any);
	}
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	if (!any)
		return 0.0; /* no number: +0 even after a '-' */
	return neg ? -v : v;
}

float strtof(const char *restrict nptr, char **restrict endptr)
{
	/* Rounding twice (to double, then to float) can differ from rounding
	 * once in rare halfway cases; nolibc accepts that for float. */
	return (float)strtod(nptr, endptr);
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
