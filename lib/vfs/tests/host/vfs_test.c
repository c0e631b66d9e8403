/*
 * vfs_test.c: host tests of lib/vfs through its public API, on ramfs
 * (mounted as / by ramfs's own init call): constants and layouts against
 * Linux's, path walks, the descriptor table, open flags, positions, stat,
 * getdents64 records, rename, removal, links, mounts, read-only mounts,
 * the working directory, files without a vnode, and threads.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <ts/vfs.h>
#include <ts/vfs_impl.h>
#include "hosttest.h"
#include "support.h"

#define AT TS_AT_FDCWD
#define EQ(a, b)                                                                        \
	do {                                                                            \
		long a_ = (long)(a), b_ = (long)(b);                                    \
		CHECK(a_ == b_, "line %d: %s is %s, want %s", __LINE__, #a, err_name(a_), \
		      err_name(b_));                                                    \
	} while (0)

static int open_(const char *path, int flags)
{
	return ts_vfs_openat(AT, path, flags, 0644);
}

static int mkdir_(const char *path)
{
	return ts_vfs_mkdirat(AT, path, 0755);
}

/* ---- constants and layouts are Linux x86_64's ---- */

static void constants_are_linux(void)
{
	static const struct { long ours, theirs; const char *name; } c[] = {
#define K(x, y) { x, y, #x }
		K(TS_O_WRONLY, O_WRONLY), K(TS_O_RDWR, O_RDWR), K(TS_O_CREAT, O_CREAT),
		K(TS_O_EXCL, O_EXCL), K(TS_O_NOCTTY, O_NOCTTY), K(TS_O_TRUNC, O_TRUNC),
		K(TS_O_APPEND, O_APPEND), K(TS_O_NONBLOCK, O_NONBLOCK), K(TS_O_DSYNC, O_DSYNC),
		K(TS_O_ASYNC, O_ASYNC), K(TS_O_DIRECT, O_DIRECT), K(TS_O_DIRECTORY, O_DIRECTORY),
		K(TS_O_NOFOLLOW, O_NOFOLLOW), K(TS_O_NOATIME, O_NOATIME), K(TS_O_CLOEXEC, O_CLOEXEC),
		K(TS_O_SYNC, O_SYNC), K(TS_O_PATH, O_PATH), K(TS_O_TMPFILE, O_TMPFILE),
		K(TS_AT_FDCWD, AT_FDCWD), K(TS_AT_SYMLINK_NOFOLLOW, AT_SYMLINK_NOFOLLOW),
		K(TS_AT_REMOVEDIR, AT_REMOVEDIR), K(TS_AT_EACCESS, AT_EACCESS),
		K(TS_AT_SYMLINK_FOLLOW, AT_SYMLINK_FOLLOW), K(TS_AT_NO_AUTOMOUNT, AT_NO_AUTOMOUNT),
		K(TS_AT_EMPTY_PATH, AT_EMPTY_PATH), K(TS_RENAME_NOREPLACE, RENAME_NOREPLACE),
		K(TS_RENAME_EXCHANGE, RENAME_EXCHANGE), K(TS_RENAME_WHITEOUT, RENAME_WHITEOUT),
		K(TS_S_IFMT, S_IFMT), K(TS_S_IFSOCK, S_IFSOCK), K(TS_S_IFLNK, S_IFLNK),
		K(TS_S_IFREG, S_IFREG), K(TS_S_IFBLK, S_IFBLK), K(TS_S_IFDIR, S_IFDIR),
		K(TS_S_IFCHR, S_IFCHR), K(TS_S_IFIFO, S_IFIFO), K(TS_S_ISUID, S_ISUID),
		K(TS_S_ISGID, S_ISGID), K(TS_S_ISVTX, S_ISVTX),
		K(TS_DT_UNKNOWN, DT_UNKNOWN), K(TS_DT_FIFO, DT_FIFO), K(TS_DT_CHR, DT_CHR),
		K(TS_DT_DIR, DT_DIR), K(TS_DT_BLK, DT_BLK), K(TS_DT_REG, DT_REG),
		K(TS_DT_LNK, DT_LNK), K(TS_DT_SOCK, DT_SOCK),
		K(TS_SEEK_SET, SEEK_SET), K(TS_SEEK_CUR, SEEK_CUR), K(TS_SEEK_END, SEEK_END),
		K(TS_F_DUPFD, F_DUPFD), K(TS_F_GETFD, F_GETFD), K(TS_F_SETFD, F_SETFD),
		K(TS_F_GETFL, F_GETFL), K(TS_F_SETFL, F_SETFL), K(TS_F_DUPFD_CLOEXEC, F_DUPFD_CLOEXEC),
		K(TS_FD_CLOEXEC, FD_CLOEXEC), K(TS_F_OK, F_OK), K(TS_X_OK, X_OK),
		K(TS_W_OK, W_OK), K(TS_R_OK, R_OK), K(TS_UTIME_NOW, UTIME_NOW),
		K(TS_UTIME_OMIT, UTIME_OMIT), K(TS_MS_RDONLY, MS_RDONLY), K(TS_MS_NOSUID, MS_NOSUID),
		K(TS_MS_NODEV, MS_NODEV), K(TS_MS_NOEXEC, MS_NOEXEC),
		K(TS_MS_SYNCHRONOUS, MS_SYNCHRONOUS), K(TS_MS_REMOUNT, MS_REMOUNT),
		K(TS_MS_NOATIME, MS_NOATIME), K(TS_MS_NODIRATIME, MS_NODIRATIME),
		K(TS_MS_SILENT, MS_SILENT), K(TS_MS_RELATIME, MS_RELATIME),
		K(TS_MNT_FORCE, MNT_FORCE), K(TS_UMOUNT_NOFOLLOW, UMOUNT_NOFOLLOW),
		K(TS_POLLIN, POLLIN), K(TS_POLLPRI, POLLPRI), K(TS_POLLOUT, POLLOUT),
		K(TS_POLLERR, POLLERR), K(TS_POLLHUP, POLLHUP), K(TS_POLLNVAL, POLLNVAL),
		K(TS_POLLRDNORM, POLLRDNORM), K(TS_POLLWRNORM, POLLWRNORM),
		K(TS_VFS_PATH_MAX, PATH_MAX), K(TS_VFS_NAME_MAX, NAME_MAX),
		K(TS_O_LARGEFILE, 0100000), /* asm-generic/fcntl.h; glibc says 0 on x86_64 */
#undef K
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		CHECK(c[i].ours == c[i].theirs, "%s is %#lx, Linux %#lx", c[i].name, c[i].ours,
		      c[i].theirs);
}

static void layouts_are_linux(void)
{
#define SAME(ts, lx, field) \
	CHECK(offsetof(ts, field) == offsetof(lx, field), "%s.%s at %zu, Linux %zu", #ts, #field, \
	      offsetof(ts, field), offsetof(lx, field))
	/* glibc's struct stat on x86_64 is the kernel's */
	CHECK(sizeof(struct ts_stat) == sizeof(struct stat), "struct ts_stat is %zu bytes, not %zu",
	      sizeof(struct ts_stat), sizeof(struct stat));
	SAME(struct ts_stat, struct stat, st_dev);
	SAME(struct ts_stat, struct stat, st_ino);
	SAME(struct ts_stat, struct stat, st_nlink);
	SAME(struct ts_stat, struct stat, st_mode);
	SAME(struct ts_stat, struct stat, st_uid);
	SAME(struct ts_stat, struct stat, st_gid);
	SAME(struct ts_stat, struct stat, st_rdev);
	SAME(struct ts_stat, struct stat, st_size);
	SAME(struct ts_stat, struct stat, st_blksize);
	SAME(struct ts_stat, struct stat, st_blocks);
	SAME(struct ts_stat, struct stat, st_atim);
	SAME(struct ts_stat, struct stat, st_mtim);
	SAME(struct ts_stat, struct stat, st_ctim);
	SAME(struct ts_timespec, struct timespec, tv_nsec);
	SAME(struct ts_iovec, struct iovec, iov_len);
	/* glibc's struct dirent64 has the record layout of linux_dirent64 */
	SAME(struct ts_dirent64, struct dirent64, d_off);
	SAME(struct ts_dirent64, struct dirent64, d_reclen);
	SAME(struct ts_dirent64, struct dirent64, d_type);
	SAME(struct ts_dirent64, struct dirent64, d_name);
#undef SAME
}

/* ---- path walks ---- */

static void dots_and_slashes(void)
{
	struct ts_stat b = stat_of("/p1/a/b"), root = stat_of("/");

	EQ(mkdir_("/p1"), 0);
	EQ(mkdir_("/p1/a"), 0);
	EQ(mkdir_("/p1/a/b"), 0);
	b = stat_of("/p1/a/b");
	CHECK(b.st_ino && b.st_ino == stat_of("//p1///a/./b/../b/.").st_ino, "dots and slashes");
	CHECK(root.st_ino && root.st_ino == stat_of("/..").st_ino, "/.. is /");
	CHECK(root.st_ino == stat_of("/p1/../../../").st_ino, "above / stays at /");
	EQ(stat_of("/p1/a/nothing/..").st_ino, 0); /* ".." does not skip a missing name */
	EQ(ts_vfs_fstatat(AT, "", &b, 0), -ENOENT);
	EQ(ts_vfs_fstatat(AT, NULL, &b, 0), -EFAULT);
	int dfd = open_("/p1/a", TS_O_RDONLY | TS_O_DIRECTORY);
	CHECK(dfd >= 0, "open dir: %s", err_name(dfd));
	EQ(ts_vfs_fstatat(dfd, "b", &b, 0), 0);
	EQ(b.st_ino, stat_of("/p1/a/b").st_ino);
	EQ(ts_vfs_fstatat(dfd, "", &b, TS_AT_EMPTY_PATH), 0);
	EQ(b.st_ino, stat_of("/p1/a").st_ino);
	EQ(ts_vfs_fstatat(dfd, "/p1", &b, 0), 0); /* absolute: dirfd ignored */
	EQ(ts_vfs_fstatat(999, "/p1", &b, 0), 0);
	EQ(ts_vfs_fstatat(999, "p1", &b, 0), -EBADF);
	EQ(ts_vfs_close(dfd), 0);
	EQ(put_file("/p1/f", "x"), 0);
	dfd = open_("/p1/f", TS_O_RDONLY);
	EQ(ts_vfs_fstatat(dfd, "x", &b, 0), -ENOTDIR); /* dirfd not a directory */
	EQ(ts_vfs_fstatat(dfd, "", &b, TS_AT_EMPTY_PATH), 0);
	EQ(ts_vfs_close(dfd), 0);
	EQ(ts_vfs_fstatat(AT, "/p1/f/x", &b, 0), -ENOTDIR);
	EQ(ts_vfs_fstatat(AT, "/p1/f/.", &b, 0), -ENOTDIR);
	EQ(ts_vfs_fstatat(AT, "/p1/nope/x", &b, 0), -ENOENT);
}

static void trailing_slashes(void)
{
	struct ts_stat st;

	EQ(mkdir_("/p2"), 0);
	EQ(put_file("/p2/f", "data"), 0);
	EQ(open_("/p2/f/", TS_O_RDONLY), -ENOTDIR);
	EQ(ts_vfs_fstatat(AT, "/p2/f/", &st, 0), -ENOTDIR);
	EQ(ts_vfs_fstatat(AT, "/p2/f//", &st, TS_AT_SYMLINK_NOFOLLOW), -ENOTDIR);
	EQ(mkdir_("/p2/d/"), 0);
	EQ(mkdir_("/p2/d2//"), 0);
	EQ(ts_vfs_fstatat(AT, "/p2/d/", &st, 0), 0);
	EQ(open_("/p2/new/", TS_O_WRONLY | TS_O_CREAT), -EISDIR);
	EQ(ts_vfs_fstatat(AT, "/p2/new", &st, 0), -ENOENT);
	EQ(ts_vfs_unlinkat(AT, "/p2/f/", 0), -ENOTDIR);
	EQ(ts_vfs_unlinkat(AT, "/p2/d/", 0), -EISDIR);
	EQ(ts_vfs_renameat2(AT, "/p2/f/", AT, "/p2/g", 0), -ENOTDIR);
	EQ(ts_vfs_renameat2(AT, "/p2/f", AT, "/p2/g/", 0), -ENOTDIR);
	EQ(ts_vfs_symlinkat("f", AT, "/p2/l/"), -ENOENT);
	EQ(ts_vfs_linkat(AT, "/p2/f", AT, "/p2/h/", 0), -ENOENT);
	/* a link to a directory with a slash is followed, even by lstat */
	EQ(ts_vfs_symlinkat("d", AT, "/p2/ld"), 0);
	EQ(ts_vfs_fstatat(AT, "/p2/ld/", &st, TS_AT_SYMLINK_NOFOLLOW), 0);
	CHECK(TS_S_ISDIR(st.st_mode), "lstat(ld/) gives the directory");
	EQ(ts_vfs_fstatat(AT, "/p2/ld", &st, TS_AT_SYMLINK_NOFOLLOW), 0);
	CHECK(TS_S_ISLNK(st.st_mode), "lstat(ld) gives the link");
	EQ(ts_vfs_unlinkat(AT, "/p2/ld/", TS_AT_REMOVEDIR), -ENOTDIR);
	EQ(ts_vfs_unlinkat(AT, "/p2/d/", TS_AT_REMOVEDIR), 0);
	EQ(ts_vfs_renameat2(AT, "/p2/d2/", AT, "/p2/d3/", 0), 0);
}

static void symlinks(void)
{
	char path[32], buf[64];
	struct ts_stat st;
	int fd;

	EQ(mkdir_("/p3"), 0);
	EQ(mkdir_("/p3/dir"), 0);
	EQ(put_file("/p3/dir/file", "hello"), 0);
	EQ(ts_vfs_symlinkat("dir/file", AT, "/p3/rel"), 0);
	EQ(ts_vfs_symlinkat("/p3/dir", AT, "/p3/abs"), 0);
	EQ(ts_vfs_symlinkat("..", AT, "/p3/dir/up"), 0);
	EQ(get_file("/p3/rel", buf, sizeof(buf)), 5);
	EQ(get_file("/p3/abs/file", buf, sizeof(buf)), 5);
	EQ(get_file("/p3/abs/up/abs/up/rel", buf, sizeof(buf)), 5);
	EQ(ts_vfs_readlinkat(AT, "/p3/rel", buf, sizeof(buf)), 8);
	CHECK(!memcmp(buf, "dir/file", 8), "readlink gives the target");
	EQ(ts_vfs_readlinkat(AT, "/p3/rel", buf, 3), 3); /* truncated, no NUL */
	EQ(ts_vfs_readlinkat(AT, "/p3/dir", buf, sizeof(buf)), -EINVAL);
	EQ(ts_vfs_readlinkat(AT, "/p3/rel", buf, 0), -EINVAL);
	EQ(ts_vfs_symlinkat("", AT, "/p3/empty"), -ENOENT);
	EQ(ts_vfs_symlinkat("x", AT, "/p3/rel"), -EEXIST);
	EQ(ts_vfs_fstatat(AT, "/p3/rel", &st, TS_AT_SYMLINK_NOFOLLOW), 0);
	CHECK(TS_S_ISLNK(st.st_mode) && st.st_size == 8, "lstat: a link of 8 bytes");
	EQ(ts_vfs_fstatat(AT, "/p3/rel", &st, 0), 0);
	CHECK(TS_S_ISREG(st.st_mode) && st.st_size == 5, "stat follows");

	/* a chain of 40 links resolves; 41 is -ELOOP (Linux's MAXSYMLINKS) */
	EQ(ts_vfs_symlinkat("dir/file", AT, "/p3/c0"), 0);
	for (int i = 1; i <= 40; i++) {
		char target[16];

		snprintf(target, sizeof(target), "c%d", i - 1);
		snprintf(path, sizeof(path), "/p3/c%d", i);
		EQ(ts_vfs_symlinkat(target, AT, path), 0);
	}
	EQ(ts_vfs_fstatat(AT, "/p3/c39", &st, 0), 0);
	EQ(ts_vfs_fstatat(AT, "/p3/c40", &st, 0), -ELOOP);
	EQ(ts_vfs_fstatat(AT, "/p3/c40", &st, TS_AT_SYMLINK_NOFOLLOW), 0);
	EQ(ts_vfs_symlinkat("loop2", AT, "/p3/loop1"), 0);
	EQ(ts_vfs_symlinkat("loop1", AT, "/p3/loop2"), 0);
	EQ(open_("/p3/loop1", TS_O_RDONLY), -ELOOP);
	EQ(open_("/p3/loop1/x", TS_O_RDONLY), -ELOOP);
	EQ(ts_vfs_symlinkat("self", AT, "/p3/self"), 0);
	EQ(open_("/p3/self", TS_O_RDONLY | TS_O_CREAT), -ELOOP);

	/* O_NOFOLLOW */
	EQ(open_("/p3/rel", TS_O_RDONLY | TS_O_NOFOLLOW), -ELOOP);
	EQ(open_("/p3/rel", TS_O_WRONLY | TS_O_CREAT | TS_O_NOFOLLOW), -ELOOP);
	fd = open_("/p3/abs/file", TS_O_RDONLY | TS_O_NOFOLLOW); /* only the last one counts */
	CHECK(fd >= 0, "O_NOFOLLOW with a link before the last component: %s", err_name(fd));
	ts_vfs_close(fd);
	fd = open_("/p3/rel", TS_O_PATH | TS_O_NOFOLLOW);
	CHECK(fd >= 0, "O_PATH|O_NOFOLLOW opens the link: %s", err_name(fd));
	EQ(ts_vfs_fstat(fd, &st), 0);
	CHECK(TS_S_ISLNK(st.st_mode), "... and fstat shows it");
	EQ(ts_vfs_readlinkat(fd, "", buf, sizeof(buf)), 8);
	ts_vfs_close(fd);

	/* dangling links: O_CREAT makes the target, O_EXCL refuses */
	EQ(ts_vfs_symlinkat("made", AT, "/p3/dangling"), 0);
	EQ(ts_vfs_fstatat(AT, "/p3/dangling", &st, 0), -ENOENT);
	EQ(open_("/p3/dangling", TS_O_WRONLY | TS_O_CREAT | TS_O_EXCL), -EEXIST);
	EQ(mkdir_("/p3/dangling"), -EEXIST);
	fd = open_("/p3/dangling", TS_O_WRONLY | TS_O_CREAT);
	CHECK(fd >= 0, "O_CREAT through a dangling link: %s", err_name(fd));
	ts_vfs_close(fd);
	EQ(ts_vfs_fstatat(AT, "/p3/made", &st, 0), 0);
	CHECK(TS_S_ISREG(st.st_mode), "the target was created");
}

static void name_lengths(void)
{
	char name[TS_VFS_NAME_MAX + 8], *path = malloc(TS_VFS_PATH_MAX + 8);
	struct ts_stat st;
	int fd;

	EQ(mkdir_("/p4"), 0);
	memset(name, 0, sizeof(name));
	memcpy(name, "/p4/", 4);
	memset(name + 4, 'n', TS_VFS_NAME_MAX);
	fd = open_(name, TS_O_WRONLY | TS_O_CREAT);
	CHECK(fd >= 0, "a 255-byte name: %s", err_name(fd));
	ts_vfs_close(fd);
	name[4 + TS_VFS_NAME_MAX] = 'n';
	EQ(open_(name, TS_O_WRONLY | TS_O_CREAT), -ENAMETOOLONG);
	EQ(mkdir_(name), -ENAMETOOLONG);
	EQ(ts_vfs_fstatat(AT, name, &st, 0), -ENAMETOOLONG);
	/* 4095 bytes are a path ("/p4/././././..."), 4096 are not */
	strcpy(path, "/p4");
	while (strlen(path) < TS_VFS_PATH_MAX - 1)
		strcat(path, "/");
	path[TS_VFS_PATH_MAX - 1] = '\0';
	EQ(ts_vfs_fstatat(AT, path, &st, 0), 0);
	strcat(path, "/");
	EQ(ts_vfs_fstatat(AT, path, &st, 0), -ENAMETOOLONG);
	path[TS_VFS_PATH_MAX - 1] = '\0';
	memset(path, 'x', TS_VFS_PATH_MAX - 1);
	EQ(ts_vfs_symlinkat(path, AT, "/p4/long"), 0); /* 4095-byte target */
	strcat(path, "x");
	EQ(ts_vfs_symlinkat(path, AT, "/p4/longer"), -ENAMETOOLONG);
	free(path);
}

/* ---- descriptors ---- */

static void fd_table(void)
{
	int base = open_fds(), a, b, c, e, fd;
	char buf[8];

	EQ(mkdir_("/p5"), 0);
	EQ(put_file("/p5/f", "abc"), 0);
	a = open_("/p5/f", TS_O_RDONLY);
	b = open_("/p5/f", TS_O_RDONLY);
	c = open_("/p5/f", TS_O_RDONLY);
	EQ(b, a + 1);
	EQ(c, a + 2);
	EQ(ts_vfs_close(b), 0);
	EQ(ts_vfs_close(b), -EBADF);
	EQ(open_("/p5/f", TS_O_RDONLY), b); /* the lowest free number */
	EQ(ts_vfs_dup(a), c + 1);
	EQ(ts_vfs_close(c + 1), 0);
	EQ(ts_vfs_dup2(a, a), a);
	EQ(ts_vfs_dup2(c + 5, c + 5), -EBADF);
	EQ(ts_vfs_dup3(a, a, 0), -EINVAL);
	EQ(ts_vfs_dup3(a, c + 1, TS_O_APPEND), -EINVAL);
	EQ(ts_vfs_dup3(c + 5, c + 1, 0), -EBADF);
	EQ(ts_vfs_dup3(a, -1, 0), -EBADF);
	EQ(ts_vfs_dup3(a, CONFIG_LIBVFS_MAX_FDS, 0), -EBADF);
	/* dup2 onto an open descriptor closes it; both share one position */
	EQ(ts_vfs_dup2(a, c), c);
	EQ(ts_vfs_read(a, buf, 1), 1);
	EQ(ts_vfs_read(c, buf, 1), 1);
	CHECK(buf[0] == 'b', "dup'd descriptors share the position");
	EQ(ts_vfs_fcntl(c, TS_F_GETFD, 0), 0);
	EQ(ts_vfs_dup3(a, c, TS_O_CLOEXEC), c);
	EQ(ts_vfs_fcntl(c, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	EQ(ts_vfs_fcntl(c, TS_F_SETFD, 0), 0);
	EQ(ts_vfs_fcntl(c, TS_F_GETFD, 0), 0);
	fd = ts_vfs_fcntl(a, TS_F_DUPFD_CLOEXEC, 20);
	EQ(fd, 20);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	EQ(ts_vfs_fcntl(a, TS_F_DUPFD, 20), 21);
	EQ(ts_vfs_fcntl(a, TS_F_DUPFD, CONFIG_LIBVFS_MAX_FDS), -EINVAL);
	EQ(ts_vfs_fcntl(555, TS_F_DUPFD, 0), -EBADF);
	EQ(ts_vfs_fcntl(a, 12345, 0), -EINVAL);
	EQ(ts_vfs_close(20), 0);
	EQ(ts_vfs_close(21), 0);
	fd = open_("/p5/f", TS_O_RDONLY | TS_O_CLOEXEC);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	e = ts_vfs_dup(fd);
	EQ(ts_vfs_fcntl(e, TS_F_GETFD, 0), 0); /* dup clears it */
	EQ(ts_vfs_close(e), 0);
	EQ(ts_vfs_ioctl(fd, 0x5450 /* FIONCLEX */, NULL), 0);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFD, 0), 0);
	EQ(ts_vfs_ioctl(fd, 0x1234, NULL), -ENOTTY);
	EQ(ts_vfs_close(fd), 0);
	/* EBADF everywhere for bad numbers */
	EQ(ts_vfs_read(-1, buf, 1), -EBADF);
	EQ(ts_vfs_write(CONFIG_LIBVFS_MAX_FDS, buf, 1), -EBADF);
	EQ(ts_vfs_close(100000), -EBADF);
	EQ(ts_vfs_lseek(-5, 0, TS_SEEK_SET), -EBADF);
	EQ(ts_vfs_fstat(777, &(struct ts_stat){ 0 }), -EBADF);
	/* EMFILE at the limit, and the table is usable afterwards */
	for (;;) {
		fd = ts_vfs_dup(a);
		if (fd < 0)
			break;
	}
	EQ(fd, -EMFILE);
	EQ(open_("/p5/f", TS_O_RDONLY), -EMFILE);
	EQ(open_("/p5/g", TS_O_RDONLY | TS_O_CREAT), -EMFILE);
	EQ(ts_vfs_fstatat(AT, "/p5/g", &(struct ts_stat){ 0 }, 0), -ENOENT); /* nothing made */
	EQ(ts_vfs_dup2(a, CONFIG_LIBVFS_MAX_FDS - 1), CONFIG_LIBVFS_MAX_FDS - 1);
	for (fd = 0; fd < CONFIG_LIBVFS_MAX_FDS; fd++)
		if (fd > c)
			ts_vfs_close(fd);
	EQ(ts_vfs_close(a), 0);
	EQ(ts_vfs_close(b), 0);
	EQ(ts_vfs_close(c), 0);
	EQ(open_fds(), base);
}

/* ---- open flags, reading, writing, positions ---- */

static void open_flags(void)
{
	char buf[32];
	int fd, d;

	EQ(mkdir_("/p6"), 0);
	EQ(put_file("/p6/f", "0123456789"), 0);
	EQ(open_("/p6/f", TS_O_WRONLY | TS_O_CREAT | TS_O_EXCL), -EEXIST);
	EQ(open_("/p6/none", TS_O_RDONLY), -ENOENT);
	EQ(open_("/p6/f", TS_O_ACCMODE), -EINVAL);
	EQ(open_("/p6", TS_O_RDWR | TS_O_TMPFILE), -EOPNOTSUPP);
	EQ(open_("/p6/f", TS_O_RDONLY | TS_O_DIRECTORY), -ENOTDIR);
	EQ(open_("/p6/n", TS_O_RDONLY | TS_O_DIRECTORY | TS_O_CREAT), -EINVAL);
	EQ(open_("/p6", TS_O_WRONLY), -EISDIR);
	EQ(open_("/p6", TS_O_RDWR), -EISDIR);
	EQ(open_("/p6", TS_O_RDONLY | TS_O_TRUNC), -EISDIR);
	EQ(open_("/p6", TS_O_RDONLY | TS_O_CREAT), -EISDIR);
	EQ(open_("/p6/.", TS_O_RDONLY | TS_O_CREAT), -EISDIR);

	fd = open_("/p6/f", TS_O_RDONLY);
	EQ(ts_vfs_write(fd, "x", 1), -EBADF);
	EQ(ts_vfs_pwrite(fd, "x", 1, 0), -EBADF);
	EQ(ts_vfs_ftruncate(fd, 0), -EINVAL);
	EQ(ts_vfs_read(fd, NULL, 1), -EFAULT);
	EQ(ts_vfs_read(fd, buf, 0), 0);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_RDONLY | TS_O_LARGEFILE);
	ts_vfs_close(fd);
	fd = open_("/p6/f", TS_O_WRONLY);
	EQ(ts_vfs_read(fd, buf, 1), -EBADF);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_WRONLY | TS_O_LARGEFILE);
	ts_vfs_close(fd);
	d = open_("/p6", TS_O_RDONLY);
	EQ(ts_vfs_read(d, buf, 1), -EISDIR);
	EQ(ts_vfs_write(d, buf, 1), -EBADF);
	ts_vfs_close(d);
	fd = open_("/p6", TS_O_PATH);
	EQ(ts_vfs_read(fd, buf, 1), -EBADF);
	EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), -EBADF);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_PATH);
	EQ(ts_vfs_fstat(fd, &(struct ts_stat){ 0 }), 0);
	ts_vfs_close(fd);

	/* O_TRUNC */
	fd = open_("/p6/f", TS_O_WRONLY | TS_O_TRUNC);
	EQ(stat_of("/p6/f").st_size, 0);
	ts_vfs_close(fd);
	/* O_APPEND: every write at the end, wherever the position was */
	EQ(put_file("/p6/f", "abc"), 0);
	fd = open_("/p6/f", TS_O_RDWR | TS_O_APPEND);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	EQ(ts_vfs_write(fd, "de", 2), 2);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_CUR), 5);
	EQ(ts_vfs_pwrite(fd, "f", 1, 0), 1); /* Linux appends here too */
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_RDWR | TS_O_APPEND | TS_O_LARGEFILE);
	EQ(ts_vfs_fcntl(fd, TS_F_SETFL, 0), 0); /* off */
	EQ(ts_vfs_pwrite(fd, "A", 1, 0), 1);
	ts_vfs_close(fd);
	EQ(get_file("/p6/f", buf, sizeof(buf)), 6);
	CHECK(!strcmp(buf, "Abcdef"), "O_APPEND wrote \"%s\"", buf);
	fd = open_("/p6/f", TS_O_WRONLY);
	EQ(ts_vfs_fcntl(fd, TS_F_SETFL, TS_O_APPEND | TS_O_RDWR), 0);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_WRONLY | TS_O_APPEND | TS_O_LARGEFILE); /* mode kept */
	EQ(ts_vfs_write(fd, "g", 1), 1);
	ts_vfs_close(fd);
	EQ(get_file("/p6/f", buf, sizeof(buf)), 7);
	/* mode: permission bits of a new file */
	fd = ts_vfs_openat(AT, "/p6/m", TS_O_WRONLY | TS_O_CREAT, 0640 | TS_S_IFDIR);
	EQ(stat_of("/p6/m").st_mode, TS_S_IFREG | 0640);
	ts_vfs_close(fd);
}

