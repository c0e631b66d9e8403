/* stream.h: private interface of the stdio streams on file descriptors (the file_*.c files and put.c). */
#ifndef TS_NOLIBC_STREAM_H
#define TS_NOLIBC_STREAM_H

#include <stddef.h>
#include <stdio.h>
#include <ts/lock.h>

#define STREAM_BUFSIZE 4096 /* what fopen'ed streams allocate at first use */

/* flags */
#define SF_READ    0x001 /* opened for reading */
#define SF_WRITE   0x002 /* opened for writing */
#define SF_EOF     0x004 /* feof */
#define SF_ERR     0x008 /* ferror */
#define SF_LINE    0x010 /* line buffered */
#define SF_NOBUF   0x020 /* unbuffered */
#define SF_OWNBUF  0x040 /* buf was allocated here: free it */
#define SF_STATIC  0x080 /* stdin, stdout, stderr: never freed */
#define SF_BADFEOF 0x100 /* a descriptor that is not open reads as end of file */

/*
 * A stream. At any time it is reading (buf[rpos..rend) holds bytes read
 * ahead, wlen == 0) or writing (buf[0..wlen) waits to be written, no
 * read-ahead), or idle. ungot holds a byte pushed back by ungetc, or -1.
 * Everything is under lock; the *_unlocked functions below expect it
 * held.
 */
struct ts_nolibc_file {
	int fd;
	unsigned int flags;
	char *buf;       /* NULL until first use */
	size_t size;     /* of buf */
	size_t rpos, rend;
	size_t wlen;
	int ungot;
	char one;        /* the buffer of an unbuffered stream */
	struct ts_mutex lock;
	struct ts_nolibc_file *next; /* every open stream, for fflush(NULL) */
};

/* Add f to / take f off the list of open streams. */
void ts_nolibc_stream_link(FILE *f);
void ts_nolibc_stream_unlink(FILE *f);

/* Write n bytes through f's buffer: 0, or -1 with errno and SF_ERR. */
int ts_nolibc_stream_write(FILE *f, const char *s, size_t n);
/* Write what f holds: 0, or -1 with errno and SF_ERR (the bytes are dropped). */
int ts_nolibc_stream_flush(FILE *f);
/* The next byte, or EOF (end of file: SF_EOF; error: SF_ERR and errno). */
int ts_nolibc_stream_getc(FILE *f);
/* Stop reading: give the bytes read ahead (and pushed back) back to the
 * descriptor by seeking, where it can seek. */
void ts_nolibc_stream_unread(FILE *f);
/* Make sure f has its buffer (or its one-byte one when memory is short). */
void ts_nolibc_stream_buffer(FILE *f);

/* Parse an fopen mode into open flags and stream flags: 0, or -EINVAL. */
int ts_nolibc_stream_mode(const char *mode, int *oflags, unsigned int *sflags);

static inline void ts_nolibc_stream_lock(FILE *f)
{
	ts_mutex_lock(&f->lock);
}

static inline void ts_nolibc_stream_unlock(FILE *f)
{
	ts_mutex_unlock(&f->lock);
}

#endif
