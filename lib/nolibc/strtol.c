/* strtol.c: strtol, strtoll, strtoul, strtoull and the ato* shorthands. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* Value of c as a digit in bases up to 36, or 36 when c is no digit. */
static unsigned int digit(unsigned char c)
{
	if ((unsigned int)c - '0' < 10)
		return c - '0';
	c |= 32; /* fold case */
	if ((unsigned int)c - 'a' < 26)
		return c - 'a' + 10;
	return 36;
}

/*
 * The part all four share: skip space, read the sign into *neg, the
 * prefix and the digits, and return the magnitude. *ovf tells whether
 * it exceeded ULLONG_MAX (the digits are still consumed, as C requires).
 */
static unsigned long long parse(const char *nptr, char **endptr, int base, int *neg, int *ovf)
{
	const char *s = nptr;
	unsigned long long v = 0;
	unsigned int d;
	int any = 0;

	*neg = *ovf = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		goto out; /* parse nothing */
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		*neg = *s++ == '-';
	/* "0x" is a prefix only when a hex digit follows; else "0" is the number. */
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] | 32) == 'x' && digit(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = *s == '0' ? 8 : 10;
	}
	for (; (d = digit(*s)) < (unsigned int)base; s++, any = 1) {
		if (v > (ULLONG_MAX - d) / base)
			*ovf = 1;
		else
			v = v * base + d;
	}
out:
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	return v;
}

/* Clamp to [-max - 1, max]: ERANGE outside. */
static long long to_signed(unsigned long long v, int neg, int ovf, long long max)
{
	if (ovf || v > (unsigned long long)max + neg) {
		errno = ERANGE;
		return neg ? -max - 1 : max;
	}
	if (!neg || !v)
		return v;
	return -(long long)(v - 1) - 1; /* -v without overflow at v = max + 1 */
}

/* Clamp to [0, max] by magnitude: ERANGE outside; "-n" is negated modulo 2^N. */
static unsigned long long to_unsigned(unsigned long long v, int neg, int ovf,
				      unsigned long long max)
{
	if (ovf || v > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? -v : v;
}

long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
	int neg, ovf;
	unsigned long long v = parse(nptr, endptr, base, &neg, &ovf);

	return to_signed(v, neg, ovf, LONG_MAX);
}

long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
	int neg, ovf;
	unsigned long long v = parse(nptr, endptr, base, &neg, &ovf);

	return to_signed(v, neg, ovf, LLONG_MAX);
}

unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base)
{
	int neg, ovf;
	unsigned long long v = parse(nptr, endptr, base, &neg, &ovf);

	return to_unsigned(v, neg, ovf, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base)
{
	int neg, ovf;
	unsigned long long v = parse(nptr, endptr, base, &neg, &ovf);

	return to_unsigned(v, neg, ovf, ULLONG_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