static void positions_and_holes(void)
{
	char buf[64];
	int fd;

	EQ(mkdir_("/p7"), 0);
	fd = open_("/p7/f", TS_O_RDWR | TS_O_CREAT);
	EQ(ts_vfs_write(fd, "hello", 5), 5);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_CUR), 5);
	EQ(ts_vfs_lseek(fd, -2, TS_SEEK_END), 3);
	EQ(ts_vfs_read(fd, buf, sizeof(buf)), 2);
	EQ(ts_vfs_read(fd, buf, sizeof(buf)), 0);
	EQ(ts_vfs_lseek(fd, -1, TS_SEEK_SET), -EINVAL);
	EQ(ts_vfs_lseek(fd, -100, TS_SEEK_END), -EINVAL);
	EQ(ts_vfs_lseek(fd, 0, 7), -EINVAL);
	EQ(ts_vfs_lseek(fd, INT64_MAX, TS_SEEK_SET), INT64_MAX);
	EQ(ts_vfs_lseek(fd, 1, TS_SEEK_CUR), -EOVERFLOW);
	EQ(ts_vfs_write(fd, "x", 1), -EFBIG);
	/* past the end: the gap reads as zeros */
	EQ(ts_vfs_lseek(fd, 10000, TS_SEEK_SET), 10000);
	EQ(ts_vfs_write(fd, "end", 3), 3);
	EQ(stat_of("/p7/f").st_size, 10003);
	EQ(ts_vfs_pread(fd, buf, 8, 4), 8);
	CHECK(!memcmp(buf, "o\0\0\0\0\0\0\0", 8), "the hole reads as zeros");
	EQ(ts_vfs_pread(fd, buf, 10, 9998), 5);
	CHECK(!memcmp(buf, "\0\0end", 5), "up to the end");
	EQ(ts_vfs_pread(fd, buf, 10, -1), -EINVAL);
	EQ(ts_vfs_pread(fd, buf, 10, 20000), 0);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_CUR), 10003); /* pread left it alone */
	/* readv / writev */
	struct ts_iovec iov[3] = { { "ab", 2 }, { NULL, 0 }, { "cde", 3 } };
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	EQ(ts_vfs_writev(fd, iov, 3), 5);
	char x[2], y[4];
	struct ts_iovec riov[2] = { { x, 2 }, { y, 4 } };
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	EQ(ts_vfs_readv(fd, riov, 2), 6);
	CHECK(!memcmp(x, "ab", 2) && !memcmp(y, "cde\0", 4), "readv");
	EQ(ts_vfs_readv(fd, riov, -1), -EINVAL);
	EQ(ts_vfs_readv(fd, riov, 1025), -EINVAL);
	ts_vfs_close(fd);
	/* directories: positions are d_off cookies */
	fd = open_("/p7", TS_O_RDONLY);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_END), -EINVAL);
	EQ(ts_vfs_lseek(fd, 1, TS_SEEK_SET), 1);
	ts_vfs_close(fd);
}

