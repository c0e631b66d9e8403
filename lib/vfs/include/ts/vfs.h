/* lib/vfs: the file layer's public API, shaped like Linux's file system calls. */
#ifndef TS_VFS_H
#define TS_VFS_H

/*
 * One call per Linux system call, same arguments, same rules: a future
 * syscall layer maps openat, read, ... onto these one to one. Every call
 * returns 0 or a non-negative result on success and -errno on failure
 * (errno values are Linux's). Flags, modes and structures have Linux
 * x86_64's values and layouts, under a TS_ prefix so that this header can
 * sit beside any C library's own <fcntl.h> and <sys/stat.h>.
 *
 * There is one namespace (mount table, root, working directory) and one
 * file-descriptor table per instance. Everything runs as root: permission
 * bits are stored and reported but not enforced; read-only mounts are.
 * All calls are thread-safe (docs/vfs.md describes the locking).
 *
 * Paths: at most TS_VFS_PATH_MAX - 1 bytes (else -ENAMETOOLONG), each
 * component at most TS_VFS_NAME_MAX bytes (-ENAMETOOLONG); "" is -ENOENT
 * unless TS_AT_EMPTY_PATH is given; a NULL path or buffer is -EFAULT.
 * Relative paths start at dirfd: TS_AT_FDCWD for the working directory,
 * else an open directory (-EBADF when dirfd is not open, -ENOTDIR when it
 * is not a directory). Symbolic links are followed up to 40 per lookup
 * (-ELOOP beyond). A trailing slash requires a directory (-ENOTDIR).
 * Common errors, not repeated below: -ENOENT (a component is missing),
 * -ENOTDIR (a component is not a directory), -ENOMEM.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TS_VFS_PATH_MAX 4096 /* bytes of a path, its terminating NUL included */
#define TS_VFS_NAME_MAX 255  /* bytes of one path component */

/* ---- openat flags (Linux x86_64 values) ---- */
#define TS_O_RDONLY    00000000
#define TS_O_WRONLY    00000001
#define TS_O_RDWR      00000002
#define TS_O_ACCMODE   00000003
#define TS_O_CREAT     00000100
#define TS_O_EXCL      00000200
#define TS_O_NOCTTY    00000400
#define TS_O_TRUNC     00001000
#define TS_O_APPEND    00002000
#define TS_O_NONBLOCK  00004000
#define TS_O_DSYNC     00010000
#define TS_O_ASYNC     00020000
#define TS_O_DIRECT    00040000
#define TS_O_LARGEFILE 00100000
#define TS_O_DIRECTORY 00200000
#define TS_O_NOFOLLOW  00400000
#define TS_O_NOATIME   01000000
#define TS_O_CLOEXEC   02000000
#define TS_O_SYNC      04010000
#define TS_O_PATH      010000000
#define TS_O_TMPFILE   (020000000 | TS_O_DIRECTORY)

/* ---- *at() flags and the working-directory dirfd ---- */
#define TS_AT_FDCWD            (-100)
#define TS_AT_SYMLINK_NOFOLLOW 0x100
#define TS_AT_REMOVEDIR        0x200 /* unlinkat */
#define TS_AT_EACCESS          0x200 /* faccessat */
#define TS_AT_SYMLINK_FOLLOW   0x400 /* linkat */
#define TS_AT_NO_AUTOMOUNT     0x800
#define TS_AT_EMPTY_PATH       0x1000

/* ---- renameat2 flags ---- */
#define TS_RENAME_NOREPLACE 1
#define TS_RENAME_EXCHANGE  2
#define TS_RENAME_WHITEOUT  4

/* ---- file types and permission bits (st_mode) ---- */
#define TS_S_IFMT   0170000
#define TS_S_IFSOCK 0140000
#define TS_S_IFLNK  0120000
#define TS_S_IFREG  0100000
#define TS_S_IFBLK  0060000
#define TS_S_IFDIR  0040000
#define TS_S_IFCHR  0020000
#define TS_S_IFIFO  0010000
#define TS_S_ISUID  04000
#define TS_S_ISGID  02000
#define TS_S_ISVTX  01000
#define TS_S_IALLUGO 07777 /* every permission bit */
#define TS_S_ISDIR(m) (((m) & TS_S_IFMT) == TS_S_IFDIR)
#define TS_S_ISREG(m) (((m) & TS_S_IFMT) == TS_S_IFREG)
#define TS_S_ISLNK(m) (((m) & TS_S_IFMT) == TS_S_IFLNK)

