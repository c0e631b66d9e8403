/* file_get.c: input from streams: fgetc, ungetc, fgets, fread. */
#include <errno.h>
#include <string.h>
#include <ts/vfs.h>
#include "stream.h"

int fgetc(FILE *f)
{
	int c;

	ts_nolibc_stream_lock(f);
	c = ts_nolibc_stream_getc(f);
	ts_nolibc_stream_unlock(f);
	return c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	int r = EOF;

	if (c == EOF)
		return EOF;
	ts_nolibc_stream_lock(f);
	if (f->ungot < 0 && (f->flags & SF_READ)) {
		if (f->wlen)
			ts_nolibc_stream_flush(f);
		f->ungot = (unsigned char)c;
		f->flags &= ~SF_EOF;
		r = (unsigned char)c;
	}
	ts_nolibc_stream_unlock(f);
	return r;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0, c = 0;

	if (n <= 0)
		return NULL;
	if (n == 1) { /* room for the NUL only: an empty line, as glibc */
		s[0] = '\0';
		return s;
	}
	ts_nolibc_stream_lock(f);
	while (i < n - 1 && c != '\n') {
		c = ts_nolibc_stream_getc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
	}
	ts_nolibc_stream_unlock(f);
	if (!i || (c == EOF && ferror(f)))
		return NULL;
	s[i] = '\0';
	return s;
}

/* Reads of at least a buffer go straight into the caller's memory. */
size_t fread(void *restrict p, size_t size, size_t nmemb, FILE *restrict f)
{
	size_t want, got = 0, k;
	char *dst = p;
	ssize_t r;
	int c;

	if (!size || !nmemb)
		return 0;
	want = size * nmemb;
	ts_nolibc_stream_lock(f);
	while (got < want) {
		if (f->ungot < 0 && f->rpos < f->rend) {
			k = f->rend - f->rpos < want - got ? f->rend - f->rpos : want - got;
			memcpy(dst + got, f->buf + f->rpos, k);
			f->rpos += k;
			got += k;
			continue;
		}
		if (f->ungot < 0 && f->buf && want - got >= f->size && !f->wlen && (f->flags & SF_READ) &&
		    !(f->flags & SF_EOF)) {
			r = ts_vfs_read(f->fd, dst + got, want - got);
			if (r > 0) {
				got += (size_t)r;
				continue;
			}
			if (r < 0 && !(r == -EBADF && (f->flags & SF_BADFEOF))) {
				f->flags |= SF_ERR;
				errno = (int)-r;
			} else {
				f->flags |= SF_EOF;
			}
			break;
		}
		c = ts_nolibc_stream_getc(f);
		if (c == EOF)
			break;
		dst[got++] = (char)c;
	}
	ts_nolibc_stream_unlock(f);
	return got / size;
}
