/* stream.h: private interface of stdout and stderr on the platform console (stdio.c), for put.c. */
#ifndef TS_NOLIBC_STREAM_H
#define TS_NOLIBC_STREAM_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write n bytes to f. stdout is line buffered: everything up to the last
 * '\n' goes out now. stderr is unbuffered, and flushes stdout first so
 * that both appear on the console in the order they were written.
 * Returns 0, or -1 with errno set and f's error indicator (ferror) set.
 */
int ts_nolibc_stream_write(FILE *f, const char *s, size_t n);

/* The console streams have no lock (only streams on descriptors do, see
 * docs/libc.md): these empty ones let put.c serve both implementations. */
static inline void ts_nolibc_stream_lock(FILE *f)
{
	(void)f;
}

static inline void ts_nolibc_stream_unlock(FILE *f)
{
	(void)f;
}

#endif
