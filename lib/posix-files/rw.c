/* rw.c: read, write and their vector forms, onto lib/vfs. */
#include <errno.h>
#include <ts/syscall.h>
#include <ts/vfs.h>

#define IOV_MAX 1024

TS_SYSCALL_DEFINE3(read, "fBu:l", int, fd, void *, buf, size_t, n)
{
	if (!ts_user_ok(buf, n, 1))
		return -EFAULT;
	return ts_vfs_read(fd, buf, n);
}

TS_SYSCALL_DEFINE3(write, "fbu:l", int, fd, const void *, buf, size_t, n)
{
	if (!ts_user_ok(buf, n, 0))
		return -EFAULT;
	return ts_vfs_write(fd, buf, n);
}

/* The vector and each buffer it names are checked before any is used. */
static int iov_ok(const struct ts_iovec *iov, int cnt, int write)
{
	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	if (!ts_user_ok(iov, (size_t)cnt * sizeof(*iov), 0))
		return -EFAULT;
	for (int i = 0; i < cnt; i++)
		if (!ts_user_ok(iov[i].iov_base, iov[i].iov_len, write))
			return -EFAULT;
	return 0;
}

TS_SYSCALL_DEFINE3(readv, "fpd:l", int, fd, const struct ts_iovec *, iov, int, cnt)
{
	int err = iov_ok(iov, cnt, 1);
	return err ? err : ts_vfs_readv(fd, iov, cnt);
}

TS_SYSCALL_DEFINE3(writev, "fpd:l", int, fd, const struct ts_iovec *, iov, int, cnt)
{
	int err = iov_ok(iov, cnt, 0);
	return err ? err : ts_vfs_writev(fd, iov, cnt);
}

TS_SYSCALL_DEFINE3(ioctl, "fxp:d", int, fd, unsigned long, request, void *, arg)
{
	/* Every ioctl we answer takes at most a struct termios (60 bytes). */
	if (arg && !ts_user_ok(arg, 64, 1))
		return -EFAULT;
	return ts_vfs_ioctl(fd, request, arg);
}

TS_SYSCALL_DEFINE1(close, "f:d", int, fd)
{
	return ts_vfs_close(fd);
}
