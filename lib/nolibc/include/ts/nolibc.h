/*
 * lib/nolibc: a small C library for tiny Tessera images.
 *
 * nolibc provides the hosted standard headers (errno.h, assert.h, ctype.h,
 * string.h, strings.h, stdio.h, stdlib.h, sys/types.h, ...) with the
 * functions declared there, documented in each header; the freestanding
 * ones (stddef.h, stdint.h, limits.h, stdbool.h, stdarg.h, inttypes.h)
 * are the tree's own, in include/freestanding. It knows only the "C"
 * locale. In images with files (lib/vfs linked) it adds the POSIX file
 * calls (<fcntl.h>, <unistd.h>, <sys/stat.h>, <dirent.h>) and stdio
 * streams on descriptors, each stream with a lock; without, stdout and
 * stderr go straight to the console. See docs/libc.md.
 * This header holds what nolibc offers beyond the standard headers.
 */
#ifndef TS_NOLIBC_H
#define TS_NOLIBC_H

/*
 * The environment: a NULL-terminated array of "NAME=value" strings, read
 * by getenv(). Defined by nolibc (NULL: no environment); lib/boot points
 * it at the environment it builds before main() runs.
 */
extern char **environ;

#endif