/* ---- stat ---- */

static int ts_before(struct ts_timespec a, struct ts_timespec b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

static void stat_fields(void)
{
	struct ts_stat st, st2, d1, d2;
	char buf[8];
	int fd;

	EQ(mkdir_("/p8"), 0);
	d1 = stat_of("/p8");
	EQ(d1.st_nlink, 2);
	CHECK(d1.st_mode == (TS_S_IFDIR | 0755), "dir mode %o", d1.st_mode);
	fd = ts_vfs_openat(AT, "/p8/f", TS_O_RDWR | TS_O_CREAT, 0600);
	EQ(ts_vfs_fstat(fd, &st), 0);
	CHECK(st.st_mode == (TS_S_IFREG | 0600) && st.st_nlink == 1 && st.st_size == 0,
	      "new file: mode %o nlink %lu size %ld", st.st_mode, (unsigned long)st.st_nlink,
	      (long)st.st_size);
	CHECK(st.st_blksize == 4096 && st.st_blocks == 0, "blksize %ld blocks %ld",
	      (long)st.st_blksize, (long)st.st_blocks);
	CHECK(st.st_mtim.tv_sec > 1600000000, "times are wall-clock times");
	d2 = stat_of("/p8");
	CHECK(ts_before(d1.st_mtim, d2.st_mtim), "creating changed the directory's mtime");
	EQ(ts_vfs_write(fd, "12345", 5), 5);
	EQ(ts_vfs_fstat(fd, &st2), 0);
	EQ(st2.st_size, 5);
	EQ(st2.st_blocks, 8);
	CHECK(ts_before(st.st_mtim, st2.st_mtim), "write changed mtime");
	CHECK(ts_before(st.st_ctim, st2.st_ctim), "write changed ctime");
	CHECK(!ts_before(st.st_atim, st2.st_atim), "write left atime");
	EQ(ts_vfs_pread(fd, buf, 1, 0), 1);
	EQ(ts_vfs_fstat(fd, &st), 0);
	CHECK(ts_before(st2.st_atim, st.st_atim), "read changed atime");
	EQ(ts_vfs_pread(fd, buf, 1, 0), 1);
	EQ(ts_vfs_fstat(fd, &st2), 0);
	CHECK(!ts_before(st.st_atim, st2.st_atim), "relatime: a second read leaves atime");
	EQ(st.st_dev, stat_of("/").st_dev);
	ts_vfs_close(fd);
	EQ(mkdir_("/p8/sub"), 0);
	EQ(stat_of("/p8").st_nlink, 3);
	EQ(ts_vfs_unlinkat(AT, "/p8/sub", TS_AT_REMOVEDIR), 0);
	EQ(stat_of("/p8").st_nlink, 2);
	/* utimensat, fchmodat, faccessat */
	struct ts_timespec t[2] = { { 100, 5 }, { 200, TS_UTIME_OMIT } };
	EQ(ts_vfs_utimensat(AT, "/p8/f", t, 0), 0);
	st = stat_of("/p8/f");
	CHECK(st.st_atim.tv_sec == 100 && st.st_atim.tv_nsec == 5 && st.st_mtim.tv_sec > 1600000000,
	      "utimensat set atime only");
	t[1].tv_nsec = TS_UTIME_NOW;
	t[0].tv_nsec = 1000000000;
	EQ(ts_vfs_utimensat(AT, "/p8/f", t, 0), -EINVAL);
	EQ(ts_vfs_utimensat(AT, "/p8/f", NULL, 0), 0);
	CHECK(stat_of("/p8/f").st_atim.tv_sec > 1600000000, "NULL times: now");
	fd = open_("/p8/f", TS_O_RDONLY);
	EQ(ts_vfs_utimensat(fd, NULL, t, 0), -EINVAL); /* bad nsec still */
	t[0].tv_nsec = 0;
	EQ(ts_vfs_utimensat(fd, NULL, t, 0), 0); /* futimens */
	EQ(stat_of("/p8/f").st_atim.tv_sec, 100);
	ts_vfs_close(fd);
	EQ(ts_vfs_fchmodat(AT, "/p8/f", 0751 | TS_S_IFDIR, 0), 0);
	EQ(stat_of("/p8/f").st_mode, TS_S_IFREG | 0751);
	EQ(ts_vfs_faccessat(AT, "/p8/f", TS_R_OK | TS_W_OK | TS_X_OK, 0), 0);
	EQ(ts_vfs_fchmodat(AT, "/p8/f", 0644, 0), 0);
	EQ(ts_vfs_faccessat(AT, "/p8/f", TS_X_OK, 0), -EACCES);
	EQ(ts_vfs_faccessat(AT, "/p8", TS_X_OK, 0), 0);
	EQ(ts_vfs_faccessat(AT, "/p8/none", TS_F_OK, 0), -ENOENT);
	EQ(ts_vfs_faccessat(AT, "/p8/f", 8, 0), -EINVAL);
	EQ(ts_vfs_symlinkat("f", AT, "/p8/l"), 0);
	EQ(ts_vfs_fchmodat(AT, "/p8/l", 0600, TS_AT_SYMLINK_NOFOLLOW), -EOPNOTSUPP);
	EQ(ts_vfs_fstatat(AT, "/p8/f", &st, 0x8000), -EINVAL);
}

/* ---- getdents64 ---- */

/* Read all of directory fd with bufsize-byte calls; the names in order
 * into names (joined by ','); returns entries or -errno. */
static int list(int fd, size_t bufsize, char *names, size_t size)
{
	char *buf = malloc(bufsize);
	int n = 0;
	ssize_t got;

	names[0] = '\0';
	while ((got = ts_vfs_getdents64(fd, buf, bufsize)) > 0) {
		for (ssize_t off = 0; off < got;) {
			const char *name = buf + off + offsetof(struct ts_dirent64, d_name);
			struct ts_dirent64 d;

			memcpy(&d, buf + off, offsetof(struct ts_dirent64, d_name));
			CHECK(d.d_reclen % 8 == 0 && off + d.d_reclen <= got
			      && strnlen(name, d.d_reclen - 19) < (size_t)d.d_reclen - 19,
			      "record length %u", d.d_reclen);
			if (strlen(names) + strlen(name) + 2 < size) {
				strcat(names, name);
				strcat(names, ",");
			}
			off += d.d_reclen;
			n++;
		}
	}
	free(buf);
	return got < 0 ? (int)got : n;
}

static void getdents_records(void)
{
	char buf[512], names[512];
	struct ts_dirent64 d;
	int fd;
	ssize_t got;

	EQ(mkdir_("/p9"), 0);
	EQ(put_file("/p9/file", ""), 0);
	EQ(mkdir_("/p9/subdir"), 0);
	EQ(ts_vfs_symlinkat("file", AT, "/p9/link"), 0);
	fd = open_("/p9", TS_O_RDONLY | TS_O_DIRECTORY);
	EQ(offsetof(struct ts_dirent64, d_name), 19);
	got = ts_vfs_getdents64(fd, buf, sizeof(buf));
	/* ".": 19 + 2 -> 24; "..": 24; "file": 24; "subdir": 19 + 7 -> 32; "link": 24 */
	EQ(got, 24 + 24 + 24 + 32 + 24);
	memcpy(&d, buf, 19);
	CHECK(d.d_reclen == 24 && d.d_type == TS_DT_DIR && !strcmp(buf + 19, ".") && d.d_off == 1
	      && d.d_ino == stat_of("/p9").st_ino, "first record is \".\"");
	memcpy(&d, buf + 24, 19);
	CHECK(d.d_type == TS_DT_DIR && !strcmp(buf + 24 + 19, "..") && d.d_ino == stat_of("/").st_ino,
	      "second is \"..\"");
	memcpy(&d, buf + 48, 19);
	CHECK(d.d_type == TS_DT_REG && !strcmp(buf + 48 + 19, "file")
	      && d.d_ino == stat_of("/p9/file").st_ino, "then file");
	memcpy(&d, buf + 72, 19);
	CHECK(d.d_type == TS_DT_DIR && d.d_reclen == 32 && !strcmp(buf + 72 + 19, "subdir"),
	      "then subdir");
	memcpy(&d, buf + 104, 19);
	CHECK(d.d_type == TS_DT_LNK && !strcmp(buf + 104 + 19, "link"), "then link");
	EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), 0); /* the end */
	/* resuming at a record's d_off */
	memcpy(&d, buf + 48, 19);
	EQ(ts_vfs_lseek(fd, d.d_off, TS_SEEK_SET), d.d_off);
	EQ(list(fd, sizeof(buf), names, sizeof(names)), 2);
	CHECK(!strcmp(names, "subdir,link,"), "resumed at subdir: %s", names);
	/* too small for one record: -EINVAL, the position unchanged */
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	EQ(ts_vfs_getdents64(fd, buf, 23), -EINVAL);
	EQ(ts_vfs_getdents64(fd, NULL, 100), -EFAULT);
	/* one record per call (24 bytes hold all but subdir's: 32) */
	EQ(list(fd, 24, names, sizeof(names)), -EINVAL);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	EQ(list(fd, 32, names, sizeof(names)), 5);
	CHECK(!strcmp(names, ".,..,file,subdir,link,"), "one by one: %s", names);
	/* entries removed or added while reading: none twice, none lost that stays */
	for (int i = 0; i < 20; i++) {
		char p[32];

		snprintf(p, sizeof(p), "/p9/n%02d", i);
		EQ(put_file(p, ""), 0);
	}
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	got = ts_vfs_getdents64(fd, buf, 24 * 6);
	EQ(ts_vfs_unlinkat(AT, "/p9/n00", 0), 0); /* not yet read */
	EQ(ts_vfs_unlinkat(AT, "/p9/file", 0), 0); /* already read */
	EQ(put_file("/p9/late", ""), 0);
	EQ(got, 24 * 3 + 32 + 24); /* up to link */
	EQ(list(fd, 100, names, sizeof(names)), 20);
	CHECK(!strncmp(names, "n01,", 4) && strstr(names, "n19,late,"), "after changes: %s", names);
	ts_vfs_close(fd);
	fd = open_("/p9/n05", TS_O_RDONLY);
	EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), -ENOTDIR);
	ts_vfs_close(fd);
	/* a removed directory lists nothing: -ENOENT */
	EQ(mkdir_("/p9/gone"), 0);
	fd = open_("/p9/gone", TS_O_RDONLY);
	EQ(ts_vfs_unlinkat(AT, "/p9/gone", TS_AT_REMOVEDIR), 0);
	EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), -ENOENT);
	EQ(ts_vfs_openat(fd, "x", TS_O_RDWR | TS_O_CREAT, 0), -ENOENT);
	ts_vfs_close(fd);
}

