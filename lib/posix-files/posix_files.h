/* posix_files.h: what the system call files of lib/posix-files share (argument checks, the umask). */
#ifndef POSIX_FILES_H
#define POSIX_FILES_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/syscall.h>
#include <ts/vfs.h>

/* Linux caps one read or write at this many bytes (MAX_RW_COUNT). */
#define PF_RW_MAX 0x7ffff000l

/* Most buffers in one readv/writev (Linux's UIO_MAXIOV). */
#define PF_IOV_MAX 1024

/*
 * Check a path the program passed: 0, -EFAULT (not readable, NULL) or
 * -ENAMETOOLONG (no NUL within TS_VFS_PATH_MAX bytes, as Linux's
 * PATH_MAX counts the NUL).
 */
static inline int pf_path_ok(const char *path)
{
	long n = ts_user_strlen(path, TS_VFS_PATH_MAX - 1);

	return n < 0 ? (int)n : 0;
}

/*
 * Check an I/O vector: the array, then every buffer it names (write: the
 * buffers will be written, as by readv). 0, -EINVAL (cnt out of 0..1024),
 * -EFAULT.
 */
int pf_iov_ok(const struct ts_iovec *iov, int cnt, int write);

/*
 * The file-mode creation mask (umask.c): the bits taken out of the mode
 * of every file open/creat/mkdir creates, 022 at boot as for Linux's init.
 */
mode_t pf_umask_get(void);

/* The status flags (F_GETFL) of fd, or -EBADF. */
static inline int pf_fd_flags(int fd)
{
	return ts_vfs_fcntl(fd, TS_F_GETFL, 0);
}

#endif
