/*
 * scan_test.c: sscanf and strtod against glibc's: every conversion with
 * widths, lengths, '*' and %n on hand-picked and random inputs (return
 * values, stored values, bytes consumed), and strtod bit for bit on
 * random decimals, exact halfway points between doubles, subnormals,
 * overflow, hexadecimal and special inputs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int ref_sscanf(const char *s, const char *fmt, ...) __asm__("__isoc99_sscanf");
double ref_strtod(const char *s, char **end) __asm__("strtod");

/* Runtime formats: the compiler checks neither side's arguments. */
static const char *volatile vfmt;

#define SENT 0x5a5a5a5a

/* Integer formats with one conversion then %n, stored through a long long. */
static void ints_case(const char *fmt, const char *in)
{
	long long a = SENT, b = SENT;
	int na = -1, nb = -1, ra, rb;

	vfmt = fmt;
	ra = sscanf(in, vfmt, &a, &na);
	rb = ref_sscanf(in, vfmt, &b, &nb);
	CHECK(ra == rb && a == b && na == nb, "sscanf(\"%s\", \"%s\"): nolibc %d %lld n=%d, glibc %d %lld n=%d", in, fmt,
	      ra, a, na, rb, b, nb);
}

static void floats_case(const char *fmt, const char *in)
{
	union { double d; long double ld; float f; uint64_t u[2]; } a, b;
	int na = -1, nb = -1, ra, rb;

	memset(&a, 0x5a, sizeof a);
	memset(&b, 0x5a, sizeof b);
	vfmt = fmt;
	ra = sscanf(in, vfmt, &a, &na);
	rb = ref_sscanf(in, vfmt, &b, &nb);
	/* compare the bytes the conversion stores; long double: nolibc reads a
	 * double (documented), so compare with glibc's rounded to double where
	 * it is in double's range */
	size_t size = strstr(fmt, "L") ? 10 : strstr(fmt, "l") ? 8 : 4;
	int same = !memcmp(&a, &b, size);
	if (size == 10 && !same && ra == 1 && rb == 1) {
		double x = (double)a.ld, y = (double)b.ld;
		union { double d; uint64_t u; } ux = { x }, uy = { y };
		same = (x != x && y != y) || ux.u == uy.u || ux.u + 1 == uy.u || ux.u == uy.u + 1 ||
		       y > 1.7976931348623157e308 || y < -1.7976931348623157e308 || (y < 2.3e-308 && y > -2.3e-308);
	}
	CHECK(ra == rb && na == nb && same,
	      "sscanf(\"%s\", \"%s\"): nolibc %d %a n=%d, glibc %d %a n=%d", in, fmt, ra,
	      size == 8 ? a.d : size == 4 ? (double)a.f : (double)a.ld, na, rb,
	      size == 8 ? b.d : size == 4 ? (double)b.f : (double)b.ld, nb);
}

static void strs_case(const char *fmt, const char *in)
{
	char a[64], b[64];
	int na = -1, nb = -1, ra, rb;

	memset(a, '@', sizeof a);
	memset(b, '@', sizeof b);
	vfmt = fmt;
	ra = sscanf(in, vfmt, a, &na);
	rb = ref_sscanf(in, vfmt, b, &nb);
	CHECK(ra == rb && na == nb && !memcmp(a, b, sizeof a), "sscanf(\"%s\", \"%s\"): nolibc %d n=%d \"%.10s\", glibc %d n=%d \"%.10s\"",
	      in, fmt, ra, na, a, rb, nb, b);
}

static const char *int_inputs[] = {
	"0", "-0", "+0", "42", "-42", "+42", "  \t\n 17", "0x1f", "0X1F", "-0x1f", "0x", "0xg", "-0x", "017", "08", "0b1",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "99999999999999999999999", "4294967295", "4294967296",
	"2147483648", "-2147483649", "65535", "65536", "255", "256", "-1", "+", "-", "- 1", "x", "", "   ",
	"12abc", "1e5", "0000000000000000000000000000000000000000000000000000000000000000000000000000000000012",
	"ffff", "FfFf", "7777777777777777777777", "1_000",
};