/* ---- directory entry types (d_type): the file type bits >> 12 ---- */
#define TS_DT_UNKNOWN 0
#define TS_DT_FIFO    1
#define TS_DT_CHR     2
#define TS_DT_DIR     4
#define TS_DT_BLK     6
#define TS_DT_REG     8
#define TS_DT_LNK     10
#define TS_DT_SOCK    12

/* ---- lseek ---- */
#define TS_SEEK_SET 0
#define TS_SEEK_CUR 1
#define TS_SEEK_END 2
#define TS_SEEK_MAX 4 /* the largest whence Linux knows (SEEK_HOLE); above it: EINVAL */

/* ---- fcntl ---- */
#define TS_F_DUPFD         0
#define TS_F_GETFD         1
#define TS_F_SETFD         2
#define TS_F_GETFL         3
#define TS_F_SETFL         4
#define TS_F_DUPFD_CLOEXEC 1030
#define TS_FD_CLOEXEC      1

/* ---- faccessat modes ---- */
#define TS_F_OK 0
#define TS_X_OK 1
#define TS_W_OK 2
#define TS_R_OK 4

/* ---- utimensat special nanosecond values ---- */
#define TS_UTIME_NOW  ((1l << 30) - 1l)
#define TS_UTIME_OMIT ((1l << 30) - 2l)

/* ---- mount / umount flags ---- */
#define TS_MS_RDONLY     1
#define TS_MS_NOSUID     2
#define TS_MS_NODEV      4
#define TS_MS_NOEXEC     8
#define TS_MS_SYNCHRONOUS 16
#define TS_MS_REMOUNT    32
#define TS_MS_NOATIME    1024
#define TS_MS_NODIRATIME 2048
#define TS_MS_SILENT     32768
#define TS_MS_RELATIME   (1 << 21)
#define TS_MNT_FORCE       1
#define TS_UMOUNT_NOFOLLOW 8

/* ---- poll events ---- */
#define TS_POLLIN     0x001
#define TS_POLLPRI    0x002
#define TS_POLLOUT    0x004
#define TS_POLLERR    0x008
#define TS_POLLHUP    0x010
#define TS_POLLNVAL   0x020
#define TS_POLLRDNORM 0x040
#define TS_POLLWRNORM 0x100

/* Linux's struct __kernel_timespec (x86_64). */
struct ts_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* Linux x86_64's kernel struct stat, field for field (144 bytes). */
struct ts_stat {
	uint64_t st_dev;     /* the mount's device number */
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;    /* type (TS_S_IF*) and permission bits */
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t pad0_;
	uint64_t st_rdev;
	int64_t st_size;     /* bytes; for symbolic links the target's length */
	int64_t st_blksize;
	int64_t st_blocks;   /* 512-byte units actually allocated */
	struct ts_timespec st_atim;
	struct ts_timespec st_mtim;
	struct ts_timespec st_ctim;
	int64_t unused_[3];
};

/*
 * Linux's struct linux_dirent64, as getdents64 writes it: records follow
 * each other, each d_reclen bytes long (a multiple of 8), d_name
 * NUL-terminated. d_off is the position at which reading would resume
 * after this record (for lseek(fd, d_off, TS_SEEK_SET)).
 */
struct ts_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;      /* TS_DT_* */
	char d_name[];
};

/* One buffer of readv/writev (Linux's struct iovec). */
struct ts_iovec {
	void *iov_base;
	size_t iov_len;
};

/* ---- opening and closing ---- */

