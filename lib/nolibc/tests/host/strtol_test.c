/*
 * strtol_test.c: strtol, strtoll, strtoul, strtoull and ato* against the
 * host glibc on generated strings (space, signs, prefixes, digits of every
 * kind, overflow, suffixes) in every base: value, errno and endptr.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

long ref_strtol(const char *s, char **end, int base) __asm__("strtol");
long long ref_strtoll(const char *s, char **end, int base) __asm__("strtoll");
unsigned long ref_strtoul(const char *s, char **end, int base) __asm__("strtoul");
unsigned long long ref_strtoull(const char *s, char **end, int base) __asm__("strtoull");
int ref_atoi(const char *s) __asm__("atoi");
long ref_atol(const char *s) __asm__("atol");
long long ref_atoll(const char *s) __asm__("atoll");

static long calls;

/* One string, one base, all four functions: same value, errno and end. */
static void cmp(const char *s, int base)
{
	char *e1, *e2;
	int err1, err2;
	unsigned long long v1, v2;
	int f;

	for (f = 0; f < 4; f++) {
		calls++;
		e1 = e2 = (char *)"sentinel";
		errno = 0;
		ref_errno = 0;
		switch (f) {
		case 0: v1 = strtol(s, &e1, base); v2 = ref_strtol(s, &e2, base); break;
		case 1: v1 = strtoll(s, &e1, base); v2 = ref_strtoll(s, &e2, base); break;
		case 2: v1 = strtoul(s, &e1, base); v2 = ref_strtoul(s, &e2, base); break;
		default: v1 = strtoull(s, &e1, base); v2 = ref_strtoull(s, &e2, base); break;
		}
		err1 = errno;
		err2 = ref_errno;
		/* glibc leaves endptr alone for an invalid base; nolibc sets it to s */
		if (base == 1 || base < 0 || base > 36)
			e2 = (char *)s;
		CHECK(v1 == v2 && err1 == err2 && e1 == e2,
		      "strto%s(\"%s\", %d): nolibc %llu errno %d end +%td, glibc %llu errno %d end +%td",
		      (const char *[]){ "l", "ll", "ul", "ull" }[f], s, base, v1, err1, e1 - s, v2, err2,
		      e2 - s);
	}
}

static void strto_generated(void)
{
	static const char *const spaces[] = { "", " ", "\t\n\v\f\r " };
	static const char *const signs[] = { "", "+", "-", "--", "+-" };
	static const char *const prefixes[] = { "", "0", "0x", "0X", "00x", "0b" };
	static const char *const digits[] = {
		"", "0", "1", "7", "8", "9", "a", "f", "g", "z", "Z", " 1", "10", "777", "fff", "FfF",
		"123456789", "2147483647", "2147483648", "4294967295", "4294967296",
		"9223372036854775807", "9223372036854775808", "9223372036854775809",
		"18446744073709551615", "18446744073709551616", "99999999999999999999999",
		"7fffffffffffffff", "8000000000000000", "ffffffffffffffff", "10000000000000000",
		"777777777777777777777", "1000000000000000000000", "1777777777777777777777",
		"2000000000000000000000", "1111111111111111111111111111111111111111111111111111111111111111",
		"10000000000000000000000000000000000000000000000000000000000000000", "3w5e11264sgsf",
		"3w5e11264sgsg", "zzzzzzzzzzzzz", "000000000000000000000000000000000001",
	};
	static const char *const suffixes[] = { "", " ", "x", "9", "!", "G" };
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };
	char s[128];
	size_t a, b, c, d, e, k;

	for (a = 0; a < sizeof spaces / sizeof *spaces; a++)
		for (b = 0; b < sizeof signs / sizeof *signs; b++)
			for (c = 0; c < sizeof prefixes / sizeof *prefixes; c++)
				for (d = 0; d < sizeof digits / sizeof *digits; d++)
					for (e = 0; e < sizeof suffixes / sizeof *suffixes; e++) {
						strcpy(s, spaces[a]);
						strcat(s, signs[b]);
						strcat(s, prefixes[c]);
						strcat(s, digits[d]);
						strcat(s, suffixes[e]);
						for (k = 0; k < sizeof bases / sizeof *bases; k++)
							cmp(s, bases[k]);
					}
}

/* Random strings of digits, letters, signs, space and junk in random bases. */
static void strto_random(void)
{
	static const char alpha[] = "0123456789abcdefxzXZ+- \t.";
	char s[40];
	int i, n, j;

	for (i = 0; i < 50000; i++) {
		n = (int)rnd_below(sizeof s);
		for (j = 0; j < n; j++)
			s[j] = alpha[rnd_below(i & 1 ? 10 : sizeof alpha - 1)];
		s[n] = '\0';
		cmp(s, (int)rnd_below(37));
	}
}

static void strto_empty_and_null_end(void)
{
	char *e;

	e = NULL;
	CHECK(strtol("", &e, 10) == 0 && e && *e == '\0', "empty string");
	CHECK(strtoul("  -", NULL, 0) == 0, "NULL endptr");
	CHECK(atoi(" -42abc") == ref_atoi(" -42abc") && atol("123456789012") == ref_atol("123456789012") &&
		      atoll("-9223372036854775807") == ref_atoll("-9223372036854775807") && atoi("x") == 0,
	      "ato*");
}

int main(void)
{
	char note[64];

	RUN(strto_generated);
	RUN(strto_random);
	RUN(strto_empty_and_null_end);
	ref_snprintf(note, sizeof note, "(%ld calls compared)", calls);
	case_end("strto_total", note);
	return TESTS_DONE();
}
