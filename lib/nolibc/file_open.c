/* file_open.c: fopen, fdopen and fclose. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <ts/vfs.h>
#include "stream.h"

int ts_nolibc_stream_mode(const char *mode, int *oflags, unsigned int *sflags)
{
	int plus = 0;

	switch (*mode) {
	case 'r': *oflags = 0; break;
	case 'w': *oflags = O_CREAT | O_TRUNC; break;
	case 'a': *oflags = O_CREAT | O_APPEND; break;
	default: return -EINVAL;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			plus = 1;
		else if (*m == 'x')
			*oflags |= O_EXCL;
		else if (*m == 'e')
			*oflags |= O_CLOEXEC;
		/* 'b' and anything else are ignored, as glibc does */
	}
	*oflags |= plus ? O_RDWR : *mode == 'r' ? O_RDONLY : O_WRONLY;
	*sflags = plus ? SF_READ | SF_WRITE : *mode == 'r' ? SF_READ : SF_WRITE;
	return 0;
}

/* A new fully buffered stream on fd (its buffer comes at first use). */
static FILE *stream_new(int fd, unsigned int sflags)
{
	FILE *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = sflags;
	f->ungot = -1;
	ts_mutex_init(&f->lock, 1);
	ts_nolibc_stream_link(f);
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	unsigned int sflags;
	int oflags, fd, r = ts_nolibc_stream_mode(mode, &oflags, &sflags);
	FILE *f;

	if (r < 0) {
		errno = -r;
		return NULL;
	}
	fd = ts_vfs_openat(TS_AT_FDCWD, path, oflags, 0666);
	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	/* As glibc: an "a" stream starts at the end (ftell gives the size); "a+"
	 * reads from the start. */
	if ((oflags & O_APPEND) && !(sflags & SF_READ))
		ts_vfs_lseek(fd, 0, TS_SEEK_END);
	f = stream_new(fd, sflags);
	if (!f)
		ts_vfs_close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	unsigned int sflags;
	int oflags, fl, r = ts_nolibc_stream_mode(mode, &oflags, &sflags);

	if (r < 0) {
		errno = -r;
		return NULL;
	}
	fl = ts_vfs_fcntl(fd, TS_F_GETFL, 0);
	if (fl < 0) {
		errno = -fl;
		return NULL;
	}
	/* As glibc: "a" sets O_APPEND on the descriptor. */
	if ((oflags & O_APPEND) && !(fl & O_APPEND))
		ts_vfs_fcntl(fd, TS_F_SETFL, (unsigned long)(fl | O_APPEND));
	return stream_new(fd, sflags);
}

int fclose(FILE *f)
{
	int r, c;

	ts_nolibc_stream_unlink(f);
	ts_nolibc_stream_lock(f);
	r = ts_nolibc_stream_flush(f);
	if (f->rend > f->rpos || f->ungot >= 0)
		ts_nolibc_stream_unread(f);
	c = f->fd >= 0 ? ts_vfs_close(f->fd) : -EBADF;
	if (c < 0 && !r) {
		errno = -c;
		r = -1;
	}
	if (f->flags & SF_OWNBUF)
		free(f->buf);
	f->buf = NULL;
	f->fd = -1;
	f->flags &= SF_STATIC; /* a closed standard stream can do nothing */
	ts_nolibc_stream_unlock(f);
	if (!(f->flags & SF_STATIC))
		free(f);
	return r ? EOF : 0;
}
