/* names.c: the calls that make, remove and read names — mkdir, mknod, unlink, rmdir, rename, link, symlink, readlink. */
#include "posix_files.h"

/* Both paths of a two-path call. */
static int paths_ok(const char *a, const char *b)
{
	int err = pf_path_ok(a);

	return err ? err : pf_path_ok(b);
}

/* mkdir keeps the permission bits and the sticky bit, less the umask. */
static long do_mkdirat(int dirfd, const char *path, mode_t mode)
{
	int err = pf_path_ok(path);

	return err ? err : ts_vfs_mkdirat(dirfd, path, mode & 01777 & ~pf_umask_get());
}

TS_SYSCALL_DEFINE2(mkdir, "so:d", const char *, path, mode_t, mode)
{
	return do_mkdirat(TS_AT_FDCWD, path, mode);
}

TS_SYSCALL_DEFINE3(mkdirat, "fso:d", int, dirfd, const char *, path, mode_t, mode)
{
	return do_mkdirat(dirfd, path, mode);
}

/*
 * mknod makes regular files only (type 0 or S_IFREG), as an exclusive
 * create: the filesystems here cannot hold device nodes, FIFOs or
 * sockets, which is -EPERM as on a Linux filesystem that refuses them.
 * A directory is -EPERM (use mkdir), an unknown type -EINVAL, as Linux.
 */
static long do_mknodat(int dirfd, const char *path, mode_t mode)
{
	int err = pf_path_ok(path), fd;

	if (err)
		return err;
	switch (mode & TS_S_IFMT) {
	case 0:
	case TS_S_IFREG:
		break;
	case TS_S_IFCHR:
	case TS_S_IFBLK:
	case TS_S_IFIFO:
	case TS_S_IFSOCK:
	case TS_S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	fd = ts_vfs_openat(dirfd, path, TS_O_CREAT | TS_O_EXCL | TS_O_WRONLY | TS_O_CLOEXEC,
			   mode & TS_S_IALLUGO & ~pf_umask_get());
	return fd < 0 ? fd : ts_vfs_close(fd);
}

TS_SYSCALL_DEFINE3(mknod, "sox:d", const char *, path, mode_t, mode, unsigned int, dev)
{
	(void)dev;
	return do_mknodat(TS_AT_FDCWD, path, mode);
}

TS_SYSCALL_DEFINE4(mknodat, "fsox:d", int, dirfd, const char *, path, mode_t, mode,
		   unsigned int, dev)
{
	(void)dev;
	return do_mknodat(dirfd, path, mode);
}

static long do_unlinkat(int dirfd, const char *path, int flags)
{
	int err = pf_path_ok(path);

	return err ? err : ts_vfs_unlinkat(dirfd, path, flags);
}

TS_SYSCALL_DEFINE1(unlink, "s:d", const char *, path)
{
	return do_unlinkat(TS_AT_FDCWD, path, 0);
}

TS_SYSCALL_DEFINE3(unlinkat, "fsx:d", int, dirfd, const char *, path, int, flags)
{
	return do_unlinkat(dirfd, path, flags);
}

TS_SYSCALL_DEFINE1(rmdir, "s:d", const char *, path)
{
	return do_unlinkat(TS_AT_FDCWD, path, TS_AT_REMOVEDIR);
}

static long do_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
			 unsigned int flags)
{
	int err = paths_ok(oldpath, newpath);

	return err ? err : ts_vfs_renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}

TS_SYSCALL_DEFINE2(rename, "ss:d", const char *, oldpath, const char *, newpath)
{
	return do_renameat2(TS_AT_FDCWD, oldpath, TS_AT_FDCWD, newpath, 0);
}

TS_SYSCALL_DEFINE4(renameat, "fsfs:d", int, olddirfd, const char *, oldpath, int, newdirfd,
		   const char *, newpath)
{
	return do_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

TS_SYSCALL_DEFINE5(renameat2, "fsfsx:d", int, olddirfd, const char *, oldpath, int, newdirfd,
		   const char *, newpath, unsigned int, flags)
{
	return do_renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}

static long do_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
		      int flags)
{
	int err = paths_ok(oldpath, newpath);

	return err ? err : ts_vfs_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

TS_SYSCALL_DEFINE2(link, "ss:d", const char *, oldpath, const char *, newpath)
{
	return do_linkat(TS_AT_FDCWD, oldpath, TS_AT_FDCWD, newpath, 0);
}

TS_SYSCALL_DEFINE5(linkat, "fsfsx:d", int, olddirfd, const char *, oldpath, int, newdirfd,
		   const char *, newpath, int, flags)
{
	return do_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

static long do_symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	int err = paths_ok(target, linkpath);

	return err ? err : ts_vfs_symlinkat(target, newdirfd, linkpath);
}

TS_SYSCALL_DEFINE2(symlink, "ss:d", const char *, target, const char *, linkpath)
{
	return do_symlinkat(target, TS_AT_FDCWD, linkpath);
}

TS_SYSCALL_DEFINE3(symlinkat, "sfs:d", const char *, target, int, newdirfd, const char *, linkpath)
{
	return do_symlinkat(target, newdirfd, linkpath);
}

/* Linux takes the size as an int: zero or negative is -EINVAL. */
static long do_readlinkat(int dirfd, const char *path, char *buf, int size)
{
	int err;

	if (size <= 0)
		return -EINVAL;
	err = pf_path_ok(path);
	if (err)
		return err;
	if (!ts_user_ok(buf, (size_t)size, 1))
		return -EFAULT;
	return ts_vfs_readlinkat(dirfd, path, buf, (size_t)size);
}

TS_SYSCALL_DEFINE3(readlink, "sBd:l", const char *, path, char *, buf, int, size)
{
	return do_readlinkat(TS_AT_FDCWD, path, buf, size);
}

TS_SYSCALL_DEFINE4(readlinkat, "fsBd:l", int, dirfd, const char *, path, char *, buf, int, size)
{
	return do_readlinkat(dirfd, path, buf, size);
}
