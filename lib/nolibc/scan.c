/* scan.c: the scanf engine over any byte source, and sscanf/vsscanf on strings. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

#define NONE (-2)      /* no byte pending */
#define NUM_MAX 1024   /* bytes of one number; longer ones fail to match */

/* The source, and the bytes consumed so far (for %n). */
struct scanner {
	struct ts_nolibc_in *in;
	size_t count;
};

static int get(struct scanner *sc)
{
	int c = sc->in->get(sc->in);

	if (c != EOF)
		sc->count++;
	return c;
}

/* Give back c unless it is EOF or NONE. */
static void unget(struct scanner *sc, int c)
{
	if (c >= 0) {
		sc->in->unget(sc->in, c);
		sc->count--;
	}
}

/* Skip white space; the first other byte stays unread. Returns it, or EOF. */
static int skip_space(struct scanner *sc)
{
	int c;

	while ((c = get(sc)) != EOF && isspace(c))
		;
	unget(sc, c);
	return c;
}

/* One conversion's parameters. */
struct conv {
	int width;     /* -1: unlimited */
	int size;      /* integer bytes; floats: 4, 8 or 16 */
	int suppress;  /* '*' */
	char conv;
};

/* The buffer a number's text is collected in. */
struct numbuf {
	size_t len;
	int full;      /* a byte did not fit */
	char s[NUM_MAX + 1];
};

static void add(struct numbuf *b, int c)
{
	if (b->len < NUM_MAX)
		b->s[b->len++] = (char)c;
	else
		b->full = 1;
}

/* The next byte if the width allows one more, else NONE. */
static int next(struct scanner *sc, struct conv *cv)
{
	if (cv->width > 0 && --cv->width == 0)
		return NONE;
	return get(sc);
}

static void store_int(va_list *ap, int size, unsigned long long v)
{
	void *p = va_arg(*ap, void *);

	switch (size) {
	case 1: *(unsigned char *)p = (unsigned char)v; break;
	case 2: *(unsigned short *)p = (unsigned short)v; break;
	case 4: *(uint32_t *)p = (uint32_t)v; break;
	default: *(uint64_t *)p = (uint64_t)v; break;
	}
}

/*
 * An integer in base (0: from the prefix, as %i). As glibc: a "0x"
 * prefix is consumed even without a hex digit after it (the number is
 * the 0), and the value is strtoll's / strtoull's (clamped), to be
 * truncated to the target's size. Returns 1, or 0 on a matching failure.
 */
