/* size.c: sizes, advice and syncing — truncate, ftruncate, fallocate, fadvise64, readahead, fsync, fdatasync, sync_file_range, sync, syncfs. */
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

/* readahead: nothing to fill; a descriptor open for reading on a regular
 * file is 0, else -EBADF / -EINVAL, as on Linux. */
TS_SYSCALL_DEFINE3(readahead, "flu:d", int, fd, off_t, offset, size_t, count)
{
	struct ts_stat st;
	int flags = pf_fd_flags(fd), err;

	(void)offset, (void)count;
	if (flags < 0 || (flags & TS_O_PATH) || (flags & TS_O_ACCMODE) == TS_O_WRONLY)
		return -EBADF;
	err = ts_vfs_fstat(fd, &st);
	if (err)
		return err;
	return TS_S_ISREG(st.st_mode) ? 0 : -EINVAL;
}

#define SYNC_FILE_RANGE_ALL 7 /* WAIT_BEFORE | WRITE | WAIT_AFTER */

/* sync_file_range: the whole file is synced when any writing is asked
 * for (there is no finer unit). Checks in Linux's order: the descriptor
 * (-EBADF), flags, negative offsets or a range that wraps (-EINVAL), a
 * file that is not regular, a directory or a link (-ESPIPE). */
TS_SYSCALL_DEFINE4(sync_file_range, "fllx:d", int, fd, off_t, offset, off_t, nbytes,
		   unsigned int, flags)
{
	struct ts_stat st;
	unsigned int type;
	int err = ts_vfs_fstat(fd, &st);

	if (err)
		return err;
	if (flags & ~(unsigned int)SYNC_FILE_RANGE_ALL)
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || offset > INT64_MAX - nbytes)
		return -EINVAL;
	type = st.st_mode & TS_S_IFMT;
	if (type != TS_S_IFREG && type != TS_S_IFDIR && type != TS_S_IFLNK && type != TS_S_IFBLK)
		return -ESPIPE;
	if (!flags)
		return 0;
	err = ts_vfs_fsync(fd);
	return err == -EINVAL ? 0 : err;
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