/* ---- rename, removal, links ---- */

static void renames(void)
{
	char buf[32];
	struct ts_stat st;
	int fd;

	EQ(mkdir_("/r"), 0);
	EQ(put_file("/r/a", "new"), 0);
	EQ(put_file("/r/b", "old"), 0);
	fd = open_("/r/b", TS_O_RDONLY);
	EQ(ts_vfs_renameat2(AT, "/r/a", AT, "/r/b", 0), 0);
	EQ(get_file("/r/b", buf, sizeof(buf)), 3);
	CHECK(!strcmp(buf, "new"), "b was replaced");
	EQ(stat_of("/r/a").st_ino, 0);
	EQ(ts_vfs_read(fd, buf, sizeof(buf)), 3); /* the replaced file lives while open */
	CHECK(!memcmp(buf, "old", 3), "the old b is still readable");
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_nlink, 0);
	ts_vfs_close(fd);

	EQ(mkdir_("/r/d"), 0);
	EQ(mkdir_("/r/d/sub"), 0);
	EQ(mkdir_("/r/e"), 0);
	EQ(put_file("/r/e/x", ""), 0);
	EQ(mkdir_("/r/empty"), 0);
	EQ(ts_vfs_renameat2(AT, "/r/d", AT, "/r/d/sub/d", 0), -EINVAL);
	EQ(ts_vfs_renameat2(AT, "/r/d", AT, "/r/d/x", 0), -EINVAL);
	EQ(ts_vfs_renameat2(AT, "/r/d", AT, "/r/e", 0), -ENOTEMPTY);
	EQ(ts_vfs_renameat2(AT, "/r/d", AT, "/r/b", 0), -ENOTDIR);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/d", 0), -EISDIR);
	EQ(ts_vfs_renameat2(AT, "/r/none", AT, "/r/z", 0), -ENOENT);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/none/z", 0), -ENOENT);
	EQ(ts_vfs_renameat2(AT, "/r/d/.", AT, "/r/z", 0), -EBUSY);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/d/..", 0), -EBUSY);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/e/x", TS_RENAME_NOREPLACE), -EEXIST);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/e/x", TS_RENAME_NOREPLACE | TS_RENAME_EXCHANGE),
	   -EINVAL);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/e/x", 64), -EINVAL);
	/* a directory over an empty one; link counts follow */
	EQ(ts_vfs_renameat2(AT, "/r/d", AT, "/r/empty", 0), 0);
	EQ(stat_of("/r/empty/sub").st_nlink, 2);
	EQ(stat_of("/r").st_nlink, 2 + 2); /* e and empty */
	EQ(ts_vfs_renameat2(AT, "/r/empty/sub", AT, "/r/e/sub", 0), 0);
	EQ(stat_of("/r/empty").st_nlink, 2);
	EQ(stat_of("/r/e").st_nlink, 3);
	EQ(ts_vfs_fstatat(AT, "/r/e/sub/..", &st, 0), 0);
	EQ(st.st_ino, stat_of("/r/e").st_ino);
	/* exchange: a file and a directory swap places */
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/e/sub", TS_RENAME_EXCHANGE), 0);
	CHECK(TS_S_ISDIR(stat_of("/r/b").st_mode) && TS_S_ISREG(stat_of("/r/e/sub").st_mode),
	      "exchanged");
	EQ(stat_of("/r/e").st_nlink, 2);
	EQ(stat_of("/r").st_nlink, 2 + 3);
	EQ(ts_vfs_fstatat(AT, "/r/b/..", &st, 0), 0);
	EQ(st.st_ino, stat_of("/r").st_ino);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/missing", TS_RENAME_EXCHANGE), -ENOENT);
	EQ(ts_vfs_renameat2(AT, "/r/b", AT, "/r/b/x", TS_RENAME_EXCHANGE), -ENOENT);
	/* two names of one file: nothing happens */
	EQ(ts_vfs_linkat(AT, "/r/e/sub", AT, "/r/h", 0), 0);
	EQ(ts_vfs_renameat2(AT, "/r/e/sub", AT, "/r/h", 0), 0);
	EQ(stat_of("/r/e/sub").st_nlink, 2);
	EQ(ts_vfs_renameat2(AT, "/r/h", AT, "/r/h", 0), 0);
	/* relative to directory descriptors */
	fd = open_("/r/e", TS_O_RDONLY);
	EQ(ts_vfs_renameat2(fd, "sub", AT, "/r/moved", 0), 0);
	EQ(ts_vfs_renameat2(AT, "/r/moved", fd, "back", 0), 0);
	EQ(stat_of("/r/e/back").st_nlink, 2);
	ts_vfs_close(fd);
}

