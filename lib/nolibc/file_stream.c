/* file_stream.c: streams on file descriptors: stdin, stdout, stderr, buffering, fflush and the stream list. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ts/vfs.h>
#include "stream.h"

/* Recursive: a stream's lock may be taken again by its holder (exit
 * handlers, a printf of a stream from a callback). */
#define STREAM_LOCK_INIT { NULL, 0, 1, TS_WAITQ_INIT }

static char stdout_buf[BUFSIZ];
static FILE stderr_file = { 2, SF_WRITE | SF_NOBUF | SF_STATIC, NULL, 0, 0, 0, 0, -1, 0,
			    STREAM_LOCK_INIT, NULL };
static FILE stdout_file = { 1, SF_WRITE | SF_LINE | SF_STATIC, stdout_buf, BUFSIZ, 0, 0, 0, -1, 0,
			    STREAM_LOCK_INIT, &stderr_file };
static FILE stdin_file = { 0, SF_READ | SF_LINE | SF_STATIC | SF_BADFEOF, NULL, 0, 0, 0, 0, -1, 0,
			   STREAM_LOCK_INIT, &stdout_file };
FILE *const stdin = &stdin_file;
FILE *const stdout = &stdout_file;
FILE *const stderr = &stderr_file;

/* The open streams; the lock covers the list only. */
static FILE *streams = &stdin_file;
static struct ts_mutex streams_lock = TS_MUTEX_INIT;

void ts_nolibc_stream_link(FILE *f)
{
	ts_mutex_lock(&streams_lock);
	f->next = streams;
	streams = f;
	ts_mutex_unlock(&streams_lock);
}

void ts_nolibc_stream_unlink(FILE *f)
{
	ts_mutex_lock(&streams_lock);
	for (FILE **p = &streams; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			break;
		}
	}
	ts_mutex_unlock(&streams_lock);
}

void ts_nolibc_stream_buffer(FILE *f)
{
	if (f->buf)
		return;
	if (!(f->flags & SF_NOBUF)) {
		f->buf = malloc(STREAM_BUFSIZE);
		if (f->buf) {
			f->size = STREAM_BUFSIZE;
			f->flags |= SF_OWNBUF;
			return;
		}
	}
	f->buf = &f->one; /* unbuffered, or no memory: one byte at a time */
	f->size = 1;
}

/* A failed call on f: the error indicator and errno. */
static int fail(FILE *f, long err)
{
	f->flags |= SF_ERR;
	errno = (int)-err;
	return -1;
}

/* All n bytes to the descriptor. */
static int write_all(FILE *f, const char *s, size_t n)
{
	while (n) {
		ssize_t r = ts_vfs_write(f->fd, s, n);

		if (r <= 0)
			return fail(f, r ? r : -EIO);
		s += r;
		n -= (size_t)r;
	}
	return 0;
}

int ts_nolibc_stream_flush(FILE *f)
{
	size_t n = f->wlen;

	f->wlen = 0; /* what fails to go out is dropped, as documented */
	return n ? write_all(f, f->buf, n) : 0;
}

void ts_nolibc_stream_unread(FILE *f)
{
	off_t back = (off_t)(f->rend - f->rpos) + (f->ungot >= 0);

	if (back)
		ts_vfs_lseek(f->fd, -back, TS_SEEK_CUR); /* fails harmlessly where one cannot seek */
	f->rpos = f->rend = 0;
	f->ungot = -1;
}

/* Append to the buffer; what does not fit goes out, directly if large. */
static int buffer(FILE *f, const char *s, size_t n)
{
	if (f->wlen + n > f->size) {
		if (ts_nolibc_stream_flush(f))
			return -1;
		if (n > f->size)
			return write_all(f, s, n);
	}
	memcpy(f->buf + f->wlen, s, n);
	f->wlen += n;
	return 0;
}

/*
 * Unbuffered and line-buffered streams flush stdout before they write or
 * read, so that the console shows output and prompts in program order.
 */
