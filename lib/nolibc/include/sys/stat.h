/*
 * <sys/stat.h>: file status and modes, mkdir and chmod on lib/vfs (only
 * in images with files, see <fcntl.h>). -1 and errno on failure.
 */
#ifndef TS_NOLIBC_SYS_STAT_H
#define TS_NOLIBC_SYS_STAT_H

#include <sys/types.h>
#include <time.h>

/*
 * glibc's struct stat on x86_64 (the kernel's, 144 bytes), field for
 * field and with its names, so code written for glibc compiles unchanged.
 */
struct stat {
	dev_t st_dev;
	ino_t st_ino;
	nlink_t st_nlink;
	mode_t st_mode;
	uid_t st_uid;
	gid_t st_gid;
	int __pad0;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks; /* 512-byte units */
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	long __unused_[3];
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000
#define S_IRWXU  00700
#define S_IRUSR  00400
#define S_IWUSR  00200
#define S_IXUSR  00100
#define S_IRWXG  00070
#define S_IRGRP  00040
#define S_IWGRP  00020
#define S_IXGRP  00010
#define S_IRWXO  00007
#define S_IROTH  00004
#define S_IWOTH  00002
#define S_IXOTH  00001

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/*
 * Status of path (stat follows a final symbolic link, lstat does not), of
 * the file open on fd, or of path relative to dirfd (flags
 * AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). Everything belongs to root (uid and
 * gid 0). ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EBADF, EINVAL.
 */
int stat(const char *__restrict path, struct stat *__restrict st);
int lstat(const char *__restrict path, struct stat *__restrict st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *__restrict path, struct stat *__restrict st, int flags);

/* Create a directory with permission bits mode & 07777 (no umask).
 * EEXIST, ENOENT, ENOTDIR, ENOSPC, EROFS. */
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);

/* Set the permission bits (stored and shown, never enforced: everything
 * runs as root). ENOENT, EBADF, EROFS. */
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);

#endif
