/* posix_path.c: stat, mkdir, unlink, rename, links, access and the working directory over ts_vfs_* calls. */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ts/vfs.h>
#include "files.h"

/* struct stat is lib/vfs's struct ts_stat under glibc's names. */
_Static_assert(sizeof(struct stat) == sizeof(struct ts_stat) &&
		       offsetof(struct stat, st_mode) == offsetof(struct ts_stat, st_mode) &&
		       offsetof(struct stat, st_rdev) == offsetof(struct ts_stat, st_rdev) &&
		       offsetof(struct stat, st_blocks) == offsetof(struct ts_stat, st_blocks) &&
		       offsetof(struct stat, st_atim) == offsetof(struct ts_stat, st_atim) &&
		       offsetof(struct stat, st_ctim) == offsetof(struct ts_stat, st_ctim),
	       "struct stat differs from struct ts_stat");

/* Copy a filled ts_stat out (memcpy: the two are distinct types of one layout). */
static int stat_out(int r, const struct ts_stat *ts, struct stat *st)
{
	if (r == 0)
		memcpy(st, ts, sizeof *st);
	return (int)ts_nolibc_sysret(r);
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	struct ts_stat ts;

	return stat_out(ts_vfs_fstatat(dirfd, path, &ts, flags), &ts, st);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
	struct ts_stat ts;

	return stat_out(ts_vfs_fstat(fd, &ts), &ts, st);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)ts_nolibc_sysret(ts_vfs_mkdirat(dirfd, path, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int chmod(const char *path, mode_t mode)
{
	return (int)ts_nolibc_sysret(ts_vfs_fchmodat(AT_FDCWD, path, mode, 0));
}

int fchmod(int fd, mode_t mode)
{
	return (int)ts_nolibc_sysret(ts_vfs_fchmodat(fd, "", mode, AT_EMPTY_PATH));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)ts_nolibc_sysret(ts_vfs_unlinkat(dirfd, path, flags));
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

/* As glibc: unlink, and rmdir when the name is a directory. */
int remove(const char *path)
{
	int r = ts_vfs_unlinkat(AT_FDCWD, path, 0);

	if (r == -EISDIR)
		r = ts_vfs_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
	return (int)ts_nolibc_sysret(r);
}

int rename(const char *oldpath, const char *newpath)
{
	return (int)ts_nolibc_sysret(ts_vfs_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return (int)ts_nolibc_sysret(ts_vfs_linkat(olddirfd, oldpath, newdirfd, newpath, flags));
}

int link(const char *oldpath, const char *newpath)
{
	return linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return (int)ts_nolibc_sysret(ts_vfs_symlinkat(target, newdirfd, linkpath));
}

int symlink(const char *target, const char *linkpath)
{
	return symlinkat(target, AT_FDCWD, linkpath);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	return ts_nolibc_sysret(ts_vfs_readlinkat(dirfd, path, buf, size));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

/* lib/vfs has no truncate by path: open for writing, truncate, close. */
int truncate(const char *path, off_t len)
{
	int fd = ts_vfs_openat(AT_FDCWD, path, O_WRONLY | O_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return (int)ts_nolibc_sysret(fd);
	r = ts_vfs_ftruncate(fd, len);
	ts_vfs_close(fd);
	return (int)ts_nolibc_sysret(r);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return (int)ts_nolibc_sysret(ts_vfs_faccessat(dirfd, path, mode, flags));
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

/* As glibc: buf NULL allocates (size bytes, or as many as the path needs
 * when size is 0). */
char *getcwd(char *buf, size_t size)
{
	char *p = buf;
	long r;

	if (buf && !size) {
		errno = EINVAL;
		return NULL;
	}
	if (!p) {
		p = malloc(size ? size : TS_VFS_PATH_MAX);
		if (!p)
			return NULL;
	}
	r = ts_vfs_getcwd(p, size ? size : TS_VFS_PATH_MAX);
	if (ts_nolibc_sysret(r) < 0) {
		if (!buf)
			free(p);
		return NULL;
	}
	if (!buf && !size) {
		char *q = realloc(p, (size_t)r); /* r counts the NUL */
		return q ? q : p;
	}
	return p;
}

int chdir(const char *path)
{
	return (int)ts_nolibc_sysret(ts_vfs_chdir(path));
}

int fchdir(int fd)
{
	return (int)ts_nolibc_sysret(ts_vfs_fchdir(fd));
}
