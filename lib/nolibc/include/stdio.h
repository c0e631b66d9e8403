/*
 * <stdio.h>: formatted output, streams, and scanning.
 *
 * In an image without files there are exactly two streams, stdout and
 * stderr, and both write to the platform console. stdout keeps a small
 * line buffer, flushed at each '\n', by fflush() and by exit(); stderr is
 * unbuffered and flushes stdout before each write so that the two keep
 * their order on the console. There is no input and no locking.
 *
 * In an image with files (lib/vfs linked), streams sit on file
 * descriptors: stdin reads descriptor 0, stdout writes 1 (line buffered),
 * stderr writes 2 (unbuffered, flushing stdout first); 0, 1 and 2 are the
 * console unless the program closes or redirects them (see <unistd.h>).
 * fopen and fdopen make fully buffered streams on any file. Each stream
 * has a lock: one call on a stream is atomic with respect to other
 * threads' calls on it. The calls marked [files] below exist only there.
 */
#ifndef TS_NOLIBC_STDIO_H
#define TS_NOLIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

typedef struct ts_nolibc_file FILE; /* opaque */

extern FILE *const stdin; /* [files] */
extern FILE *const stdout;
extern FILE *const stderr;
#ifndef stdin
#define stdin stdin
#endif
#ifndef stdout
#define stdout stdout
#endif
#ifndef stderr
#define stderr stderr
#endif

#define EOF (-1)
#define BUFSIZ 256 /* C minimum; also the size of stdout's buffer */
#define FILENAME_MAX 4096
#define FOPEN_MAX 16 /* only the C minimum: streams are limited by memory */
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

typedef __INT64_TYPE__ fpos_t;

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
/* Non-zero once a read or write on f has failed, until clearerr(f). */
int ferror(FILE *f);
/* Clear f's error and end-of-file indicators. */
void clearerr(FILE *f);
/* Print "<s>: <strerror(errno)>\n" (just the message if s is NULL or "") to stderr. */
void perror(const char *s);

/* ---- [files] streams on files ---- */

/*
 * Open path as a fully buffered stream. mode: "r" (read), "w" (write,
 * create or truncate), "a" (append: every write at the end, create; the
 * position starts at the end), and "r+", "w+", "a+" (also the other
 * direction; "a+" reads from the start, as glibc); 'b' anywhere is
 * ignored, 'x' with w adds O_EXCL, 'e' adds O_CLOEXEC. Files are created
 * with mode 0666. NULL with errno: EINVAL (bad mode), ENOMEM, or open's.
 */
FILE *fopen(const char *__restrict path, const char *__restrict mode);
/* A stream on the open descriptor fd, mode as fopen's ('x' and the
 * creation parts have no effect). fclose closes fd. */
FILE *fdopen(int fd, const char *mode);
/* Flush, close the descriptor and free the stream (also when the flush
 * fails). 0, or EOF with errno. stdin, stdout and stderr may be closed. */
int fclose(FILE *f);
/* The stream's descriptor. */
int fileno(FILE *f);
/*
 * Choose f's buffering before its first read or write: _IOFBF (full),
 * _IOLBF (flush at each '\n'), _IONBF (none); buf (size bytes) is used as
 * the buffer when not NULL, else one is allocated. 0, or EOF (bad mode).
 * setbuf(f, buf) is setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ).
 */
int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size);
void setbuf(FILE *__restrict f, char *__restrict buf);

/*
 * Input. Reading a line-buffered or unbuffered stream (stdin) first
 * flushes stdout. fgetc/getc/getchar: the next byte as unsigned char, or
 * EOF at end of file (feof) or on an error (ferror). A descriptor that is
 * not open (EBADF) reads as end of file on stdin.
 */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
/* Push c back (one byte is guaranteed); the next read returns it. Returns
 * c, or EOF when c is EOF or there is no room. Clears end of file. */
int ungetc(int c, FILE *f);
/* Read at most n - 1 bytes up to and including a '\n', and a NUL. s, or
 * NULL when nothing could be read (end of file or error) or n <= 0; n == 1
 * stores just the NUL. */
char *fgets(char *__restrict s, int n, FILE *__restrict f);
/* Read nmemb items of size bytes; returns the complete items read. */
size_t fread(void *__restrict p, size_t size, size_t nmemb, FILE *__restrict f);
/* Non-zero once a read reached end of file, until clearerr/fseek/ungetc. */
int feof(FILE *f);

/*
 * Position: fseek writes what is buffered, drops what was read ahead and
 * pushed back, clears end of file and moves (SEEK_SET, SEEK_CUR,
 * SEEK_END): 0, or -1 with errno (EINVAL, ESPIPE, EBADF). ftell: the
 * position as the program sees it, or -1 with errno. rewind: fseek to 0
 * and clearerr. fgetpos/fsetpos are ftello/fseeko(SEEK_SET).
 */
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, __INT64_TYPE__ off, int whence);
long ftell(FILE *f);
__INT64_TYPE__ ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *__restrict f, fpos_t *__restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

/* Remove a file or an empty directory (unlink, else rmdir); rename as
 * <unistd.h>'s calls: 0, or -1 with errno. */
int remove(const char *path);
int rename(const char *oldpath, const char *newpath);

/* ---- scanning ---- */

#define __TS_SCANF(fmt, args) __attribute__((__format__(__scanf__, fmt, args)))
/*
 * Conversions d i u o x X p, with lengths hh h l ll j z t L q; s c [set]
 * (ranges a-z, a leading ^, ']' first taken literally) and n; f e g a
 * and capitals (float; l: double; L: long double), read as strtod does:
 * decimal, hexadecimal, inf, nan, correctly rounded. '*' suppresses the
 * assignment; a width limits the bytes a conversion reads. White space
 * in the format matches any amount (none included) of input white space;
 * other bytes match themselves. Returns the number of assignments, or EOF
 * when the input ends (or fails) before the first conversion or matching
 * failure. As glibc: integers out of range are stored truncated to the
 * target type, and a conversion that fails after reading a partial number
 * ("-", "0x", "1e") consumes it. sscanf and vsscanf need no files.
 */
int sscanf(const char *__restrict s, const char *__restrict fmt, ...) __TS_SCANF(2, 3);
int vsscanf(const char *__restrict s, const char *__restrict fmt, va_list ap) __TS_SCANF(2, 0);
int fscanf(FILE *__restrict f, const char *__restrict fmt, ...) __TS_SCANF(2, 3);
int vfscanf(FILE *__restrict f, const char *__restrict fmt, va_list ap) __TS_SCANF(2, 0);
int scanf(const char *__restrict fmt, ...) __TS_SCANF(1, 2);
int vscanf(const char *__restrict fmt, va_list ap) __TS_SCANF(1, 0);

#endif
