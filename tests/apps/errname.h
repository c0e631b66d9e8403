/* errname.h: the symbolic name of an errno value, the same under glibc and musl, for the test programs that print their results (musl has no strerrorname_np). */
#ifndef TESTS_APPS_ERRNAME_H
#define TESTS_APPS_ERRNAME_H

#include <errno.h>
#include <stdio.h>

/* "ENOENT" for ENOENT; "errnoN" for a value not listed. Where Linux gives
 * one value two names (EOPNOTSUPP/ENOTSUP, EAGAIN/EWOULDBLOCK) the first
 * listed is used. The returned buffer of an unlisted value is static. */
static inline const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
#define N(x) { x, #x }
		N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG), N(ENOEXEC),
		N(EBADF), N(ECHILD), N(EAGAIN), N(ENOMEM), N(EACCES), N(EFAULT), N(EBUSY),
		N(EEXIST), N(EXDEV), N(ENODEV), N(ENOTDIR), N(EISDIR), N(EINVAL), N(ENFILE),
		N(EMFILE), N(ENOTTY), N(EFBIG), N(ENOSPC), N(ESPIPE), N(EROFS), N(EMLINK), N(EPIPE),
		N(EDOM), N(ERANGE), N(EDEADLK), N(ENAMETOOLONG), N(ENOLCK), N(ENOSYS), N(ENOTEMPTY),
		N(ELOOP), N(EOVERFLOW), N(ETIMEDOUT), N(EOPNOTSUPP), N(ENOTSUP), N(ECANCELED),
		N(EOWNERDEAD), N(ENOTRECOVERABLE), N(EBADFD),
#undef N
	};
	static char buf[24];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(buf, sizeof buf, "errno%d", e);
	return buf;
}

#endif
