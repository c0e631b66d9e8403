/* file_scan.c: fscanf, scanf and their v-forms: the scanf engine on a locked stream. */
#include <stdarg.h>
#include "scan.h"
#include "stream.h"

struct filein {
	struct ts_nolibc_in in;
	FILE *f;
};

static int file_get(struct ts_nolibc_in *in)
{
	return ts_nolibc_stream_getc(((struct filein *)in)->f);
}

/* The engine gives back only the byte it just read: the pushback slot is free. */
static void file_unget(struct ts_nolibc_in *in, int c)
{
	FILE *f = ((struct filein *)in)->f;

	f->ungot = c;
	f->flags &= ~SF_EOF;
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct filein in = { { file_get, file_unget }, f };
	int r;

	ts_nolibc_stream_lock(f);
	r = ts_nolibc_vscan(&in.in, fmt, ap);
	ts_nolibc_stream_unlock(f);
	return r;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