static void removal(void)
{
	char buf[16];
	struct ts_stat st;
	int fd;

	EQ(mkdir_("/q"), 0);
	EQ(mkdir_("/q/d"), 0);
	EQ(put_file("/q/d/f", "kept"), 0);
	EQ(ts_vfs_unlinkat(AT, "/q/d", TS_AT_REMOVEDIR), -ENOTEMPTY);
	EQ(ts_vfs_unlinkat(AT, "/q/d", 0), -EISDIR);
	EQ(ts_vfs_unlinkat(AT, "/q/d/f", TS_AT_REMOVEDIR), -ENOTDIR);
	EQ(ts_vfs_unlinkat(AT, "/q/d/.", TS_AT_REMOVEDIR), -EINVAL);
	EQ(ts_vfs_unlinkat(AT, "/q/d/..", TS_AT_REMOVEDIR), -ENOTEMPTY);
	EQ(ts_vfs_unlinkat(AT, "/", TS_AT_REMOVEDIR), -EBUSY);
	EQ(ts_vfs_unlinkat(AT, "/q/.", 0), -EISDIR);
	EQ(ts_vfs_unlinkat(AT, "/q/none", 0), -ENOENT);
	EQ(ts_vfs_unlinkat(AT, "/q/none", TS_AT_REMOVEDIR), -ENOENT);
	EQ(ts_vfs_unlinkat(AT, "/q/d/f", 0x1), -EINVAL);
	/* unlink while open: the data stays until the last close */
	fd = open_("/q/d/f", TS_O_RDWR);
	int fd2 = ts_vfs_dup(fd);
	EQ(ts_vfs_unlinkat(AT, "/q/d/f", 0), 0);
	EQ(stat_of("/q/d/f").st_ino, 0);
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_nlink, 0);
	EQ(ts_vfs_pread(fd, buf, sizeof(buf), 0), 4);
	EQ(ts_vfs_pwrite(fd, "more", 4, 4), 4);
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_pread(fd2, buf, sizeof(buf), 0), 8);
	CHECK(!memcmp(buf, "keptmore", 8), "data of the unlinked file");
	EQ(ts_vfs_linkat(fd2, "", AT, "/q/revived", TS_AT_EMPTY_PATH), -ENOENT);
	EQ(ts_vfs_close(fd2), 0);
	EQ(ts_vfs_unlinkat(AT, "/q/d", TS_AT_REMOVEDIR), 0);
	EQ(stat_of("/q").st_nlink, 2);
}

