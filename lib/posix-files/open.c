/* open.c: open, openat, creat, close and umask onto lib/vfs. */
#include "posix_files.h"

/*
 * The mask is one word for the whole instance (one process). Read and
 * written atomically: umask is a swap, and open only reads it.
 */
static mode_t cur_umask = 022;

mode_t pf_umask_get(void)
{
	return __atomic_load_n(&cur_umask, __ATOMIC_RELAXED);
}

TS_SYSCALL_DEFINE1(umask, "o:o", mode_t, mask)
{
	return __atomic_exchange_n(&cur_umask, mask & 0777, __ATOMIC_RELAXED);
}

/*
 * Linux's open ignores flag bits it does not know (only openat2 refuses
 * them) and applies the umask to the mode of a file it creates; lib/vfs
 * stores the mode as given, so the mask is taken out here.
 */
static long do_open(int dirfd, const char *path, int flags, mode_t mode)
{
	int err = pf_path_ok(path);

	if (err)
		return err;
	if (flags & (TS_O_CREAT | (TS_O_TMPFILE & ~TS_O_DIRECTORY)))
		mode &= TS_S_IALLUGO & ~pf_umask_get();
	else
		mode = 0;
	return ts_vfs_openat(dirfd, path, flags, mode);
}

TS_SYSCALL_DEFINE3(open, "sxo:f", const char *, path, int, flags, mode_t, mode)
{
	return do_open(TS_AT_FDCWD, path, flags, mode);
}

TS_SYSCALL_DEFINE4(openat, "fsxo:f", int, dirfd, const char *, path, int, flags, mode_t, mode)
{
	return do_open(dirfd, path, flags, mode);
}

TS_SYSCALL_DEFINE2(creat, "so:f", const char *, path, mode_t, mode)
{
	return do_open(TS_AT_FDCWD, path, TS_O_CREAT | TS_O_WRONLY | TS_O_TRUNC, mode);
}

TS_SYSCALL_DEFINE1(close, "f:d", int, fd)
{
	return ts_vfs_close(fd);
}
