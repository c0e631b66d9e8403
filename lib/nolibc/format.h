/* format.h: private interface of the printf engine (printf.c) and its float part. */
#ifndef TS_NOLIBC_FORMAT_H
#define TS_NOLIBC_FORMAT_H

#include <stddef.h>
#include <stdarg.h>

/*
 * Where formatted text goes. The engine counts every byte in len (the
 * printf return value, also what %n stores) and hands the bytes to write,
 * which may keep or drop them (snprintf drops what does not fit).
 */
struct ts_nolibc_out {
	void (*write)(struct ts_nolibc_out *o, const char *s, size_t n);
	size_t len;
};

/* One parsed conversion specification. */
struct ts_nolibc_spec {
	unsigned int flags; /* TS_FMT_* */
	int width;          /* minimum field width, 0 if none */
	int prec;           /* precision, -1 if none */
	char conv;          /* conversion character, e.g. 'd' or 'g' */
};

#define TS_FMT_LEFT  0x01 /* '-' */
#define TS_FMT_PLUS  0x02 /* '+' */
#define TS_FMT_SPACE 0x04 /* ' ' */
#define TS_FMT_ALT   0x08 /* '#' */
#define TS_FMT_ZERO  0x10 /* '0' */
#define TS_FMT_WIDE  0x20 /* length 'l': %lc and %ls take wide characters */
#define TS_FMT_LDBL  0x40 /* length 'L': long double */

/* Emit n bytes of s / n copies of c (both count towards o->len). */
void ts_nolibc_out_write(struct ts_nolibc_out *o, const char *s, size_t n);
void ts_nolibc_out_fill(struct ts_nolibc_out *o, char c, size_t n);

/*
 * Field padding around a body of len bytes (prefix included) whose first
 * plen bytes are the prefix (sign, "0x"): field_begin writes the left
 * padding and the prefix, field_end the right padding. With zeros set
 * (flag '0' applies), padding goes between prefix and body as '0's.
 */
void ts_nolibc_field_begin(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp,
			   const char *prefix, size_t plen, size_t len, int zeros);
void ts_nolibc_field_end(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp, size_t len);

/* The whole engine: format fmt with ap into o. Returns o->len or -1 (EOVERFLOW). */
int ts_nolibc_vformat(struct ts_nolibc_out *o, const char *fmt, va_list ap);

/*
 * Floating-point conversions (sp->conv one of f F e E g G a A), in
 * printf_float.c, or a stub in printf_nofloat.c when LIBNOLIBC_FLOAT is off.
 */
void ts_nolibc_format_float(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp, double v);

#endif