static void hard_links(void)
{
	char buf[16];

	EQ(mkdir_("/h"), 0);
	EQ(mkdir_("/h/d"), 0);
	EQ(put_file("/h/f", "one"), 0);
	EQ(ts_vfs_linkat(AT, "/h/f", AT, "/h/d/g", 0), 0);
	EQ(stat_of("/h/f").st_nlink, 2);
	EQ(stat_of("/h/f").st_ino, stat_of("/h/d/g").st_ino);
	EQ(put_file("/h/d/g", "two"), 0);
	EQ(get_file("/h/f", buf, sizeof(buf)), 3);
	CHECK(!strcmp(buf, "two"), "one file, two names");
	EQ(ts_vfs_linkat(AT, "/h/f", AT, "/h/d/g", 0), -EEXIST);
	EQ(ts_vfs_linkat(AT, "/h/d", AT, "/h/dd", 0), -EPERM);
	EQ(ts_vfs_linkat(AT, "/h/none", AT, "/h/x", 0), -ENOENT);
	EQ(ts_vfs_linkat(AT, "/h/f", AT, "/h/x", 0x8), -EINVAL);
	EQ(ts_vfs_symlinkat("f", AT, "/h/l"), 0);
	EQ(ts_vfs_linkat(AT, "/h/l", AT, "/h/l2", 0), 0); /* the link itself */
	CHECK(TS_S_ISLNK(stat_of("/h/f").st_mode) == 0 && stat_of("/h/f").st_nlink == 2,
	      "linking the symlink left f alone");
	EQ(ts_vfs_linkat(AT, "/h/l", AT, "/h/l3", TS_AT_SYMLINK_FOLLOW), 0);
	EQ(stat_of("/h/f").st_nlink, 3);
	EQ(ts_vfs_unlinkat(AT, "/h/f", 0), 0);
	EQ(stat_of("/h/d/g").st_nlink, 2);
	EQ(get_file("/h/l3", buf, sizeof(buf)), 3);
}

