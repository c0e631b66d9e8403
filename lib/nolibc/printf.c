/* printf.c: the printf engine (integers, strings, %n) and the s(n)printf family. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "format.h"

void ts_nolibc_out_write(struct ts_nolibc_out *o, const char *s, size_t n)
{
	o->len += n;
	if (n)
		o->write(o, s, n);
}

void ts_nolibc_out_fill(struct ts_nolibc_out *o, char c, size_t n)
{
	char buf[64];
	size_t k = n < sizeof buf ? n : sizeof buf;

	memset(buf, c, k);
	for (; n; n -= k) {
		k = n < sizeof buf ? n : sizeof buf;
		ts_nolibc_out_write(o, buf, k);
	}
}

static size_t padding(const struct ts_nolibc_spec *sp, size_t len)
{
	return (size_t)sp->width > len ? (size_t)sp->width - len : 0;
}

void ts_nolibc_field_begin(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
			   const char *prefix, size_t plen, size_t len, int zeros)
{
	size_t pad = sp->flags & TS_FMT_LEFT ? 0 : padding(sp, len);

	if (!zeros)
		ts_nolibc_out_fill(o, ' ', pad);
	ts_nolibc_out_write(o, prefix, plen);
	if (zeros)
		ts_nolibc_out_fill(o, '0', pad);
}

void ts_nolibc_field_end(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp, size_t len)
{
	if (sp->flags & TS_FMT_LEFT)
		ts_nolibc_out_fill(o, ' ', padding(sp, len));
}

/* A field holding just the n bytes of s (%s, %c; flag '0' does not apply). */
static void format_str(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
		       const char *s, size_t n)
{
	ts_nolibc_field_begin(o, sp, NULL, 0, n, 0);
	ts_nolibc_out_write(o, s, n);
	ts_nolibc_field_end(o, sp, n);
}

/* %lc and %ls: wide characters, printed when ASCII and as '?' otherwise. */
static void format_wstr(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
			const wchar_t *ws, size_t n)
{
	size_t i;
	char c;

	ts_nolibc_field_begin(o, sp, NULL, 0, n, 0);
	for (i = 0; i < n; i++) {
		c = ws[i] >= 0 && ws[i] < 128 ? (char)ws[i] : '?';
		ts_nolibc_out_write(o, &c, 1);
	}
	ts_nolibc_field_end(o, sp, n);
}

/*
 * An integer conversion (d i u o x X p) of magnitude v; sign is '-', '+',
 * ' ' or 0. Precision is the minimum digit count ("%.0d" of 0 prints no
 * digit), '#' adds "0x" to non-zero hex and a leading 0 to octal.
 */
static void format_int(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
		       uintmax_t v, char sign)
{
	static const char digits[] = "0123456789abcdef0123456789ABCDEF";
	const char *dig = digits + (sp->conv == 'X' ? 16 : 0);
	unsigned int base = sp->conv == 'o' ? 8 : sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p' ? 16 : 10;
	char buf[3 * sizeof(uintmax_t)], prefix[3];
	char *end = buf + sizeof buf, *p = end;
	size_t nd, zeros = 0, plen = 0, len;
	uintmax_t x = v;

	if (sp->prec || v) {
		do
			*--p = dig[x % base];
		while ((x /= base));
	}
	nd = end - p;
	if (sp->prec > 0 && (size_t)sp->prec > nd)
		zeros = sp->prec - nd;
	if (sign)
		prefix[plen++] = sign;
	if (sp->flags & TS_FMT_ALT) {
		if (base == 8 && !zeros && (!nd || *p != '0'))
			zeros = 1;
		if (base == 16 && v) {
			prefix[plen++] = '0';
			prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
		}
	}
	len = plen + zeros + nd;
	ts_nolibc_field_begin(o, sp, prefix, plen, len, (sp->flags & TS_FMT_ZERO) && sp->prec < 0);
	ts_nolibc_out_fill(o, '0', zeros);
	ts_nolibc_out_write(o, p, nd);
	ts_nolibc_field_end(o, sp, len);
}

/*
 * The next integer argument of size bytes (from the length modifier),
 * sign- or zero-extended. Arguments wider than int are fetched as
 * uintmax_t: every ABI gcc supports passes same-sized integers alike.
 */
static uintmax_t get_int(va_list *ap, unsigned int size, int is_signed)
{
	unsigned int shift = 8 * (sizeof(uintmax_t) - size);
	uintmax_t v = size > sizeof(int) ? va_arg(*ap, uintmax_t) : va_arg(*ap, unsigned int);

	v <<= shift;
	return is_signed ? (uintmax_t)((intmax_t)v >> shift) : v >> shift;
}

/* Store the count so far through the %n argument (size bytes wide). */
static void store_count(va_list *ap, unsigned int size, size_t count)
{
	void *p = va_arg(*ap, void *);

	switch (size) {
	case 1: *(signed char *)p = (signed char)count; break;
	case 2: *(short *)p = (short)count; break;
	case 4: *(int32_t *)p = (int32_t)count; break;
	default: *(int64_t *)p = (int64_t)count; break;
	}
}

/* A decimal width or precision; saturates at INT_MAX. */
static int get_num(const char **s)
{
	int n = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++)
		n = n > (INT_MAX - 9) / 10 ? INT_MAX : n * 10 + (**s - '0');
	return n;
}

/*
 * Parse flags, width, precision and length of the spec at *s (past the
 * '%'). Returns the size of the integer argument the length implies.
 */
