/* main.c: list, write, probe or log to the ext2 disk at /data (the commands below), then unmount it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/vfs.h>
#include "../cksum.h"

/*
 * Commands (first argument):
 *   list      one line per name below /data, in directory order (the host sorts):
 *               d PERM PATH / f PERM NLINK SIZE CKSUM PATH / l TARGET PATH
 *   write     make new/ with small, big (1 MiB), sparse (data at 70 MiB),
 *             a symbolic link and a hard link; move old/ into new/; remove gone
 *   ro        creating a file must fail with EROFS
 *   records N append "record I" lines to /data/records, fsync (odd I) or
 *             fdatasync (even I) after each,
 *             printing I once fsync returned; N = 0: forever
 * Each ends with "ext2: ok" after unmounting /data, or "ext2: FAIL why"
 * and status 1.
 */

#define EROFS_ 30

static int fail(const char *what, long err)
{
	printf("ext2: FAIL %s (error %ld)\n", what, -err);
	return 1;
}

static void show(const char *path)
{
	static char target[4096];
	struct ts_stat st;
	ssize_t n;

	if (ts_vfs_fstatat(TS_AT_FDCWD, path, &st, TS_AT_SYMLINK_NOFOLLOW) < 0) {
		printf("? %s\n", path);
	} else if (TS_S_ISLNK(st.st_mode)) {
		n = ts_vfs_readlinkat(TS_AT_FDCWD, path, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		printf("l %s %s\n", target, path);
	} else if (TS_S_ISDIR(st.st_mode)) {
		printf("d %o %s\n", st.st_mode & 07777, path);
	} else {
		printf("f %o %llu %lld %lu %s\n", st.st_mode & 07777, (unsigned long long)st.st_nlink,
		       (long long)st.st_size, (unsigned long)cksum_file(path), path);
	}
}

/* Depth first; each level's buffers on the heap (thread stacks are small). */
static void walk(const char *dir)
{
	char *buf = malloc(4096), *path = malloc(4096);
	int fd = ts_vfs_openat(TS_AT_FDCWD, dir, TS_O_RDONLY | TS_O_DIRECTORY, 0);
	ssize_t n;

	while (fd >= 0 && buf && path && (n = ts_vfs_getdents64(fd, buf, 4096)) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(path, 4096, "%s/%s", dir, d->d_name);
			show(path);
			if (d->d_type == TS_DT_DIR)
				walk(path);
		}
	}
	if (fd >= 0)
		ts_vfs_close(fd);
	free(buf);
	free(path);
}

static long put(const char *path, const void *data, size_t n, off_t at)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT, 0644);
	long r;

	if (fd < 0)
		return fd;
	r = ts_vfs_pwrite(fd, data, n, at);
	ts_vfs_close(fd);
	return r == (long)n ? 0 : r < 0 ? r : -5;
}

static int write_files(void)
{
	size_t n = 1 << 20;
	char *big = malloc(n); /* on the heap: the image's own size is capped */
	long r;

	if (!big)
		return fail("malloc", -12);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)(i * 7 + (i >> 10));
	if ((r = ts_vfs_mkdirat(TS_AT_FDCWD, "/data/new", 0755)))
		return fail("mkdir new", r);
	if ((r = put("/data/new/small", "written by the guest\n", 21, 0)))
		return fail("small", r);
	r = put("/data/new/big", big, n, 0);
	free(big);
	if (r)
		return fail("big", r);
	if ((r = put("/data/new/sparse", "end\n", 4, 70l << 20)))
		return fail("sparse", r);
	if ((r = ts_vfs_symlinkat("small", TS_AT_FDCWD, "/data/new/link")))
		return fail("symlink", r);
	if ((r = ts_vfs_linkat(TS_AT_FDCWD, "/data/new/small", TS_AT_FDCWD, "/data/new/hard", 0)))
		return fail("link", r);
	if ((r = ts_vfs_renameat2(TS_AT_FDCWD, "/data/old", TS_AT_FDCWD, "/data/new/moved", 0)))
		return fail("rename old", r);
	if ((r = ts_vfs_unlinkat(TS_AT_FDCWD, "/data/gone", 0)))
		return fail("unlink gone", r);
	return 0;
}

static int records(long n)
{
	char line[32];
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/data/records", TS_O_WRONLY | TS_O_CREAT | TS_O_APPEND, 0644);

	if (fd < 0)
		return fail("open records", fd);
	for (long i = 1; !n || i <= n; i++) {
		int len = snprintf(line, sizeof(line), "record %ld\n", i);
		long r = ts_vfs_write(fd, line, (size_t)len);

		if (r != len)
			return fail("write record", r < 0 ? r : -5);
		/* odd records fsync, even ones fdatasync: both must be durable */
		if ((r = i % 2 ? ts_vfs_fsync(fd) : ts_vfs_fdatasync(fd)))
			return fail(i % 2 ? "fsync" : "fdatasync", r);
		printf("%ld\n", i);
		fflush(stdout);
	}
	ts_vfs_close(fd);
	return 0;
}

int main(int argc, char *argv[])
{
	const char *cmd = argc > 1 ? argv[1] : "list";
	int fd, r = 0;

	if (!strcmp(cmd, "list")) {
		walk("/data");
	} else if (!strcmp(cmd, "write")) {
		r = write_files();
	} else if (!strcmp(cmd, "ro")) {
		fd = ts_vfs_openat(TS_AT_FDCWD, "/data/probe", TS_O_WRONLY | TS_O_CREAT, 0644);
		if (fd != -EROFS_)
			r = fail("creating on a read-only disk did not give EROFS", fd >= 0 ? 0 : fd);
		else
			printf("ext2: EROFS\n");
	} else if (!strcmp(cmd, "records")) {
		r = records(argc > 2 ? strtol(argv[2], NULL, 10) : 0);
	} else {
		r = fail("unknown command", -22);
	}
	if (r)
		return r;
	if ((r = ts_vfs_umount("/data", 0)))
		return fail("umount", r);
	printf("ext2: ok\n");
	return 0;
}