/* ---- mounts ---- */

static void mounts(void)
{
	struct ts_stat st;
	char buf[64];
	int fd;

	EQ(mkdir_("/m"), 0);
	EQ(put_file("/m/under", "hidden"), 0);
	EQ(put_file("/mfile", ""), 0);
	EQ(ts_vfs_mount(NULL, "/mfile", "ramfs", 0, NULL), -ENOTDIR);
	EQ(ts_vfs_mount(NULL, "/m", "nosuchfs", 0, NULL), -ENODEV);
	EQ(ts_vfs_mount(NULL, "/nowhere", "ramfs", 0, NULL), -ENOENT);
	EQ(ts_vfs_mount(NULL, "/m", "ramfs", 0x40000000, NULL), -EINVAL);
	EQ(ts_vfs_mount(NULL, "/m", "ramfs", 0, NULL), 0);
	EQ(stat_of("/m/under").st_ino, 0); /* hidden */
	CHECK(stat_of("/m").st_dev != stat_of("/").st_dev, "a new st_dev");
	EQ(put_file("/m/over", "x"), 0);
	EQ(ts_vfs_fstatat(AT, "/m/..", &st, 0), 0);
	EQ(st.st_ino, stat_of("/").st_ino);
	EQ(ts_vfs_fstatat(AT, "/m/../m/over", &st, 0), 0);
	EQ(ts_vfs_linkat(AT, "/mfile", AT, "/m/link", 0), -EXDEV);
	EQ(ts_vfs_renameat2(AT, "/mfile", AT, "/m/moved", 0), -EXDEV);
	EQ(ts_vfs_unlinkat(AT, "/m", TS_AT_REMOVEDIR), -EBUSY);
	EQ(ts_vfs_renameat2(AT, "/m", AT, "/m2", 0), -EBUSY);
	/* busy while something inside is in use */
	fd = open_("/m/over", TS_O_RDONLY);
	EQ(ts_vfs_umount("/m", 0), -EBUSY);
	ts_vfs_close(fd);
	fd = open_("/m", TS_O_RDONLY);
	EQ(ts_vfs_umount("/m", 0), -EBUSY);
	ts_vfs_close(fd);
	EQ(ts_vfs_chdir("/m"), 0);
	EQ(ts_vfs_umount("/m", 0), -EBUSY);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 3);
	CHECK(!strcmp(buf, "/m"), "getcwd in a mount: %s", buf);
	EQ(ts_vfs_chdir("/"), 0);
	/* a mount on a mount */
	EQ(mkdir_("/m/inner"), 0);
	EQ(ts_vfs_mount(NULL, "/m/inner", "ramfs", 0, NULL), 0);
	EQ(ts_vfs_umount("/m", 0), -EBUSY);
	EQ(ts_vfs_chdir("/m/inner"), 0);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 9);
	CHECK(!strcmp(buf, "/m/inner"), "getcwd two mounts down: %s", buf);
	EQ(ts_vfs_chdir(".."), 0);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 3);
	EQ(ts_vfs_chdir("/"), 0);
	EQ(ts_vfs_umount("/m/inner", 0), 0);
	EQ(ts_vfs_umount("/m/over", 0), -EINVAL);
	EQ(ts_vfs_umount("/", 0), -EBUSY);
	EQ(ts_vfs_umount("/m", 0x10), -EINVAL);
	EQ(ts_vfs_umount("/m", 0), 0);
	EQ(ts_vfs_umount("/m", 0), -EINVAL);
	EQ(get_file("/m/under", buf, sizeof(buf)), 6); /* visible again */
}

static void read_only(void)
{
	struct ts_timespec t[2] = { { 1, 0 }, { 2, 0 } };
	int fd, wfd;

	EQ(mkdir_("/ro"), 0);
	EQ(ts_vfs_mount(NULL, "/ro", "ramfs", 0, NULL), 0);
	EQ(mkdir_("/ro/d"), 0);
	EQ(put_file("/ro/f", "data"), 0);
	wfd = open_("/ro/f", TS_O_WRONLY);
	EQ(ts_vfs_mount(NULL, "/ro", NULL, TS_MS_REMOUNT | TS_MS_RDONLY, NULL), 0);
	EQ(ts_vfs_mount(NULL, "/ro/d", NULL, TS_MS_REMOUNT | TS_MS_RDONLY, NULL), -EINVAL);
	EQ(open_("/ro/new", TS_O_WRONLY | TS_O_CREAT), -EROFS);
	EQ(open_("/ro/f", TS_O_WRONLY), -EROFS);
	EQ(open_("/ro/f", TS_O_RDONLY | TS_O_TRUNC), -EROFS);
	EQ(open_("/ro/f", TS_O_WRONLY | TS_O_CREAT | TS_O_EXCL), -EEXIST);
	fd = open_("/ro/f", TS_O_RDONLY | TS_O_CREAT);
	CHECK(fd >= 0, "O_CREAT of an existing file for reading: %s", err_name(fd));
	ts_vfs_close(fd);
	EQ(mkdir_("/ro/x"), -EROFS);
	EQ(mkdir_("/ro/d"), -EEXIST);
	EQ(ts_vfs_symlinkat("f", AT, "/ro/l"), -EROFS);
	EQ(ts_vfs_linkat(AT, "/ro/f", AT, "/ro/g", 0), -EROFS);
	EQ(ts_vfs_unlinkat(AT, "/ro/f", 0), -EROFS);
	EQ(ts_vfs_unlinkat(AT, "/ro/none", 0), -EROFS);
	EQ(ts_vfs_unlinkat(AT, "/ro/d", TS_AT_REMOVEDIR), -EROFS);
	EQ(ts_vfs_renameat2(AT, "/ro/f", AT, "/ro/g", 0), -EROFS);
	EQ(ts_vfs_utimensat(AT, "/ro/f", t, 0), -EROFS);
	EQ(ts_vfs_fchmodat(AT, "/ro/f", 0600, 0), -EROFS);
	EQ(ts_vfs_faccessat(AT, "/ro/f", TS_W_OK, 0), -EROFS);
	EQ(ts_vfs_faccessat(AT, "/ro/f", TS_R_OK, 0), 0);
	EQ(ts_vfs_write(wfd, "x", 1), -EROFS);
	EQ(ts_vfs_ftruncate(wfd, 0), -EROFS);
	EQ(stat_of("/ro/f").st_size, 4);
	EQ(ts_vfs_mount(NULL, "/ro", NULL, TS_MS_REMOUNT, NULL), 0);
	EQ(ts_vfs_write(wfd, "x", 1), 1);
	ts_vfs_close(wfd);
	EQ(ts_vfs_umount("/ro", 0), 0);
}

/* ---- working directory ---- */

