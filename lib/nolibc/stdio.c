/* stdio.c: stdout and stderr on the platform console: their buffers, fflush and ferror (put.c writes through them). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/console.h>
#include "stream.h"

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

/*
 * Also the flush the writes below use (console_put's -1 is EOF). NULL is
 * stdout: stderr never holds anything. Buffered bytes that fail are
 * dropped, as a failed stdio flush may.
 */
int fflush(FILE *f)
{
	int r = 0;

	if (!f)
		f = stdout;
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
		int r = fflush(f);

		if (n > BUFSIZ)
			return console_put(f, s, n) | r;
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	return 0;
}

/* stdout's line buffering and stderr's ordering: see console/stream.h. */
int ts_nolibc_stream_write(FILE *f, const char *s, size_t n)
{
	size_t line = n;
	int r = 0;

	if (!f->buf) {
		fflush(stdout);
		return console_put(f, s, n);
	}
	while (line && s[line - 1] != '\n')
		line--;
	if (line)
		r = buffer(f, s, line) | fflush(f);
	return buffer(f, s + line, n - line) | r;
}

int ferror(FILE *f)
{
	return f->err;
}

void clearerr(FILE *f)
{
	f->err = 0;
}
