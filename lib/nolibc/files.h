/* files.h: private helpers of nolibc's file calls (the [files] parts, on lib/vfs). */
#ifndef TS_NOLIBC_FILES_H
#define TS_NOLIBC_FILES_H

#include <errno.h>

/*
 * lib/vfs returns a result or -errno; the C calls return the result, or
 * -1 with errno set. Every wrapper goes through this one place.
 */
static inline long ts_nolibc_sysret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#endif