static void working_directory(void)
{
	char buf[64];
	int fd;

	EQ(mkdir_("/w"), 0);
	EQ(mkdir_("/w/a"), 0);
	EQ(mkdir_("/w/a/b"), 0);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 2);
	CHECK(!strcmp(buf, "/"), "cwd starts at /: %s", buf);
	EQ(ts_vfs_chdir("/w/a"), 0);
	EQ(put_file("rel", "r"), 0);
	EQ(stat_of("/w/a/rel").st_size, 1);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 5);
	CHECK(!strcmp(buf, "/w/a"), "getcwd: %s", buf);
	EQ(ts_vfs_getcwd(buf, 4), -ERANGE);
	EQ(ts_vfs_getcwd(NULL, 4), -EFAULT);
	EQ(ts_vfs_chdir("rel"), -ENOTDIR);
	EQ(ts_vfs_chdir("nope"), -ENOENT);
	EQ(ts_vfs_renameat2(AT, "/w/a", AT, "/w/renamed", 0), 0);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 11);
	CHECK(!strcmp(buf, "/w/renamed"), "getcwd follows a rename: %s", buf);
	fd = open_("b", TS_O_RDONLY | TS_O_DIRECTORY);
	EQ(ts_vfs_chdir("/"), 0);
	EQ(ts_vfs_fchdir(fd), 0);
	ts_vfs_close(fd);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), 13);
	CHECK(!strcmp(buf, "/w/renamed/b"), "fchdir: %s", buf);
	EQ(ts_vfs_unlinkat(AT, "/w/renamed/b", TS_AT_REMOVEDIR), 0);
	EQ(ts_vfs_getcwd(buf, sizeof(buf)), -ENOENT);
	EQ(open_("x", TS_O_WRONLY | TS_O_CREAT), -ENOENT);
	EQ(ts_vfs_chdir(".."), -ENOENT);
	EQ(ts_vfs_chdir("/"), 0);
	fd = open_("/w/renamed/rel", TS_O_RDONLY);
	EQ(ts_vfs_fchdir(fd), -ENOTDIR);
	ts_vfs_close(fd);
}

/* ---- files without a vnode (pipes, sockets later) ---- */

static int released;

static ssize_t counter_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)pos;
	memset(buf, 'c', n);
	*(long *)f->priv += (long)n;
	return (ssize_t)n;
}

static unsigned int counter_poll(struct ts_file *f, unsigned int events)
{
	(void)f;
	return events & TS_POLLIN;
}

static void counter_release(struct ts_file *f)
{
	(void)f;
	released++;
}

static const struct ts_file_ops counter_ops = {
	.read = counter_read,
	.poll = counter_poll,
	.release = counter_release,
};

static void files_without_vnode(void)
{
	long count = 0;
	struct ts_file *f = ts_file_new(&counter_ops, &count, TS_O_RDONLY | TS_O_NONBLOCK);
	struct ts_stat st;
	char buf[8];
	int fd, fd2;

	CHECK(f != NULL, "ts_file_new");
	EQ(ts_vfs_file_install(f, TS_O_APPEND), -EINVAL);
	fd = ts_vfs_file_install(f, TS_O_CLOEXEC);
	CHECK(fd >= 0, "install: %s", err_name(fd));
	EQ(ts_vfs_fcntl(fd, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	EQ(ts_vfs_fcntl(fd, TS_F_GETFL, 0), TS_O_RDONLY | TS_O_NONBLOCK);
	EQ(ts_vfs_read(fd, buf, 8), 8);
	EQ(count, 8);
	EQ(ts_vfs_write(fd, buf, 1), -EBADF);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), -ESPIPE);
	EQ(ts_vfs_pread(fd, buf, 1, 0), -ESPIPE);
	EQ(ts_vfs_fstat(fd, &st), -EINVAL);
	EQ(ts_vfs_fstatat(fd, "", &st, TS_AT_EMPTY_PATH), -EINVAL); /* goes to fstat */
	EQ(ts_vfs_fstatat(fd, "x", &st, 0), -ENOTDIR);
	EQ(ts_vfs_getdents64(fd, buf, 8), -ENOTDIR);
	EQ(ts_vfs_fsync(fd), -EINVAL);
	EQ(ts_vfs_fchdir(fd), -ENOTDIR);
	EQ(ts_vfs_poll(fd, TS_POLLIN | TS_POLLOUT), TS_POLLIN);
	EQ(ts_vfs_poll(fd + 100, TS_POLLIN), -EBADF);
	fd2 = ts_vfs_dup(fd);
	EQ(ts_vfs_close(fd), 0);
	EQ(released, 0);
	EQ(ts_vfs_close(fd2), 0);
	EQ(released, 1);
	/* files in a filesystem are always ready */
	fd = open_("/", TS_O_RDONLY);
	EQ(ts_vfs_poll(fd, TS_POLLIN | TS_POLLOUT | TS_POLLPRI), TS_POLLIN | TS_POLLOUT);
	EQ(ts_vfs_fsync(fd), 0);
	ts_vfs_close(fd);
}

/* ---- threads ---- */

#define THREADS 4
#define ROUNDS 200

static int log_fd;

/* Each thread: its own directory of files it creates, writes, checks,
 * renames and removes; and records appended to one shared file. */
static void *worker(void *arg)
{
	int id = (int)(long)arg, bad = 0;
	char dir[32], a[48], b[48], buf[64], rec[16];
	struct ts_stat st;

	snprintf(dir, sizeof(dir), "/t/w%d", id);
	if (mkdir_(dir))
		return (void *)1l;
	for (int i = 0; i < ROUNDS; i++) {
		int fd;

		snprintf(a, sizeof(a), "%s/f%d", dir, i % 7);
		snprintf(b, sizeof(b), "/t/shared%d", i % 3);
		snprintf(buf, sizeof(buf), "thread %d round %d", id, i);
		fd = open_(a, TS_O_RDWR | TS_O_CREAT | TS_O_TRUNC);
		bad |= fd < 0;
		bad |= ts_vfs_write(fd, buf, strlen(buf)) != (ssize_t)strlen(buf);
		ts_vfs_close(fd);
		bad |= get_file(a, buf, sizeof(buf)) < 0 || strncmp(buf, "thread", 6);
		bad |= ts_vfs_renameat2(AT, a, AT, b, 0) != 0; /* replaces others' files */
		ts_vfs_unlinkat(AT, b, 0); /* may be gone already: another renamed over it */
		snprintf(rec, sizeof(rec), "<%d:%04d>", id, i);
		bad |= ts_vfs_write(log_fd, rec, 8) != 8;
		/* links come and go, and stat looks, while others append */
		snprintf(b, sizeof(b), "/t/loglink%d", id);
		bad |= ts_vfs_linkat(AT, "/t/log", AT, b, 0) != 0;
		bad |= ts_vfs_fstat(log_fd, &st) != 0 || st.st_nlink < 2 || st.st_size < 8;
		bad |= ts_vfs_unlinkat(AT, b, 0) != 0;
		if (i % 10 == 0) {
			fd = open_(dir, TS_O_RDONLY);
			bad |= list(fd, 64, buf, sizeof(buf)) < 0;
			ts_vfs_close(fd);
		}
	}
	return (void *)(long)bad;
}

static void threads(void)
{
	pthread_t t[THREADS];
	char *all = malloc(THREADS * ROUNDS * 8 + 1);
	ssize_t n;
	int fds;

	EQ(mkdir_("/t"), 0);
	fds = open_fds();
	log_fd = open_("/t/log", TS_O_RDWR | TS_O_CREAT | TS_O_APPEND);
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++) {
		void *r;

		pthread_join(t[i], &r);
		CHECK(!r, "thread %d saw a failure", i);
	}
	n = ts_vfs_pread(log_fd, all, THREADS * ROUNDS * 8, 0);
	EQ(n, THREADS * ROUNDS * 8);
	for (ssize_t i = 0; i < n; i += 8)
		CHECK(all[i] == '<' && all[i + 7] == '>', "appends interleaved at %zd", i);
	ts_vfs_close(log_fd);
	free(all);
	EQ(open_fds(), fds);
}

static void no_descriptors_left(void)
{
	EQ(open_fds(), 0);
}

int main(void)
{
	hosttest_run("constants_are_linux", constants_are_linux);
	hosttest_run("layouts_are_linux", layouts_are_linux);
	hosttest_run("dots_and_slashes", dots_and_slashes);
	hosttest_run("trailing_slashes", trailing_slashes);
	hosttest_run("symlinks", symlinks);
	hosttest_run("name_lengths", name_lengths);
	hosttest_run("fd_table", fd_table);
	hosttest_run("open_flags", open_flags);
	hosttest_run("positions_and_holes", positions_and_holes);
	hosttest_run("stat_fields", stat_fields);
	hosttest_run("getdents_records", getdents_records);
	hosttest_run("renames", renames);
	hosttest_run("removal", removal);
	hosttest_run("hard_links", hard_links);
	hosttest_run("mounts", mounts);
	hosttest_run("read_only", read_only);
	hosttest_run("working_directory", working_directory);
	hosttest_run("files_without_vnode", files_without_vnode);
	hosttest_run("threads", threads);
	hosttest_run("no_descriptors_left", no_descriptors_left);
	return hosttest_status();
}
