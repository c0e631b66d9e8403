/* <strings.h>: case-insensitive string comparison (ASCII letters only). */
#ifndef TS_NOLIBC_STRINGS_H
#define TS_NOLIBC_STRINGS_H

#include <stddef.h>

/* Like strcmp/strncmp after mapping A-Z to a-z in both strings. */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