static const char *int_formats[] = {
	"%lld%n", "%lli%n", "%llx%n", "%llX%n", "%llo%n", "%llu%n", "%d%n", "%i%n", "%x%n", "%o%n", "%u%n",
	"%hd%n", "%hu%n", "%hhd%n", "%hhx%n", "%ld%n", "%lu%n", "%jd%n", "%zu%n", "%td%n", "%Ld%n", "%qd%n",
	"%3lld%n", "%1lli%n", "%2lli%n", "%3lli%n", "%2llx%n", "%1lld%n", " %lld%n", "x%lld%n", "%lld %n",
	"%p%n", "%*d%n", "%*lld %lld%n",
};

static void integers(void)
{
	for (size_t f = 0; f < sizeof int_formats / sizeof *int_formats; f++)
		for (size_t i = 0; i < sizeof int_inputs / sizeof *int_inputs; i++)
			ints_case(int_formats[f], int_inputs[i]);
}

/* Random strings over alphabet, up to max bytes. */
static void random_string(char *buf, size_t max, const char *alphabet)
{
	size_t n = rnd_below(max), k = strlen(alphabet);

	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[rnd_below(k)];
	buf[n] = '\0';
}

static void integers_random(void)
{
	char in[32];

	for (int i = 0; i < 20000; i++) {
		random_string(in, 24, "0123456789abcdefxX+- \t\n");
		ints_case(int_formats[rnd_below(sizeof int_formats / sizeof *int_formats)], in);
	}
}

static const char *float_inputs[] = {
	"0", "-0", "1", "-1.5", "+2.25", ".5", "5.", ".", "-.", "1e10", "1E-10", "1e", "1e+", "1e-x", "1.e5x",
	"1.5e308", "1.8e308", "4.9e-324", "2.4e-324", "2.5e-324", "1e-400", "1e400", "0x1p3", "0X1.8P-1", "0x.8p1",
	"0x", "0x.", "-0x", "0xg", "0x1p", "0x1.fffffffffffff8p1023", "0x1p-1074", "0x1p-1075", "0x1.8p-1075",
	"inf", "-inf", "INF", "infinity", "Infinity", "infinite", "infin", "in", "nan", "-nan", "NaN", "nanx",
	"nan(123)", "na", "3.14159265358979323846264338327950288", "123456789012345678901234567890",
	"0.000000000000000000000000000000000000000000001", "  \n 7.5", "", "   ", "x", "-", "+.e1",
	"2.2250738585072011e-308", "2.2250738585072014e-308", "9007199254740993", "9007199254740992.5",
	"1.00000000000000011102230246251565404236316680908203125", "7e-1", "1e23", "8.5e-323",
};

static const char *float_formats[] = {
	"%lf%n", "%le%n", "%lg%n", "%la%n", "%lE%n", "%f%n", "%e%n", "%Lf%n", "%3lf%n", "%1lf%n", "%5lf%n",
	" %lf%n", "%*lf%n",
};

static void floats(void)
{
	for (size_t f = 0; f < sizeof float_formats / sizeof *float_formats; f++)
		for (size_t i = 0; i < sizeof float_inputs / sizeof *float_inputs; i++)
			floats_case(float_formats[f], float_inputs[i]);
}

static void floats_random(void)
{
	char in[40];

	for (int i = 0; i < 20000; i++) {
		random_string(in, 30, "0123456789.eE+-xXpPabcdfinINAty \n");
		floats_case(float_formats[rnd_below(sizeof float_formats / sizeof *float_formats)], in);
	}
}

static const char *str_inputs[] = {
	"word", "  word rest", "abc]def", "a-b", "xyz", "", "   ", "\n\tx", "]]", "-a-", "ab",
	"a very long string that is longer than twenty bytes",
};

static const char *str_formats[] = {
	"%s%n", "%5s%n", "%1s%n", "%c%n", "%3c%n", "%[a-c]%n", "%[]a-c]%n", "%[-a]%n", "%[^y]%n", "%[^ ]%n",
	"%2[a-z]%n", "%*s%n", " %c%n", "%%%n", "word%n", "w%s%n", "%[a-]%n", "%[^]]%n", "%*[a-z]%n",
};

