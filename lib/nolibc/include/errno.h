/* <errno.h>: the error number variable; the numbers are <ts/errno.h>. */
#ifndef TS_NOLIBC_ERRNO_H
#define TS_NOLIBC_ERRNO_H

/*
 * The last error of a C library call. A plain global for now: Tessera has
 * no threads yet; it becomes thread-local once the scheduler exists.
 * Library calls set it only on failure, never to 0.
 */
extern int errno;
#ifndef errno
#define errno errno
#endif

#include <ts/errno.h>

#endif
