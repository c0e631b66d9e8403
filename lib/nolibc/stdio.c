/* stdio.c: stdout and stderr on the platform console, and the printf family on them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/console.h>
#include "format.h"

struct ts_nolibc_file {
	char *buf;  /* BUFSIZ bytes, or NULL when unbuffered */
	size_t len; /* bytes waiting in buf */
};

static char stdout_buf[BUFSIZ];
static FILE stdout_file = { stdout_buf, 0 };
static FILE stderr_file = { NULL, 0 };
FILE *const stdout = &stdout_file;
FILE *const stderr = &stderr_file;

static void flush(FILE *f)
{
	if (f->len) {
		ts_plat_console_write(f->buf, f->len);
		f->len = 0;
	}
}

/* Append to f's buffer; what does not fit goes out, directly if large. */
static void buffer(FILE *f, const char *s, size_t n)
{
	if (f->len + n > BUFSIZ) {
		flush(f);
		if (n > BUFSIZ) {
			ts_plat_console_write(s, n);
			return;
		}
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
}

/*
 * Write n bytes to f. stdout is line buffered: everything up to the last
 * '\n' goes out now. stderr is unbuffered, and flushes stdout first so
 * that both appear on the console in the order they were written.
 */
static void file_write(FILE *f, const char *s, size_t n)
{
	size_t line = n;

	if (!f->buf) {
		flush(stdout);
		ts_plat_console_write(s, n);
		return;
	}
	while (line && s[line - 1] != '\n')
		line--;
	if (line) {
		buffer(f, s, line);
		flush(f);
	}
	buffer(f, s + line, n - line);
}

int fflush(FILE *f)
{
	flush(f ? f : stdout); /* stderr never holds anything */
	return 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	file_write(f, &ch, 1);
	return (unsigned char)c;
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
	file_write(f, s, strlen(s));
	return 0;
}

int puts(const char *s)
{
	file_write(stdout, s, strlen(s));
	file_write(stdout, "\n", 1);
	return 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t nmemb, FILE *restrict f)
{
	if (!size || !nmemb)
		return 0;
	file_write(f, p, size * nmemb);
	return nmemb;
}

/*
 * printf's output to a stream, gathered in a small local buffer first so
 * that one call usually makes one console write, also on stderr.
 */
struct fileout {
	struct ts_nolibc_out out;
	FILE *f;
	size_t n;
	char buf[128];
};

static void fileout_write(struct ts_nolibc_out *o, const char *s, size_t n)
{
	struct fileout *fo = (struct fileout *)o;

	if (fo->n + n > sizeof fo->buf) {
		file_write(fo->f, fo->buf, fo->n);
		fo->n = 0;
		if (n > sizeof fo->buf) {
			file_write(fo->f, s, n);
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
	r = ts_nolibc_vformat(&fo.out, fmt, ap);
	file_write(f, fo.buf, fo.n);
	return r;
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