static int scan_int(struct scanner *sc, struct conv *cv, int base, int is_signed, unsigned long long *out)
{
	struct numbuf b;
	int c = get(sc), digits = 0, saved = errno;

	b.len = 0;
	b.full = 0;
	if (c == '+' || c == '-') {
		add(&b, c);
		c = next(sc, cv);
	}
	if (c == '0') {
		add(&b, c);
		digits = 1;
		c = next(sc, cv);
		if ((c | 32) == 'x' && c >= 0 && (base == 0 || base == 16)) {
			base = 16;
			c = next(sc, cv);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (; c >= 0; c = next(sc, cv)) {
		int d = isdigit(c) ? c - '0' : isalpha(c) ? (c | 32) - 'a' + 10 : 99;

		if (d >= base)
			break;
		/* leading zeros add nothing: keep one, so that long runs fit */
		if (!(d == 0 && b.len && b.s[b.len - 1] == '0' &&
		      (b.len == 1 || (b.len == 2 && (b.s[0] == '-' || b.s[0] == '+')))))
			add(&b, c);
		digits = 1;
	}
	unget(sc, c);
	if (!digits)
		return 0;
	b.s[b.len] = '\0';
	if (b.full) /* more digits than any value has: clamped, as strtol would */
		*out = !is_signed ? ULLONG_MAX : b.s[0] == '-' ? (unsigned long long)LLONG_MIN : LLONG_MAX;
	else if (is_signed)
		*out = (unsigned long long)strtoll(b.s, NULL, base);
	else
		*out = strtoull(b.s, NULL, base);
	errno = saved; /* scanf reports no range errors */
	return 1;
}

/*
 * Floating-point input counts its width as glibc does: a byte counts when
 * it is fetched, also the one after "0" that turns out not to be 'x' and
 * is given back, so "%3lf" reads "0x1" but "%2lf" only "0" of it.
 */
static int fetch(struct scanner *sc, struct conv *cv)
{
	int c = get(sc);

	if (cv->width > 0)
		cv->width--;
	return c;
}

/* Match the rest of word (lower case) case-insensitively after its first
 * byte, already in b. A mismatching byte stays consumed, as in glibc. */
static int match_word(struct scanner *sc, struct conv *cv, struct numbuf *b, const char *word)
{
	int c;

	for (; *word; word++) {
		if (!cv->width)
			return 0;
		c = fetch(sc, cv);
		if (c == EOF || (c | 32) != *word)
			return 0;
		add(b, c);
	}
	return 1;
}

/*
 * A floating-point number, collected as glibc collects it (one byte of
 * look-ahead, so "1e" or "0x." is consumed and converted as far as
 * strtod reads it), then converted by strtod. Returns 1, or 0 on a
 * matching failure.
 */
static int scan_float(struct scanner *sc, struct conv *cv, double *out)
{
	struct numbuf b;
	int c = fetch(sc, cv), sign = 0, hexa = 0, got_digit = 0, got_dot = 0, got_e = 0, saved = errno;
	char exp_char = 'e', *end;

	b.len = 0;
	b.full = 0;
	if (c == '+' || c == '-') {
		add(&b, c);
		sign = 1;
		if (!cv->width || (c = fetch(sc, cv)) == EOF)
			return 0;
	}
	if ((c | 32) == 'n' && c != EOF) {
		add(&b, c);
		if (!match_word(sc, cv, &b, "an"))
			return 0;
		goto convert;
	}
	if ((c | 32) == 'i' && c != EOF) {
		add(&b, c);
		if (!match_word(sc, cv, &b, "nf"))
			return 0;
		if (cv->width && (c = get(sc)) != EOF) {
			if ((c | 32) != 'i') {
				unget(sc, c);
			} else {
				if (cv->width > 0)
					cv->width--;
				add(&b, c);
				if (!match_word(sc, cv, &b, "nity"))
					return 0;
			}
		}
		goto convert;
	}
	if (cv->width && c == '0') {
		add(&b, c);
		c = fetch(sc, cv);
		if (cv->width && c != EOF && (c | 32) == 'x') {
			add(&b, c);
			hexa = 1;
			exp_char = 'p';
			c = fetch(sc, cv);
		} else {
			got_digit = 1;
		}
	}
	for (;;) {
		if (c >= 0 && (isdigit(c) || (hexa && !got_e && isxdigit(c)))) {
			got_digit = 1;
		} else if (got_e && b.s[b.len - 1] == exp_char && (c == '-' || c == '+')) {
			;
		} else if (got_digit && !got_e && c >= 0 && (c | 32) == exp_char) {
			got_e = got_dot = 1;
			c = exp_char; /* stored in lower case, which the sign test above expects */
		} else if (!got_dot && c == '.') {
			got_dot = 1;
		} else {
			unget(sc, c);
			break;
		}
		add(&b, c);
		if (!cv->width || (c = fetch(sc, cv)) == EOF)
			break;
	}
	if (b.len == (size_t)sign || (hexa && b.len == (size_t)sign + 2))
		return 0;
convert:
	if (b.full)
		return 0;
	b.s[b.len] = '\0';
	*out = strtod(b.s, &end);
	errno = saved;
	return end != b.s;
}

/* The set of a %[ conversion: fmt is past the '['; returns the ']'. */
static const char *parse_set(const char *fmt, unsigned char set[32])
{
	int neg = *fmt == '^', i;
	unsigned char lo, hi;

	fmt += neg;
	memset(set, 0, 32);
	/* a ']' first is a member; a '-' first or last is itself */
	if (*fmt == ']')
		set[']' / 8] |= 1 << (']' % 8), fmt++;
	for (; *fmt && *fmt != ']'; fmt++) {
		lo = hi = (unsigned char)*fmt;
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' && (unsigned char)fmt[2] >= lo) {
			hi = (unsigned char)fmt[2];
			fmt += 2;
		}
		for (i = lo; i <= hi; i++)
			set[i / 8] |= 1 << (i % 8);
	}
	if (neg)
		for (i = 0; i < 32; i++)
			set[i] = ~set[i];
	return fmt;
}

/* %s, %c and %[: bytes into a char array. Returns 1, 0 (nothing
 * matched) or EOF (input ended first). */
static int scan_chars(struct scanner *sc, struct conv *cv, const unsigned char *set, va_list *ap)
{
	char *p = cv->suppress ? NULL : va_arg(*ap, char *);
	int c = get(sc), n = 0;

	if (c == EOF)
		return EOF;
	if (cv->width < 0)
		cv->width = cv->conv == 'c' ? 1 : INT_MAX;
	for (; c >= 0; c = next(sc, cv)) {
		if (cv->conv == 's' ? isspace(c) : cv->conv == '[' ? !(set[c / 8] & (1 << (c % 8))) : 0)
			break;
		if (p)
			p[n] = (char)c;
		n++;
	}
	unget(sc, c);
	if (!n)
		return 0;
	if (p && cv->conv != 'c')
		p[n] = '\0';
	return 1;
}

/* Flags, width and length of the spec at *fmt (past the '%'). */
static void parse_conv(const char **fmt, struct conv *cv)
{
	const char *f = *fmt;

	cv->suppress = *f == '*';
	f += cv->suppress;
	cv->width = -1;
	if (isdigit((unsigned char)*f)) {
		cv->width = 0;
		while (isdigit((unsigned char)*f))
			cv->width = cv->width > INT_MAX / 10 - 1 ? INT_MAX : cv->width * 10 + (*f++ - '0');
		if (!cv->width)
			cv->width = -1; /* a width of 0 is none */
	}
	cv->size = sizeof(int);
	switch (*f++) {
	case 'h': cv->size = *f == 'h' ? (f++, 1) : (int)sizeof(short); break;
	case 'l': cv->size = *f == 'l' ? (f++, 8) : (int)sizeof(long); break;
	case 'L': case 'q': cv->size = 16; break;
	case 'j': case 'z': case 't': cv->size = 8; break;
	default: f--;
	}
	cv->conv = *f;
	*fmt = f;
}

/* Store a float conversion's value in the type its length asks for. */
static void store_float(va_list *ap, int size, double v)
{
	if (size == 16)
		*va_arg(*ap, long double *) = v;
	else if (size == 8)
		*va_arg(*ap, double *) = v;
	else
		*va_arg(*ap, float *) = (float)v;
}

int ts_nolibc_vscan(struct ts_nolibc_in *in, const char *fmt, va_list args)
{
	struct scanner sc = { in, 0 };
	unsigned char set[32];
	unsigned long long v;
	struct conv cv;
	int done = 0, c, r;
	va_list ap;
	double d;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(&sc);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') { /* "%%" skips white space first, as a conversion */
				fmt++;
				skip_space(&sc);
			}
			c = get(&sc);
			if (c == EOF)
				goto input_failure;
			if (c != (unsigned char)*fmt) {
				unget(&sc, c);
				goto out;
			}
			continue;
		}
		fmt++;
		parse_conv(&fmt, &cv);
		if (cv.conv == 'n') {
			if (!cv.suppress)
				store_int(&ap, cv.size, sc.count);
			continue;
		}
		if (cv.conv != 'c' && cv.conv != '[' && skip_space(&sc) == EOF)
			goto input_failure;
		switch (cv.conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
			r = scan_int(&sc, &cv, cv.conv == 'd' || cv.conv == 'u' ? 10 : cv.conv == 'i' ? 0 : cv.conv == 'o' ? 8 : 16,
				     cv.conv == 'd' || cv.conv == 'i', &v);
			if (!r)
				goto out;
			if (!cv.suppress)
				store_int(&ap, cv.conv == 'p' ? (int)sizeof(void *) : cv.size, v);
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
			if (!scan_float(&sc, &cv, &d))
				goto out;
			if (!cv.suppress)
				store_float(&ap, cv.size, d);
			break;
		case '[':
			fmt = parse_set(fmt + 1, set);
			if (!*fmt)
				goto out; /* no closing ']': a bad format */
			/* fall through */
		case 's':
		case 'c':
			r = scan_chars(&sc, &cv, set, &ap);
			if (r == EOF)
				goto input_failure;
			if (!r)
				goto out;
			break;
		default:
			goto out; /* unknown conversion */
		}
		done += !cv.suppress;
	}
	goto out;
input_failure:
	if (!done)
		done = EOF;
out:
	va_end(ap);
	return done;
}

/* A string source. */
struct strin {
	struct ts_nolibc_in in;
	const unsigned char *p;
};

static int str_get(struct ts_nolibc_in *in)
{
	struct strin *s = (struct strin *)in;

	return *s->p ? *s->p++ : EOF;
}

static void str_unget(struct ts_nolibc_in *in, int c)
{
	(void)c;
	((struct strin *)in)->p--;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct strin in = { { str_get, str_unget }, (const unsigned char *)s };

	return ts_nolibc_vscan(&in.in, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
