/* file_seek.c: fseek, ftell and friends on streams. */
#include <errno.h>
#include <limits.h>
#include <ts/vfs.h>
#include "stream.h"

int fseeko(FILE *f, off_t off, int whence)
{
	off_t r;
	int err = 0;

	ts_nolibc_stream_lock(f);
	if (f->wlen && ts_nolibc_stream_flush(f)) {
		ts_nolibc_stream_unlock(f);
		return -1;
	}
	/* SEEK_CUR counts from where the program is, not the descriptor */
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rend - f->rpos) + (f->ungot >= 0);
	r = ts_vfs_lseek(f->fd, off, whence);
	if (r < 0) {
		err = (int)-r;
	} else {
		f->rpos = f->rend = 0;
		f->ungot = -1;
		f->flags &= ~SF_EOF;
	}
	ts_nolibc_stream_unlock(f);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos;

	ts_nolibc_stream_lock(f);
	/* Written bytes go out first: in append mode only the descriptor
	 * knows where they land. */
	if (f->wlen && ts_nolibc_stream_flush(f)) {
		ts_nolibc_stream_unlock(f);
		return -1;
	}
	pos = ts_vfs_lseek(f->fd, 0, TS_SEEK_CUR);
	if (pos >= 0)
		pos -= (off_t)(f->rend - f->rpos) + (f->ungot >= 0);
	ts_nolibc_stream_unlock(f);
	if (pos < 0) {
		errno = (int)-pos;
		return -1;
	}
	return pos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	clearerr(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}