static void strings(void)
{
	char in[40];

	for (size_t f = 0; f < sizeof str_formats / sizeof *str_formats; f++)
		for (size_t i = 0; i < sizeof str_inputs / sizeof *str_inputs; i++)
			strs_case(str_formats[f], str_inputs[i]);
	for (int i = 0; i < 5000; i++) {
		random_string(in, 30, "abcxyz-] \t%");
		strs_case(str_formats[rnd_below(sizeof str_formats / sizeof *str_formats)], in);
	}
}

/* Several conversions at once, and the EOF / count rules. */
static void counts(void)
{
	int a = 0, b = 0, c = 0, r;
	char s[16];

	CHECK(sscanf("", "%d", &a) == EOF && sscanf("   ", "%d", &a) == EOF, "EOF on empty input");
	CHECK(sscanf("", "%n", &a) == 0, "%%n on empty input is not EOF");
	CHECK(sscanf("5", "%*d%d", &a) == EOF, "suppressed then EOF");
	CHECK(sscanf("5 x", "%d%d", &a, &b) == 1, "stop at mismatch");
	CHECK(sscanf("1,2,3", "%d,%d,%d", &a, &b, &c) == 3 && a + b + c == 6, "literals");
	CHECK(sscanf("1 ,2", "%d,%d", &a, &b) == 1, "literal after space");
	CHECK(sscanf("x", "y") == 0 && sscanf("", "y") == EOF, "literal mismatch / EOF");
	r = sscanf("key = value;", "%15[^ =] = %15[^;]", s, s + 8);
	CHECK(r == 2 && !strcmp(s, "key") && !strcmp(s + 8, "value"), "key = value: %d", r);
}

/* strtod bit for bit, and the end pointer. */
static void strtod_case(const char *in)
{
	char *ea, *eb;
	union { double d; uint64_t u; } a, b;

	a.d = strtod(in, &ea);
	b.d = ref_strtod(in, &eb);
	CHECK(a.u == b.u && ea - in == eb - in, "strtod(\"%.60s\"): nolibc %a (+%td), glibc %a (+%td)", in, a.d,
	      ea - in, b.d, eb - in);
}

static void strtod_exact(void)
{
	char buf[1200];
	union { double d; uint64_t u; } x, y;
	long double mid;

	for (size_t i = 0; i < sizeof float_inputs / sizeof *float_inputs; i++)
		strtod_case(float_inputs[i]);
	for (int i = 0; i < 20000; i++) {
		/* random digits and exponents over the whole range */
		int nd = 1 + (int)rnd_below(i % 3 ? 20 : 60), e = (int)rnd_below(700) - 350, k = 0;

		for (int j = 0; j < nd; j++)
			buf[k++] = (char)('0' + rnd_below(10));
		k += ref_snprintf(buf + k, 16, "e%d", e);
		strtod_case(buf);
	}
	for (int i = 0; i < 3000; i++) {
		/* exact halfway points (a long double holds them), and just beside */
		x.u = rnd() & 0x7fefffffffffffffull;
		if (i % 4 == 0)
			x.u &= 0x000fffffffffffffull; /* subnormal */
		y.u = x.u + 1;
		mid = ((long double)x.d + (long double)y.d) / 2;
		ref_snprintf(buf, sizeof buf, "%.800Le", mid);
		strtod_case(buf);
		/* the same plus a tiny bit: rounds up */
		char *e = strchr(buf, 'e');
		memmove(e + 3, e, strlen(e) + 1);
		memcpy(e, "001", 3);
		strtod_case(buf);
	}
	for (int i = 0; i < 3000; i++) {
		random_string(buf, 40, "0123456789abcdef.p+-x");
		memmove(buf + 2, buf, strlen(buf) + 1);
		memcpy(buf, "0x", 2);
		strtod_case(buf);
	}
	/* many digits: 900 of them, some past the limit of 800 */
	memset(buf, '1', 900);
	strcpy(buf + 900, "e-600");
	strtod_case(buf);
	memset(buf, '0', 900);
	buf[0] = '0';
	buf[1] = '.';
	buf[850] = '7';
	buf[851] = '\0';
	strtod_case(buf);
}

int main(void)
{
	RUN(integers);
	RUN(integers_random);
	RUN(floats);
	RUN(floats_random);
	RUN(strings);
	RUN(counts);
	RUN(strtod_exact);
	return TESTS_DONE();
}
