/* <stdlib.h>: memory, number parsing, sorting, process exit, environment. */
#ifndef TS_NOLIBC_STDLIB_H
#define TS_NOLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff

/*
 * Heap, served by the default allocator of lib/alloc. Every allocating
 * call returns NULL with errno = ENOMEM when the image has no heap or the
 * heap is exhausted; memory is aligned to at least 16 bytes.
 * malloc(0) returns a unique pointer to free later. calloc zeroes and
 * fails (ENOMEM) when n * size overflows. realloc(NULL, n) is malloc(n);
 * realloc(p, 0) frees p and returns NULL; on failure p stays valid.
 * free(NULL) does nothing.
 */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
/*
 * Aligned blocks, freed with free(). align must be a power of two
 * (posix_memalign: also a multiple of sizeof(void *)); otherwise
 * aligned_alloc and memalign return NULL with errno = EINVAL and
 * posix_memalign returns EINVAL. posix_memalign returns 0 and stores the
 * block in *memptr, or returns ENOMEM without touching errno or *memptr.
 */
void *aligned_alloc(size_t align, size_t size);
void *memalign(size_t align, size_t size);
int posix_memalign(void **memptr, size_t align, size_t size);

/*
 * Parse an integer: leading white space, an optional sign, then digits
 * in base 2..36 (letters either case). Base 0 picks 16 for "0x"/"0X", 8
 * for a leading 0, else 10; base 16 also accepts a "0x" prefix. *endptr
 * (if endptr is not NULL) gets the first unparsed char, or nptr itself
 * when there are no digits. On overflow: errno = ERANGE and the result
 * is clamped (LONG_MAX/LONG_MIN, ULONG_MAX, ...). An invalid base gives
 * 0 with errno = EINVAL. The unsigned variants negate "-n" in unsigned
 * arithmetic, as C requires.
 */
long strtol(const char *__restrict nptr, char **__restrict endptr, int base);
__extension__ long long strtoll(const char *__restrict nptr, char **__restrict endptr, int base);
unsigned long strtoul(const char *__restrict nptr, char **__restrict endptr, int base);
__extension__ unsigned long long strtoull(const char *__restrict nptr, char **__restrict endptr, int base);
/*
 * Parse a floating-point number as C says: leading white space, a sign,
 * then decimal digits with an optional point and e[+-]digits, or "0x"
 * and hexadecimal digits with p[+-]digits, or inf, infinity, nan,
 * nan(chars) in any case. Decimal and hexadecimal input is rounded
 * correctly (to nearest, ties to even), as glibc does; strtof rounds to
 * double first. ERANGE when the result overflows (HUGE_VAL) or is zero
 * or an inexact subnormal. *endptr as for strtol.
 */
double strtod(const char *__restrict nptr, char **__restrict endptr);
float strtof(const char *__restrict nptr, char **__restrict endptr);
double atof(const char *s);
/* Base-10 strtol/strtoll without error reporting. */
int atoi(const char *s);
long atol(const char *s);
__extension__ long long atoll(const char *s);

/*
 * Sort n elements of size bytes with cmp (<0, 0, >0). Not stable;
 * O(n log n) comparisons in the worst case, no extra memory.
 */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* Find key in a sorted array; any matching element, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
__extension__ typedef struct { long long quot, rem; } lldiv_t;
int abs(int x);
long labs(long x);
__extension__ long long llabs(long long x);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
__extension__ lldiv_t lldiv(long long num, long long den);

/* Pseudo-random numbers 0..RAND_MAX; the same sequence after each srand(seed). */
int rand(void);
void srand(unsigned int seed);

/*
 * exit: call the atexit handlers (last registered first), flush stdout,
 * then stop through lib/boot (kernel terminators, VM exit status).
 * _Exit stops the VM at once. abort prints "abort() called" and stops
 * with the crash status. atexit registers up to 32 handlers and returns
 * 0, or -1 when the table is full.
 */
__attribute__((__noreturn__)) void exit(int status);
__attribute__((__noreturn__)) void _Exit(int status);
__attribute__((__noreturn__)) void abort(void);
int atexit(void (*fn)(void));

/*
 * Value of environment variable name, or NULL when it is not set (or no
 * environment was given: environ is NULL). Reads environ, see <ts/nolibc.h>.
 */
char *getenv(const char *name);

#endif