static void flush_stdout_for(FILE *f)
{
	if (f != stdout && (f->flags & (SF_NOBUF | SF_LINE))) {
		ts_nolibc_stream_lock(stdout);
		ts_nolibc_stream_flush(stdout);
		ts_nolibc_stream_unlock(stdout);
	}
}

int ts_nolibc_stream_write(FILE *f, const char *s, size_t n)
{
	size_t line = n;

	if (!(f->flags & SF_WRITE))
		return fail(f, -EBADF);
	if (f->rend > f->rpos || f->ungot >= 0)
		ts_nolibc_stream_unread(f);
	f->rpos = f->rend = 0;
	ts_nolibc_stream_buffer(f);
	if (f->flags & SF_NOBUF) {
		flush_stdout_for(f);
		return write_all(f, s, n);
	}
	if (f->flags & SF_LINE) {
		/* everything up to the last '\n' goes out now */
		while (line && s[line - 1] != '\n')
			line--;
		if (line && (buffer(f, s, line) || ts_nolibc_stream_flush(f)))
			return -1;
	} else {
		line = 0;
	}
	return buffer(f, s + line, n - line);
}

int ts_nolibc_stream_getc(FILE *f)
{
	ssize_t r;
	int c;

	if (f->ungot >= 0) {
		c = f->ungot;
		f->ungot = -1;
		return c;
	}
	if (f->rpos < f->rend)
		return (unsigned char)f->buf[f->rpos++];
	if (f->flags & SF_EOF) /* sticky until clearerr, as C11 says */
		return EOF;
	if (!(f->flags & SF_READ))
		return fail(f, -EBADF);
	if (f->wlen && ts_nolibc_stream_flush(f))
		return EOF;
	flush_stdout_for(f);
	ts_nolibc_stream_buffer(f);
	r = ts_vfs_read(f->fd, f->buf, f->size);
	if (r < 0 && !(r == -EBADF && (f->flags & SF_BADFEOF)))
		return fail(f, r);
	if (r <= 0) {
		f->flags |= SF_EOF;
		return EOF;
	}
	f->rpos = 1;
	f->rend = (size_t)r;
	return (unsigned char)f->buf[0];
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		ts_mutex_lock(&streams_lock);
		for (FILE *g = streams; g; g = g->next)
			if (g->wlen)
				r |= fflush(g);
		ts_mutex_unlock(&streams_lock);
		return r ? EOF : 0;
	}
	ts_nolibc_stream_lock(f);
	if (f->wlen)
		r = ts_nolibc_stream_flush(f);
	else if (f->rend > f->rpos || f->ungot >= 0)
		ts_nolibc_stream_unread(f); /* POSIX: the descriptor moves to the stream's position */
	ts_nolibc_stream_unlock(f);
	return r ? EOF : 0;
}

int ferror(FILE *f)
{
	return !!(f->flags & SF_ERR);
}

int feof(FILE *f)
{
	return !!(f->flags & SF_EOF);
}

void clearerr(FILE *f)
{
	ts_nolibc_stream_lock(f);
	f->flags &= ~(SF_ERR | SF_EOF);
	ts_nolibc_stream_unlock(f);
}

int fileno(FILE *f)
{
	if (f->fd < 0) {
		errno = EBADF;
		return -1;
	}
	return f->fd;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if ((mode != _IOFBF && mode != _IOLBF && mode != _IONBF) || (buf && !size)) {
		errno = EINVAL;
		return EOF;
	}
	ts_nolibc_stream_lock(f);
	if (f->flags & SF_OWNBUF)
		free(f->buf);
	f->flags &= ~(SF_OWNBUF | SF_LINE | SF_NOBUF);
	f->flags |= mode == _IOLBF ? SF_LINE : mode == _IONBF ? SF_NOBUF : 0;
	f->buf = mode == _IONBF ? NULL : buf; /* NULL: allocated at first use */
	f->size = f->buf ? size : 0;
	f->rpos = f->rend = f->wlen = 0;
	ts_nolibc_stream_unlock(f);
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}
