/*
 * fuzz_ext2.c: libFuzzer target of ext2's metadata readers. The input is a
 * disk image (in memory, writable): it is mounted through the VFS, every
 * name is walked, stat'ed, read and followed, then a few changes are made
 * (create, write, mkdir, rename, unlink) and it is unmounted. Any crash,
 * sanitizer report, leak or hang (run with -timeout) is a bug; errors are
 * what damaged input must give.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/blk.h>
#include <ts/print.h>
#include <ts/vfs.h>

int host_log_lines;
char host_log_last[512];

/* Quiet: damaged images log on every call. */
void ts_log(enum ts_log_level level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
	host_log_lines++;
}

/* ---- one disk, in memory ---- */
static const struct ts_blkdev_ops no_ops;
static struct ts_blkdev disk = { .name = "vda", .max_sectors = 256, .ops = &no_ops };
static uint8_t *image;

struct ts_blkdev *ts_blk_find(const char *name)
{
	return image && (!strcmp(name, "vda") || !strcmp(name, "/dev/vda")) ? &disk : NULL;
}

static int in_range(uint64_t sector, uint64_t n)
{
	return n && sector < disk.nsectors && n <= disk.nsectors - sector;
}

int ts_blk_read(struct ts_blkdev *dev, uint64_t sector, void *buf, uint64_t n)
{
	(void)dev;
	if (!in_range(sector, n))
		return -EINVAL;
	memcpy(buf, image + sector * TS_BLK_SECTOR, n * TS_BLK_SECTOR);
	return 0;
}

int ts_blk_write(struct ts_blkdev *dev, uint64_t sector, const void *buf, uint64_t n)
{
	(void)dev;
	if (!in_range(sector, n))
		return -EINVAL;
	memcpy(image + sector * TS_BLK_SECTOR, buf, n * TS_BLK_SECTOR);
	return 0;
}

int ts_blk_flush(struct ts_blkdev *dev)
{
	(void)dev;
	return 0;
}

/* ---- the walk ---- */
static int budget; /* names visited per input, so a huge directory stays quick */
static char victims[4][512]; /* regular files found, truncated and removed by change() */
static int nvictims;
static char subdir[512];     /* a directory found below the root: change() moves one into it */

static void visit(const char *path, int depth)
{
	char buf[4096], child[512];
	struct ts_stat st;
	ssize_t n;
	int fd;

	if (--budget < 0 || ts_vfs_fstatat(TS_AT_FDCWD, path, &st, TS_AT_SYMLINK_NOFOLLOW))
		return;
	if (TS_S_ISLNK(st.st_mode)) {
		ts_vfs_readlinkat(TS_AT_FDCWD, path, buf, sizeof(buf));
		ts_vfs_fstatat(TS_AT_FDCWD, path, &st, 0); /* follow it */
		return;
	}
	fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);
	if (fd < 0)
		return;
	if (TS_S_ISREG(st.st_mode)) {
		if (nvictims < 4)
			snprintf(victims[nvictims++], sizeof(victims[0]), "%s", path);
		for (int i = 0; i < 16 && ts_vfs_read(fd, buf, sizeof(buf)) > 0; i++)
			;
		ts_vfs_pread(fd, buf, 16, st.st_size > 16 ? st.st_size - 16 : 0);
	} else if (TS_S_ISDIR(st.st_mode) && depth < 6) {
		if (depth) /* the last one found */
			snprintf(subdir, sizeof(subdir), "%s", path);
		while ((n = ts_vfs_getdents64(fd, buf, sizeof(buf))) > 0) {
			for (ssize_t off = 0; off < n;) {
				struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

				off += d->d_reclen;
				if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
					continue;
				snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
				visit(child, depth + 1);
			}
		}
	}
	ts_vfs_close(fd);
}

static void change(void)
{
	static char data[5000];
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/m/fuzz-new", TS_O_RDWR | TS_O_CREAT, 0644);

	if (fd >= 0) {
		ts_vfs_write(fd, data, sizeof(data));
		ts_vfs_pwrite(fd, data, 100, 300000);
		ts_vfs_ftruncate(fd, 1000);
		ts_vfs_fsync(fd);
		ts_vfs_close(fd);
	}
	ts_vfs_mkdirat(TS_AT_FDCWD, "/m/fuzz-dir", 0755);
	ts_vfs_symlinkat("fuzz-new", TS_AT_FDCWD, "/m/fuzz-dir/l");
	ts_vfs_renameat2(TS_AT_FDCWD, "/m/fuzz-new", TS_AT_FDCWD, "/m/fuzz-dir/f", 0);
	ts_vfs_renameat2(TS_AT_FDCWD, "/m/fuzz-dir", TS_AT_FDCWD, "/m/lost+found", 0);
	ts_vfs_unlinkat(TS_AT_FDCWD, "/m/fuzz-dir/f", 0);
	ts_vfs_unlinkat(TS_AT_FDCWD, "/m/lost+found/f", 0);
	/* a directory moved below another walks up through ".." entries */
	if (subdir[0] && ts_vfs_mkdirat(TS_AT_FDCWD, "/m/fuzz-mv", 0755) == 0) {
		char to[600];

		snprintf(to, sizeof(to), "%s/fuzz-mv", subdir);
		ts_vfs_renameat2(TS_AT_FDCWD, "/m/fuzz-mv", TS_AT_FDCWD, to, 0);
	}
	/* truncation and removal walk (and free) whole block maps */
	for (int i = 0; i < nvictims; i++) {
		fd = ts_vfs_openat(TS_AT_FDCWD, victims[i], TS_O_WRONLY, 0);
		if (fd >= 0) {
			ts_vfs_ftruncate(fd, 5000);
			ts_vfs_close(fd);
		}
		ts_vfs_unlinkat(TS_AT_FDCWD, victims[i], 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		ts_vfs_mkdirat(TS_AT_FDCWD, "/m", 0755); /* ramfs is / (its init call) */
		ready = 1;
	}
	if (size < 2048 || size > (1u << 20))
		return 0;
	image = malloc(size);
	memcpy(image, data, size);
	disk.nsectors = size / TS_BLK_SECTOR;
	if (ts_vfs_mount("vda", "/m", "ext2", 0, NULL) == 0) {
		budget = 300;
		nvictims = 0;
		subdir[0] = '\0';
		visit("/m", 0);
		change();
		if (ts_vfs_umount("/m", 0)) {
			fprintf(stderr, "umount failed: a reference leaked\n");
			abort();
		}
	}
	free(image);
	image = NULL;
	return 0;
}
