/* vfs_host.c: the ts_vfs_* calls main.c uses, on Linux's own system calls (for the host build of the devfs test). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <ts/vfs.h>

/* -errno, as the kernel API returns it. */
static long ret(long r)
{
	return r < 0 ? -errno : r;
}

int ts_vfs_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	return (int)ret(openat(dirfd, path, flags, mode));
}
int ts_vfs_close(int fd) { return (int)ret(close(fd)); }
ssize_t ts_vfs_read(int fd, void *buf, size_t n) { return ret(read(fd, buf, n)); }
ssize_t ts_vfs_write(int fd, const void *buf, size_t n) { return ret(write(fd, buf, n)); }
ssize_t ts_vfs_pread(int fd, void *buf, size_t n, off_t off) { return ret(pread(fd, buf, n, off)); }
ssize_t ts_vfs_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return ret(pwrite(fd, buf, n, off));
}
off_t ts_vfs_lseek(int fd, off_t off, int whence) { return ret(lseek(fd, off, whence)); }
int ts_vfs_ftruncate(int fd, off_t len) { return (int)ret(ftruncate(fd, len)); }
int ts_vfs_ioctl(int fd, unsigned long request, void *arg) { return (int)ret(ioctl(fd, request, arg)); }
/* struct ts_stat is x86_64's kernel struct stat: the raw system calls fill it. */
int ts_vfs_fstat(int fd, struct ts_stat *st) { return (int)ret(syscall(SYS_fstat, fd, st)); }
int ts_vfs_fstatat(int dirfd, const char *path, struct ts_stat *st, int flags)
{
	return (int)ret(syscall(SYS_newfstatat, dirfd, path, st, flags));
}
int ts_vfs_poll(int fd, unsigned int events)
{
	struct pollfd p = { .fd = fd, .events = (short)events };

	return poll(&p, 1, 0) < 0 ? -errno : p.revents;
}
ssize_t ts_vfs_getdents64(int fd, void *buf, size_t len)
{
	return ret(syscall(SYS_getdents64, fd, buf, len));
}
int ts_vfs_mkdirat(int dirfd, const char *path, mode_t mode) { return (int)ret(mkdirat(dirfd, path, mode)); }
int ts_vfs_unlinkat(int dirfd, const char *path, int flags) { return (int)ret(unlinkat(dirfd, path, flags)); }
int ts_vfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
		     unsigned int flags)
{
	return (int)ret(syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags));
}
int ts_vfs_symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return (int)ret(symlinkat(target, newdirfd, linkpath));
}
int ts_vfs_fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	return (int)ret(fchmodat(dirfd, path, mode, flags));
}
