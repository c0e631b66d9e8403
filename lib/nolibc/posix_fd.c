/* posix_fd.c: open, read, write, lseek, dup and friends: thin wrappers over ts_vfs_* calls. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <ts/vfs.h>
#include "files.h"

/* The C headers spell lib/vfs's constants without its prefix: same values. */
_Static_assert(O_CREAT == TS_O_CREAT && O_EXCL == TS_O_EXCL && O_TRUNC == TS_O_TRUNC &&
		       O_APPEND == TS_O_APPEND && O_DIRECTORY == TS_O_DIRECTORY &&
		       O_NOFOLLOW == TS_O_NOFOLLOW && O_CLOEXEC == TS_O_CLOEXEC && O_PATH == TS_O_PATH &&
		       O_SYNC == TS_O_SYNC && O_NONBLOCK == TS_O_NONBLOCK && O_ACCMODE == TS_O_ACCMODE,
	       "open flags differ from lib/vfs's");
_Static_assert(AT_FDCWD == TS_AT_FDCWD && AT_SYMLINK_NOFOLLOW == TS_AT_SYMLINK_NOFOLLOW &&
		       AT_REMOVEDIR == TS_AT_REMOVEDIR && AT_SYMLINK_FOLLOW == TS_AT_SYMLINK_FOLLOW &&
		       AT_EMPTY_PATH == TS_AT_EMPTY_PATH,
	       "*at flags differ from lib/vfs's");
_Static_assert(F_DUPFD_CLOEXEC == TS_F_DUPFD_CLOEXEC && F_SETFL == TS_F_SETFL &&
		       FD_CLOEXEC == TS_FD_CLOEXEC && SEEK_END == TS_SEEK_END,
	       "fcntl/lseek constants differ from lib/vfs's");

/* open and openat after their fixed arguments. */
static int vopenat(int dirfd, const char *path, int flags, va_list ap)
{
	mode_t mode = 0;

	/* The mode argument exists only when a file may be created. */
	if (flags & O_CREAT)
		mode = va_arg(ap, mode_t);
	return (int)ts_nolibc_sysret(ts_vfs_openat(dirfd, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = vopenat(dirfd, path, flags, ap);
	va_end(ap);
	return r;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = vopenat(AT_FDCWD, path, flags, ap);
	va_end(ap);
	return r;
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int fcntl(int fd, int cmd, ...)
{
	unsigned long arg = 0;
	va_list ap;

	/* Every command nolibc knows takes an int or nothing; reading an
	 * argument that was not passed is harmless on x86_64. */
	va_start(ap, cmd);
	if (cmd != F_GETFD && cmd != F_GETFL)
		arg = (unsigned long)va_arg(ap, int);
	va_end(ap);
	return (int)ts_nolibc_sysret(ts_vfs_fcntl(fd, cmd, arg));
}

int close(int fd)
{
	return (int)ts_nolibc_sysret(ts_vfs_close(fd));
}

ssize_t read(int fd, void *buf, size_t n)
{
	return ts_nolibc_sysret(ts_vfs_read(fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return ts_nolibc_sysret(ts_vfs_write(fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return ts_nolibc_sysret(ts_vfs_pread(fd, buf, n, off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return ts_nolibc_sysret(ts_vfs_pwrite(fd, buf, n, off));
}

off_t lseek(int fd, off_t off, int whence)
{
	return ts_nolibc_sysret(ts_vfs_lseek(fd, off, whence));
}

int dup(int fd)
{
	return (int)ts_nolibc_sysret(ts_vfs_dup(fd));
}

int dup2(int oldfd, int newfd)
{
	return (int)ts_nolibc_sysret(ts_vfs_dup2(oldfd, newfd));
}

int ftruncate(int fd, off_t len)
{
	return (int)ts_nolibc_sysret(ts_vfs_ftruncate(fd, len));
}

int fsync(int fd)
{
	return (int)ts_nolibc_sysret(ts_vfs_fsync(fd));
}

int fdatasync(int fd)
{
	return (int)ts_nolibc_sysret(ts_vfs_fdatasync(fd));
}
