/*
 * <fcntl.h>: open, openat, creat and fcntl on lib/vfs. These calls (like
 * those of <unistd.h>, <sys/stat.h> and <dirent.h> that touch files) exist
 * only in images with files (lib/vfs linked); elsewhere they do not link.
 * Every one returns -1 with errno set (Linux's numbers) on failure, and
 * sets errno only then.
 */
#ifndef TS_NOLIBC_FCNTL_H
#define TS_NOLIBC_FCNTL_H

#include <sys/types.h>

/* Linux x86_64's values, as in <ts/vfs.h> (which the library checks). */
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_ACCMODE   00000003
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define O_ASYNC     00020000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define O_SYNC      04010000
#define O_PATH      010000000
#define O_NDELAY    O_NONBLOCK

#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_EACCESS          0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000

#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1

/*
 * Open path (relative to dirfd, or AT_FDCWD for the working directory)
 * and return the lowest free descriptor. mode (the permission bits of a
 * file O_CREAT creates) is read only when flags hold O_CREAT. Errors as
 * Linux's open(2): ENOENT, ENOTDIR, EEXIST, EISDIR, ELOOP, ENAMETOOLONG,
 * EMFILE, ENOSPC, EROFS, EINVAL (see ts_vfs_openat in <ts/vfs.h>).
 */
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
/* open(path, O_WRONLY | O_CREAT | O_TRUNC, mode). */
int creat(const char *path, mode_t mode);

/*
 * F_DUPFD, F_DUPFD_CLOEXEC (arg: the lowest number wanted), F_GETFD,
 * F_SETFD (FD_CLOEXEC), F_GETFL, F_SETFL (O_APPEND, O_NONBLOCK, ...).
 * Returns what the command gives (0 for the setters). EBADF, EINVAL.
 */
int fcntl(int fd, int cmd, ...);

#endif
