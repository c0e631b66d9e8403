/*
 * vfs_stub.c: lib/vfs's calls that nolibc's streams and POSIX wrappers
 * use, done with the host's system calls (reached through asm labels, as
 * the reference functions of check.h), so that nolibc's stdio runs on real
 * files next to glibc's. Results are lib/vfs's: a value or -errno.
 */
#include <stdarg.h>
#include <ts/plat/console.h>
#include <ts/vfs.h>
#include "check.h"
#include "vfs_stub.h"

int ref_openat(int dirfd, const char *path, int flags, ...) __asm__("openat");
int ref_close(int fd) __asm__("close");
ssize_t ref_read(int fd, void *buf, size_t n) __asm__("read");
ssize_t ref_write(int fd, const void *buf, size_t n) __asm__("write");
ssize_t ref_pread(int fd, void *buf, size_t n, off_t off) __asm__("pread");
ssize_t ref_pwrite(int fd, const void *buf, size_t n, off_t off) __asm__("pwrite");
off_t ref_lseek(int fd, off_t off, int whence) __asm__("lseek");
int ref_fcntl(int fd, int cmd, ...) __asm__("fcntl");
int ref_ftruncate(int fd, off_t len) __asm__("ftruncate");
int ref_fsync(int fd) __asm__("fsync");
int ref_fdatasync(int fd) __asm__("fdatasync");
int ref_dup(int fd) __asm__("dup");
int ref_dup2(int fd, int fd2) __asm__("dup2");
char *ref_mkdtemp(char *tmpl) __asm__("mkdtemp");

const char *stub_stdin;
static size_t stdin_pos;
int stub_vfs_writes, stub_vfs_reads, stub_vfs_fail_writes, stub_locks_held;

const char *stub_tmpdir(void)
{
	static char dir[64];

	ref_snprintf(dir, sizeof dir, "/tmp/nolibc-files-XXXXXX");
	if (!ref_mkdtemp(dir))
		ref_abort();
	return dir;
}

static long ret(long r)
{
	return r < 0 ? -ref_errno : r;
}

int ts_vfs_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	return (int)ret(ref_openat(dirfd, path, flags, mode));
}

int ts_vfs_close(int fd)
{
	if (fd >= 0 && fd <= 2)
		return 0; /* the test process keeps its own */
	return (int)ret(ref_close(fd));
}

ssize_t ts_vfs_read(int fd, void *buf, size_t n)
{
	size_t k = 0;

	stub_vfs_reads++;
	if (fd == 0) {
		if (!stub_stdin)
			return -9; /* EBADF */
		for (; k < n && stub_stdin[stdin_pos]; k++)
			((char *)buf)[k] = stub_stdin[stdin_pos++];
		return (ssize_t)k;
	}
	if (fd <= 2)
		return -9;
	return ret(ref_read(fd, buf, n));
}

ssize_t ts_vfs_write(int fd, const void *buf, size_t n)
{
	stub_vfs_writes++;
	if (fd == 1 || fd == 2)
		return ts_plat_console_write(buf, n);
	if (fd == 0)
		return -9;
	if (stub_vfs_fail_writes)
		return -28; /* ENOSPC */
	return ret(ref_write(fd, buf, n));
}

ssize_t ts_vfs_pread(int fd, void *buf, size_t n, off_t off)
{
	return ret(ref_pread(fd, buf, n, off));
}

ssize_t ts_vfs_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return ret(ref_pwrite(fd, buf, n, off));
}

off_t ts_vfs_lseek(int fd, off_t off, int whence)
{
	if (fd >= 0 && fd <= 2)
		return -29; /* ESPIPE: the console has no position */
	return ret(ref_lseek(fd, off, whence));
}

int ts_vfs_fcntl(int fd, int cmd, unsigned long arg)
{
	return (int)ret(ref_fcntl(fd, cmd, arg));
}

int ts_vfs_ftruncate(int fd, off_t len)
{
	return (int)ret(ref_ftruncate(fd, len));
}

int ts_vfs_fsync(int fd)
{
	return (int)ret(ref_fsync(fd));
}

int ts_vfs_fdatasync(int fd)
{
	return (int)ret(ref_fdatasync(fd));
}

int ts_vfs_dup(int fd)
{
	return (int)ret(ref_dup(fd));
}

int ts_vfs_dup2(int oldfd, int newfd)
{
	return (int)ret(ref_dup2(oldfd, newfd));
}

/* stdin from the start again (for the next test). */
void stub_stdin_reset(const char *s)
{
	stub_stdin = s;
	stdin_pos = 0;
}
