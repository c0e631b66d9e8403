/* dir.c: directories and the working directory — getdents64, getcwd, chdir, fchdir. */
#include "posix_files.h"

TS_SYSCALL_DEFINE3(getdents64, "fpu:l", int, fd, void *, buf, unsigned int, len)
{
	if (!ts_user_ok(buf, len, 1))
		return -EFAULT;
	return ts_vfs_getdents64(fd, buf, len);
}

/* Returns the length with the NUL, as Linux's system call (the C
 * library returns buf). */
TS_SYSCALL_DEFINE2(getcwd, "Bu:l", char *, buf, size_t, size)
{
	if (!ts_user_ok(buf, size, 1))
		return -EFAULT;
	return ts_vfs_getcwd(buf, size);
}

TS_SYSCALL_DEFINE1(chdir, "s:d", const char *, path)
{
	int err = pf_path_ok(path);

	return err ? err : ts_vfs_chdir(path);
}

TS_SYSCALL_DEFINE1(fchdir, "f:d", int, fd)
{
	return ts_vfs_fchdir(fd);
}