/*
 * Open path and return the lowest free file descriptor. flags: one access
 * mode (TS_O_RDONLY, TS_O_WRONLY, TS_O_RDWR) ORed with TS_O_CREAT (mode
 * gives the new file's permission bits), TS_O_EXCL, TS_O_TRUNC,
 * TS_O_APPEND, TS_O_NONBLOCK, TS_O_DIRECTORY, TS_O_NOFOLLOW,
 * TS_O_CLOEXEC, TS_O_PATH (a descriptor only for *at(), fstat, fchdir);
 * other Linux flags are accepted and ignored. Dangling symbolic links are
 * followed when creating. Errors: -EEXIST (O_CREAT|O_EXCL and path
 * exists), -EISDIR (a directory opened for writing or with O_TRUNC, or
 * O_CREAT on a directory or a path ending in '/'), -ENOTDIR
 * (O_DIRECTORY on a non-directory), -ELOOP (O_NOFOLLOW and path is a
 * symbolic link, or too many links), -EROFS (creating, writing or
 * truncating on a read-only mount), -EMFILE (no free descriptor),
 * -ENOSPC, -EOPNOTSUPP (TS_O_TMPFILE), -EINVAL (bad access mode).
 */
int ts_vfs_openat(int dirfd, const char *path, int flags, mode_t mode);

/* Close fd; the file goes when its last descriptor does. 0 or -EBADF. */
int ts_vfs_close(int fd);

/* ---- reading and writing ---- */

/*
 * Read up to n bytes at the file position and advance it. Returns the
 * bytes read (0 at end of file; holes read as zeros), -EBADF (fd not
 * open for reading), -EISDIR (a directory), -EFAULT (buf NULL, n > 0).
 * n is capped at 0x7ffff000 as on Linux.
 */
ssize_t ts_vfs_read(int fd, void *buf, size_t n);

/*
 * Write n bytes at the file position (at the end with TS_O_APPEND,
 * atomically) and advance it. Returns the bytes written, which is less
 * than n only when space ran out midway; -EBADF (fd not open for
 * writing), -ENOSPC (nothing could be written), -EFBIG (beyond the
 * filesystem's largest file), -EROFS, -EFAULT.
 */
ssize_t ts_vfs_write(int fd, const void *buf, size_t n);

/* read/write at offset off, leaving the file position alone; -ESPIPE on
 * files without a position (pipes), -EINVAL for off < 0. */
ssize_t ts_vfs_pread(int fd, void *buf, size_t n, off_t off);
ssize_t ts_vfs_pwrite(int fd, const void *buf, size_t n, off_t off);

/* read/write over iovcnt buffers (0..1024, else -EINVAL) as one call. */
ssize_t ts_vfs_readv(int fd, const struct ts_iovec *iov, int iovcnt);
ssize_t ts_vfs_writev(int fd, const struct ts_iovec *iov, int iovcnt);

/*
 * Move the file position: TS_SEEK_SET, TS_SEEK_CUR, TS_SEEK_END.
 * Positions past the end are allowed (a write there leaves a hole).
 * Returns the new position; -EINVAL (bad whence, negative result),
 * -EOVERFLOW, -ESPIPE (no position), -EBADF. On directories only SET and
 * CUR, to positions obtained from d_off.
 */
off_t ts_vfs_lseek(int fd, off_t off, int whence);

/* Set the size of the regular file open for writing on fd; growing leaves
 * a hole. 0, -EBADF, -EINVAL (negative, not a regular file), -EFBIG,
 * -EROFS. */
int ts_vfs_ftruncate(int fd, off_t len);

/* Write the file's data to its storage (nothing to do in memory). 0,
 * -EBADF, -EINVAL (a file that cannot be synced). */
int ts_vfs_fsync(int fd);

/* Write the file's data and what is needed to read it back (its size, its
 * block map) to its storage: as fsync here. Same results. */
int ts_vfs_fdatasync(int fd);

/* Device control: the file's own handler, else -ENOTTY. -EBADF. */
int ts_vfs_ioctl(int fd, unsigned long request, void *arg);

/*
 * Which of events (TS_POLL*) fd is ready for, now, without waiting;
 * TS_POLLERR/TS_POLLHUP are reported even when not asked. Files in a
 * filesystem are always ready. -EBADF.
 */
int ts_vfs_poll(int fd, unsigned int events);

/* ---- descriptors ---- */

/* A new descriptor (the lowest free one) for fd's file. -EBADF, -EMFILE. */
int ts_vfs_dup(int fd);

/*
 * Make newfd refer to oldfd's file, closing what newfd referred to.
 * flags: 0 or TS_O_CLOEXEC. -EINVAL when oldfd == newfd or for other
 * flags; -EBADF when oldfd is not open or newfd is out of range.
 */
int ts_vfs_dup3(int oldfd, int newfd, int flags);

