/*
 * put.c: the put functions and the printf family, on either stream
 * implementation: the console's (stdio.c) or the descriptors' (file_*.c).
 * Makefile.uk puts that implementation's folder (console/ or files/) on the
 * include path, so "stream.h" is its write and lock; the console's locks
 * are empty inline functions and cost nothing.
 */
#include <stdarg.h>
#include <string.h>
#include "format.h"
#include "stream.h"

/* One locked write of n bytes: 0, or -1. */
static int put(FILE *f, const char *s, size_t n)
{
	int r;

	ts_nolibc_stream_lock(f);
	r = ts_nolibc_stream_write(f, s, n);
	ts_nolibc_stream_unlock(f);
	return r;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return put(f, &ch, 1) ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return put(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	int r;

	ts_nolibc_stream_lock(stdout);
	r = ts_nolibc_stream_write(stdout, s, strlen(s)) | ts_nolibc_stream_write(stdout, "\n", 1);
	ts_nolibc_stream_unlock(stdout);
	return r ? EOF : 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t nmemb, FILE *restrict f)
{
	if (!size || !nmemb)
		return 0;
	return put(f, p, size * nmemb) ? 0 : nmemb;
}

/*
 * printf's output to a stream, gathered in a small local buffer first so
 * that one call usually makes one write, also on an unbuffered stream
 * (stderr).
 */
struct fileout {
	struct ts_nolibc_out out;
	FILE *f;
	size_t n;
	int err; /* some write failed */
	char buf[128];
};

static void fileout_write(struct ts_nolibc_out *o, const char *s, size_t n)
{
	struct fileout *fo = (struct fileout *)o;

	if (fo->n + n > sizeof fo->buf) {
		fo->err |= ts_nolibc_stream_write(fo->f, fo->buf, fo->n);
		fo->n = 0;
		if (n > sizeof fo->buf) {
			fo->err |= ts_nolibc_stream_write(fo->f, s, n);
			return;
		}
	}
	memcpy(fo->buf + fo->n, s, n);
	fo->n += n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fileout fo; /* no initializer: buf needs no zeroing */
	int r;

	fo.out.write = fileout_write;
	fo.out.len = 0;
	fo.f = f;
	fo.n = 0;
	fo.err = 0;
	ts_nolibc_stream_lock(f);
	r = ts_nolibc_vformat(&fo.out, fmt, ap);
	fo.err |= ts_nolibc_stream_write(f, fo.buf, fo.n);
	ts_nolibc_stream_unlock(f);
	return fo.err ? -1 : r;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}
