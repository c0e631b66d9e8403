/* size.c: sizes and syncing — truncate, ftruncate, fallocate, fadvise64, fsync, fdatasync, sync, syncfs. */
#include "posix_files.h"

#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_NOREUSE    5

TS_SYSCALL_DEFINE2(ftruncate, "fl:d", int, fd, off_t, len)
{
	return ts_vfs_ftruncate(fd, len);
}

/*
 * truncate(path): lib/vfs truncates through a descriptor, so the file is
 * opened for writing for the moment of the call (a full descriptor table
 * makes it -EMFILE, which Linux would not say). Directories are -EISDIR
 * and other non-regular files -EINVAL, as on Linux.
 */
TS_SYSCALL_DEFINE2(truncate, "sl:d", const char *, path, off_t, len)
{
	struct ts_stat st;
	int err = pf_path_ok(path), fd;

	if (err)
		return err;
	if (len < 0)
		return -EINVAL;
	err = ts_vfs_fstatat(TS_AT_FDCWD, path, &st, 0);
	if (err)
		return err;
	if (TS_S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!TS_S_ISREG(st.st_mode))
		return -EINVAL;
	fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CLOEXEC | TS_O_NOCTTY, 0);
	if (fd < 0)
		return fd;
	err = ts_vfs_ftruncate(fd, len);
	ts_vfs_close(fd);
	return err;
}

/*
 * fallocate mode 0 makes the file at least offset + len bytes long; the
 * filesystems here allocate blocks when they are written, so the new
 * part is a hole and a later write may still meet -ENOSPC. Every other
 * mode (keep size, punch hole, zero range, ...) is -EOPNOTSUPP, as for a
 * Linux filesystem without them. Checks in Linux's order.
 */
TS_SYSCALL_DEFINE4(fallocate, "fxll:d", int, fd, int, mode, off_t, offset, off_t, len)
{
	struct ts_stat st;
	int flags = pf_fd_flags(fd), err;

	if (flags < 0)
		return flags;
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode)
		return -EOPNOTSUPP;
	if ((flags & TS_O_PATH) || (flags & TS_O_ACCMODE) == TS_O_RDONLY)
		return -EBADF;
	err = ts_vfs_fstat(fd, &st);
	if (err)
		return err;
	if ((st.st_mode & TS_S_IFMT) == TS_S_IFIFO)
		return -ESPIPE;
	if (TS_S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!TS_S_ISREG(st.st_mode))
		return -ENODEV;
	if (offset > INT64_MAX - len)
		return -EFBIG;
	if (offset + len <= st.st_size)
		return 0;
	return ts_vfs_ftruncate(fd, offset + len);
}

/* Advice about future reads changes nothing here (there is no page
 * cache to fill or drop): checked and accepted. */
TS_SYSCALL_DEFINE4(fadvise64, "flld:d", int, fd, off_t, offset, off_t, len, int, advice)
{
	struct ts_stat st;
	int err = ts_vfs_fstat(fd, &st);

	(void)offset;
	if (err == -EINVAL)
		err = 0; /* a file without stat (none today) is still a file */
	if (err)
		return err;
	if ((st.st_mode & TS_S_IFMT) == TS_S_IFIFO)
		return -ESPIPE;
	if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		return -EINVAL;
	return 0;
}

TS_SYSCALL_DEFINE1(fsync, "f:d", int, fd)
{
	return ts_vfs_fsync(fd);
}

TS_SYSCALL_DEFINE1(fdatasync, "f:d", int, fd)
{
	return ts_vfs_fdatasync(fd);
}

/*
 * syncfs: the filesystems here that keep dirty data (ext2's block cache)
 * write all of it on fsync of any of their files, so syncing fd's file
 * syncs its filesystem. Files that cannot be synced (the console, pipes)
 * belong to no filesystem with anything to write: 0.
 */
TS_SYSCALL_DEFINE1(syncfs, "f:d", int, fd)
{
	int err = ts_vfs_fsync(fd);

	return err == -EINVAL ? 0 : err;
}

/*
 * sync: lib/vfs keeps no list of mounts to walk, so every filesystem with
 * an open descriptor is synced (see syncfs); a filesystem with no file
 * open keeps its dirty blocks until the next fsync or its unmount.
 * Errors are not reported, as sync(2) has none.
 */
TS_SYSCALL_DEFINE0(sync, ":d")
{
	for (int fd = 0; fd < CONFIG_LIBVFS_MAX_FDS; fd++)
		ts_vfs_fsync(fd);
	return 0;
}
