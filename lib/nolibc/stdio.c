/* stdio.c: stdout and stderr on the platform console, and the printf family on them. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/console.h>
#include "format.h"

struct ts_nolibc_file {
	char *buf;  /* BUFSIZ bytes, or NULL when unbuffered */
	size_t len; /* bytes waiting in buf */
	int err;    /* a write failed (ferror); sticky until clearerr */
};

static char stdout_buf[BUFSIZ];
static FILE stdout_file = { stdout_buf, 0, 0 };
static FILE stderr_file = { NULL, 0, 0 };

/* Hand n bytes to the console. A refusal (the host's output failed) marks
 * f and sets errno, as a failed write(2) would: 0, or -1. */
static int console_put(FILE *f, const char *s, size_t n)
{
	long r = ts_plat_console_write(s, n);

	if (r >= 0)
		return 0;
	f->err = 1;
	errno = (int)-r;
	return -1;
}
FILE *const stdout = &stdout_file;
FILE *const stderr = &stderr_file;

/* Buffered bytes that fail are dropped, as a failed stdio flush may. */
static int flush(FILE *f)
{
	int r = 0;

	if (f->len) {
		r = console_put(f, f->buf, f->len);
		f->len = 0;
	}
	return r;
}

/* Append to f's buffer; what does not fit goes out, directly if large. */
static int buffer(FILE *f, const char *s, size_t n)
{
	if (f->len + n > BUFSIZ) {
		int r = flush(f);

		if (n > BUFSIZ)
			return console_put(f, s, n) | r;
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	return 0;
}

/*
 * Write n bytes to f. stdout is line buffered: everything up to the last
 * '\n' goes out now. stderr is unbuffered, and flushes stdout first so
 * that both appear on the console in the order they were written.
 */
static int file_write(FILE *f, const char *s, size_t n)
{
	size_t line = n;
	int r = 0;

	if (!f->buf) {
		flush(stdout);
		return console_put(f, s, n);
	}
	while (line && s[line - 1] != '\n')
		line--;
	if (line)
		r = buffer(f, s, line) | flush(f);
	return buffer(f, s + line, n - line) | r;
}

int fflush(FILE *f)
{
	return flush(f ? f : stdout) ? EOF : 0; /* stderr never holds anything */
}

int ferror(FILE *f)
{
	return f->err;
}

void clearerr(FILE *f)
{
	f->err = 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return file_write(f, &ch, 1) ? EOF : (unsigned char)c;
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
	return file_write(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	return (file_write(stdout, s, strlen(s)) | file_write(stdout, "\n", 1)) ? EOF : 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t nmemb, FILE *restrict f)
{
	if (!size || !nmemb)
		return 0;
	return file_write(f, p, size * nmemb) ? 0 : nmemb;
}

/*
 * printf's output to a stream, gathered in a small local buffer first so
 * that one call usually makes one console write, also on stderr.
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
		fo->err |= file_write(fo->f, fo->buf, fo->n);
		fo->n = 0;
		if (n > sizeof fo->buf) {
			fo->err |= file_write(fo->f, s, n);
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
	r = ts_nolibc_vformat(&fo.out, fmt, ap);
	fo.err |= file_write(f, fo.buf, fo.n);
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
