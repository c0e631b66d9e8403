/* <string.h>: memory and string functions. */
#ifndef TS_NOLIBC_STRING_H
#define TS_NOLIBC_STRING_H

#include <stddef.h>

/*
 * Memory blocks. The compiler may emit calls to memcpy, memmove, memset
 * and memcmp by itself, so these four are always part of the library.
 */
void *memcpy(void *__restrict dst, const void *__restrict src, size_t n); /* returns dst; no overlap */
void *memmove(void *dst, const void *src, size_t n); /* returns dst; overlap allowed */
void *memset(void *dst, int c, size_t n);             /* returns dst */
int memcmp(const void *a, const void *b, size_t n);   /* <0, 0, >0 as unsigned bytes */
void *memchr(const void *s, int c, size_t n);         /* first byte == (unsigned char)c, or NULL */

/* Length of s, not counting the NUL; strnlen looks at most at n bytes. */
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);

/* Compare as unsigned chars: <0, 0 or >0; strncmp looks at most at n chars. */
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/*
 * Copy or append src (strncpy: exactly n bytes, NUL-padded and not
 * terminated when src has n chars or more; strncat: at most n chars plus
 * a NUL). All return dst. Buffers must not overlap.
 */
char *strcpy(char *__restrict dst, const char *__restrict src);
char *strncpy(char *__restrict dst, const char *__restrict src, size_t n);
char *strcat(char *__restrict dst, const char *__restrict src);
char *strncat(char *__restrict dst, const char *__restrict src, size_t n);

/* First/last occurrence of (char)c (the NUL counts), or NULL. */
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* First occurrence of needle in haystack; haystack itself if needle is "". */
char *strstr(const char *haystack, const char *needle);
/* First char of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept);
/* Length of the initial run of s made of chars in accept / not in reject. */
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

/*
 * Split s into tokens separated by chars of delim, writing NUL over the
 * separators. Pass s on the first call and NULL afterwards; returns NULL
 * when no token is left. strtok_r keeps its position in *save, strtok in
 * one hidden static (not reentrant).
 */
char *strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save);
char *strtok(char *__restrict s, const char *__restrict delim);

/*
 * Copy s (strndup: at most n chars) into a new malloc'ed string.
 * Returns NULL with errno = ENOMEM when out of memory.
 */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

/*
 * A short English message for the errno value errnum: "Success" for 0,
 * "Unknown error" for values nolibc does not define. The string is
 * constant: never modify it.
 */
char *strerror(int errnum);

#endif
