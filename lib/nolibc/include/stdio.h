/*
 * <stdio.h>: formatted output to the console and into strings.
 *
 * There are exactly two streams, stdout and stderr, and both write to the
 * platform console. stdout keeps a small line buffer, flushed at each
 * '\n', by fflush() and by exit(); stderr is unbuffered and flushes stdout
 * before each write so that the two keep their order on the console.
 * There is no input, no files and no locking (single-threaded for now).
 */
#ifndef TS_NOLIBC_STDIO_H
#define TS_NOLIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

typedef struct ts_nolibc_file FILE; /* opaque */

extern FILE *const stdout;
extern FILE *const stderr;
#ifndef stdout
#define stdout stdout
#endif
#ifndef stderr
#define stderr stderr
#endif

#define EOF (-1)
#define BUFSIZ 256 /* C minimum; also the size of stdout's buffer */

#define __TS_PRINTF(fmt, args) __attribute__((__format__(__printf__, fmt, args)))

/*
 * Formatting: conversions d i u o x X c s p n % and, unless the image is
 * configured without LIBNOLIBC_FLOAT (then they print "?"), f F e E g G
 * a A; flags - + space # 0 and ' (accepted, no grouping); width and
 * precision as digits or *; length modifiers hh h l ll z j t, and L (and
 * q) meaning long long for integers and long double for floats, which is
 * converted to double first (range and precision of double). Doubles
 * print exactly, rounded half to even at any precision, like glibc;
 * a float conversion needs about 1.3 KiB of stack. NULL prints as
 * "(null)" for %s and "(nil)" for %p. %lc and %ls take wide characters
 * but print only ASCII ones ('?' for others). An unknown conversion, or
 * a format ending inside one, is printed as written.
 *
 * The printf family returns the number of bytes written (-1 on an output
 * error, see below); the sprintf
 * family the length of the complete result, NUL excluded. On a result
 * longer than INT_MAX they return -1 with errno = EOVERFLOW.
 */
int printf(const char *__restrict fmt, ...) __TS_PRINTF(1, 2);
int vprintf(const char *__restrict fmt, va_list ap) __TS_PRINTF(1, 0);
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...) __TS_PRINTF(2, 3);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap) __TS_PRINTF(2, 0);

/* Write the whole result and a NUL to buf, which must be large enough. */
int sprintf(char *__restrict buf, const char *__restrict fmt, ...) __TS_PRINTF(2, 3);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap) __TS_PRINTF(2, 0);

/*
 * Write at most size - 1 bytes of the result and a NUL to buf (nothing
 * at all when size is 0; buf may then be NULL). Returns the length the
 * complete result would have, so a return value >= size means truncation.
 */
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt, ...) __TS_PRINTF(3, 4);
int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt, va_list ap)
	__TS_PRINTF(3, 0);

/*
 * Output errors: the console can fail when the host's side of it does
 * (tvm's standard output on a full disk, closed, or a closed pipe). A
 * write that fails sets errno (ENOSPC, EBADF, EPIPE, EIO), marks the
 * stream (ferror) and makes the call return its error value; buffered
 * bytes that fail to go out are dropped.
 */
/* Write c as unsigned char; return it, or EOF on an output error. */
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
/* Write s (puts: and a '\n'); return a non-negative number, or EOF. */
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
/* Write size * nmemb bytes from p; return nmemb (0 if size or nmemb is 0,
 * or on an output error). */
size_t fwrite(const void *__restrict p, size_t size, size_t nmemb, FILE *__restrict f);
/* Write what f (NULL: every stream) has buffered. Returns 0, or EOF. */
int fflush(FILE *f);
/* Non-zero once a write to f has failed, until clearerr(f). */
int ferror(FILE *f);
void clearerr(FILE *f);
/* Print "<s>: <strerror(errno)>\n" (just the message if s is NULL or "") to stderr. */
void perror(const char *s);

#endif