static unsigned int parse_spec(const char **s, struct ts_nolibc_spec *sp, va_list *ap)
{
	const char *f = *s;
	unsigned int size = sizeof(int);

	sp->flags = 0;
	sp->prec = -1;
	for (;; f++) {
		switch (*f) {
		case '-': sp->flags |= TS_FMT_LEFT; continue;
		case '+': sp->flags |= TS_FMT_PLUS; continue;
		case ' ': sp->flags |= TS_FMT_SPACE; continue;
		case '#': sp->flags |= TS_FMT_ALT; continue;
		case '0': sp->flags |= TS_FMT_ZERO; continue;
		case '\'': continue; /* thousands grouping: none in the "C" locale */
		}
		break;
	}
	if (*f == '*') {
		f++;
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) { /* a negative width is flag '-' */
			sp->flags |= TS_FMT_LEFT;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
	} else {
		sp->width = get_num(&f);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			f++;
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0) /* a negative precision is none */
				sp->prec = -1;
		} else {
			sp->prec = get_num(&f);
		}
	}
	switch (*f++) {
	case 'h': size = *f == 'h' ? (f++, 1) : sizeof(short); break;
	case 'l':
		sp->flags |= TS_FMT_WIDE;
		size = *f == 'l' ? (f++, sizeof(long long)) : sizeof(long);
		break;
	/* "%Ld" and "%qd" read long long, as most C libraries do */
	case 'L': case 'q': sp->flags |= TS_FMT_LDBL; size = sizeof(long long); break;
	case 'z': size = sizeof(size_t); break;
	case 'j': size = sizeof(intmax_t); break;
	case 't': size = sizeof(ptrdiff_t); break;
	default: f--; /* no length modifier */
	}
	sp->conv = *f;
	*s = f;
	return size;
}

int ts_nolibc_vformat(struct ts_nolibc_out *o, const char *fmt, va_list args)
{
	struct ts_nolibc_spec sp;
	const char *start, *s;
	va_list ap;
	uintmax_t v;
	size_t n;
	char c;
	unsigned int size;

	/* A local copy, so that helpers can take its address portably. */
	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			for (s = fmt; *s && *s != '%'; s++)
				;
			ts_nolibc_out_write(o, fmt, s - fmt);
			fmt = s;
			continue;
		}
		start = fmt++;
		size = parse_spec(&fmt, &sp, &ap);
		c = sp.flags & TS_FMT_PLUS ? '+' : sp.flags & TS_FMT_SPACE ? ' ' : 0;
		switch (sp.conv) {
		case 'd':
		case 'i':
			v = get_int(&ap, size, 1);
			if ((intmax_t)v < 0) {
				v = -v;
				c = '-';
			}
			format_int(o, &sp, v, c);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			format_int(o, &sp, get_int(&ap, size, 0), 0);
			break;
		case 'p':
			s = va_arg(ap, const char *);
			if (s) {
				sp.flags |= TS_FMT_ALT;
				format_int(o, &sp, (uintptr_t)s, c);
			} else {
				format_str(o, &sp, "(nil)", 5);
			}
			break;
		case 'c':
			if (sp.flags & TS_FMT_WIDE) {
				wchar_t wc = (wchar_t)va_arg(ap, unsigned);
				format_wstr(o, &sp, &wc, 1);
			} else {
				c = (char)va_arg(ap, int);
				format_str(o, &sp, &c, 1);
			}
			break;
		case 's':
			if (sp.flags & TS_FMT_WIDE) {
				const wchar_t *ws = va_arg(ap, const wchar_t *);
				if (ws) {
					for (n = 0; ws[n] && n < (size_t)sp.prec; n++)
						;
					format_wstr(o, &sp, ws, n);
					break;
				}
				s = NULL;
			} else {
				s = va_arg(ap, const char *);
			}
			/* NULL prints "(null)", or nothing if the precision cuts it. */
			if (!s)
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			format_str(o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, sp.prec));
			break;
		case 'n':
			store_count(&ap, size, o->len);
			break;
		case '%':
			ts_nolibc_out_write(o, "%", 1);
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
			ts_nolibc_format_float(o, &sp, sp.flags & TS_FMT_LDBL ? (double)va_arg(ap, long double)
								 : va_arg(ap, double));
			break;
		default:
			/* Unknown conversion, or the format ends inside a spec: print it as written. */
			if (!*fmt) {
				ts_nolibc_out_write(o, start, fmt - start);
				continue;
			}
			ts_nolibc_out_write(o, start, fmt + 1 - start);
			break;
		}
		fmt++;
	}
	va_end(ap);
	if (o->len > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o->len;
}

/* snprintf's output: keeps what fits in room, drops the rest. */
struct strout {
	struct ts_nolibc_out out;
	char *p;
	size_t room; /* bytes left, the final NUL excluded */
};

static void strout_write(struct ts_nolibc_out *o, const char *s, size_t n)
{
	struct strout *so = (struct strout *)o;

	if (n > so->room)
		n = so->room;
	if (n) {
		memcpy(so->p, s, n);
		so->p += n;
		so->room -= n;
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct strout so = { { strout_write, 0 }, buf, size ? size - 1 : 0 };
	int r = ts_nolibc_vformat(&so.out, fmt, ap);

	if (size)
		*so.p = '\0';
	return r;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	/* Unbounded: the caller promises room; INT_MAX + 1 is as far as printf counts. */
	return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}