/* dup2: as dup3 with flags 0, but oldfd == newfd returns newfd (if open). */
int ts_vfs_dup2(int oldfd, int newfd);

/*
 * TS_F_DUPFD / TS_F_DUPFD_CLOEXEC (the lowest free descriptor >= arg;
 * -EINVAL when arg is out of range), TS_F_GETFD / TS_F_SETFD
 * (TS_FD_CLOEXEC), TS_F_GETFL (access mode and status flags) /
 * TS_F_SETFL (changes TS_O_APPEND, TS_O_NONBLOCK, TS_O_ASYNC,
 * TS_O_DIRECT, TS_O_NOATIME; ignores the rest). -EBADF; other commands
 * go to the file's own fcntl operation (F_GETPIPE_SZ on pipes), else
 * -EINVAL.
 */
int ts_vfs_fcntl(int fd, int cmd, unsigned long arg);

/* ---- metadata ---- */

/* Fill *st for fd's file. 0, -EBADF, -EFAULT. */
int ts_vfs_fstat(int fd, struct ts_stat *st);

/*
 * Fill *st for path. flags: TS_AT_SYMLINK_NOFOLLOW (report a final
 * symbolic link itself), TS_AT_EMPTY_PATH (path "" means dirfd itself,
 * which may be any file), TS_AT_NO_AUTOMOUNT (ignored); else -EINVAL.
 */
int ts_vfs_fstatat(int dirfd, const char *path, struct ts_stat *st, int flags);

/*
 * Check access to path: mode TS_F_OK or a mix of TS_R_OK, TS_W_OK,
 * TS_X_OK. As root, reading and writing are always allowed (writing not on
 * read-only mounts: -EROFS), executing when some execute bit is set or
 * path is a directory (else -EACCES). flags: TS_AT_EACCESS,
 * TS_AT_SYMLINK_NOFOLLOW, TS_AT_EMPTY_PATH; -EINVAL for others or a bad
 * mode.
 */
int ts_vfs_faccessat(int dirfd, const char *path, int mode, int flags);

/*
 * Set the access and modification times of path (times[0], times[1]);
 * times NULL sets both to now; a tv_nsec of TS_UTIME_NOW means now,
 * TS_UTIME_OMIT leaves that time alone. The change time becomes now.
 * path NULL means dirfd itself (as Linux's futimens). flags:
 * TS_AT_SYMLINK_NOFOLLOW, TS_AT_EMPTY_PATH. -EINVAL (bad flags,
 * tv_nsec out of range), -EROFS.
 */
int ts_vfs_utimensat(int dirfd, const char *path, const struct ts_timespec times[2], int flags);

/* Set path's permission bits (mode & 07777). flags: TS_AT_SYMLINK_NOFOLLOW
 * (-EOPNOTSUPP on a symbolic link, as on Linux). -EROFS, -EINVAL. */
int ts_vfs_fchmodat(int dirfd, const char *path, mode_t mode, int flags);

/* ---- directories and names ---- */

/*
 * Read directory entries of the directory open on fd into buf as
 * struct ts_dirent64 records, starting at the file position, which moves
 * past the entries returned. "." and ".." come first. Returns the bytes
 * written, 0 at the end; -EINVAL when buf cannot hold the next record,
 * -ENOTDIR (fd is not a directory), -EBADF, -ENOENT (the directory was
 * removed), -EFAULT.
 */
ssize_t ts_vfs_getdents64(int fd, void *buf, size_t len);

/* Create directory path with permission bits mode & 07777. -EEXIST
 * (path exists, even as a dangling symbolic link), -EROFS, -ENOSPC, -EMLINK. */
int ts_vfs_mkdirat(int dirfd, const char *path, mode_t mode);

/*
 * Remove the name path. flags 0: a non-directory (-EISDIR for a
 * directory); its data stays while the file is open. TS_AT_REMOVEDIR: an
 * empty directory (-ENOTEMPTY, -ENOTDIR, -EINVAL for a final ".",
 * -EBUSY for a mount point or "/"). -EROFS; -EINVAL for other flags.
 */
int ts_vfs_unlinkat(int dirfd, const char *path, int flags);

/*
 * Rename oldpath to newpath within one mount (else -EXDEV), atomically
 * replacing newpath if it exists: a directory may only replace an empty
 * directory (-ENOTEMPTY, -ENOTDIR), a non-directory only a non-directory
 * (-EISDIR). flags: TS_RENAME_NOREPLACE (-EEXIST if newpath exists),
 * TS_RENAME_EXCHANGE (swap the two, both must exist); others -EINVAL.
 * -EINVAL when a directory would move into itself, -EBUSY for a mount
 * point, "." or "..", -EROFS. Two names of one file: nothing happens.
 */
int ts_vfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
		     unsigned int flags);

/*
 * Give the file oldpath the additional name newpath (a hard link).
 * flags: TS_AT_SYMLINK_FOLLOW (follow a final symbolic link in oldpath),
 * TS_AT_EMPTY_PATH; others -EINVAL. -EEXIST, -EPERM (a directory),
 * -EXDEV (other mount), -EMLINK, -EROFS, -ENOENT (oldpath was unlinked).
 */
int ts_vfs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);

/* Create the symbolic link linkpath containing target (1..4095 bytes,
 * else -ENOENT / -ENAMETOOLONG). -EEXIST, -EROFS, -ENOSPC. */
int ts_vfs_symlinkat(const char *target, int newdirfd, const char *linkpath);

/*
 * Copy the target of the symbolic link path into buf, at most size bytes,
 * without a terminating NUL. Returns the bytes copied; -EINVAL (not a
 * symbolic link, size 0), -EFAULT. Path "" means dirfd itself.
 */
ssize_t ts_vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size);

/* What statfs reports of the filesystem holding a file. */
struct ts_vfs_fsinfo {
	const char *fstype;  /* its type's name ("ramfs", "ext2"), NULL for a file
			      * outside any filesystem (the console, a pipe) */
	unsigned long flags; /* the mount's flags: TS_MS_RDONLY */
	uint64_t dev;        /* the st_dev of its files */
	off_t maxsize;       /* its largest file, bytes */
};

/*
 * Fill *out for the filesystem holding path (the statfs system call).
 * flags: TS_AT_SYMLINK_NOFOLLOW (a final symbolic link's own filesystem),
 * TS_AT_EMPTY_PATH (path "" means dirfd itself, which may be any file,
 * then fstype may be NULL); others -EINVAL. -EFAULT for a NULL path or out.
 */
int ts_vfs_fsinfo_at(int dirfd, const char *path, int flags, struct ts_vfs_fsinfo *out);

/* ---- working directory ---- */

/* Make path / the directory open on fd the working directory. -ENOTDIR,
 * -EBADF. */
int ts_vfs_chdir(const char *path);
int ts_vfs_fchdir(int fd);

/*
 * Write the working directory's absolute path, NUL-terminated, into buf.
 * Returns its length including the NUL (as Linux's system call);
 * -ERANGE when size is too small, -ENOENT when the directory was removed.
 */
ssize_t ts_vfs_getcwd(char *buf, size_t size);

/* ---- mounts ---- */

/*
 * Mount a filesystem of type fstype (registered by its library, e.g.
 * "ramfs") from source (its meaning is the filesystem's; may be NULL) on
 * the directory target, hiding what was there. The first mount must be on
 * "/" and becomes the root. flags: TS_MS_RDONLY; TS_MS_REMOUNT (change
 * only the read-only flag of the mount at target); TS_MS_NOSUID,
 * TS_MS_NODEV, TS_MS_NOEXEC, TS_MS_NOATIME, TS_MS_NODIRATIME,
 * TS_MS_RELATIME, TS_MS_SILENT are accepted and ignored; others -EINVAL.
 * data: filesystem options (may be NULL). -ENODEV (unknown fstype),
 * -ENOTDIR, -ENOENT (target; or no root yet and target is not "/"),
 * -ENOMEM, or the filesystem's error.
 */
int ts_vfs_mount(const char *source, const char *target, const char *fstype,
		 unsigned long flags, const void *data);

/*
 * Unmount the filesystem mounted on target. flags: 0, TS_MNT_FORCE
 * (ignored), TS_UMOUNT_NOFOLLOW; others -EINVAL. -EINVAL (target is not
 * a mount point), -EBUSY (files or directories in it are in use, a mount
 * below it, or target is the root).
 */
int ts_vfs_umount(const char *target, int flags);

#endif
