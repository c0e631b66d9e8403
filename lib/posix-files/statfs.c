/* statfs.c: statfs and fstatfs — Linux's struct statfs filled per filesystem type from what lib/vfs knows. */
#include <string.h>
#include <ts/alloc.h>
#include "posix_files.h"

/* Linux's struct statfs on x86_64 (120 bytes). */
struct k_statfs {
	long f_type;
	long f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};
_Static_assert(sizeof(struct k_statfs) == 120, "struct statfs is 120 bytes");

/* f_flags: ST_VALID says f_flags is filled at all. */
#define ST_RDONLY 0x0001
#define ST_VALID  0x0020

/* Linux's magic numbers (f_type). */
#define RAMFS_MAGIC    0x858458f6l
#define TMPFS_MAGIC    0x01021994l
#define EXT2_MAGIC     0xef53l
#define V9FS_MAGIC     0x01021997l
#define DEVPTS_MAGIC   0x1cd1l
#define PIPEFS_MAGIC   0x50495045l
#define ANON_INODE_MAGIC 0x09041934l
#define PROC_SUPER_MAGIC 0x9fa0l

#define BSIZE 4096

struct fs_kind {
	const char *name;
	long magic;
};

/* Our filesystem types as the Linux filesystems they stand for. devfs
 * reports what Linux's /dev (devtmpfs) does. */
static const struct fs_kind kinds[] = {
	{ "ramfs", RAMFS_MAGIC },
	{ "devfs", TMPFS_MAGIC },
	{ "ext2", EXT2_MAGIC },
	{ "9p", V9FS_MAGIC },
	{ "proc", PROC_SUPER_MAGIC },
};

/*
 * Fill *sf. Sizes: a ramfs lives in the heap, so it reports the heap's
 * pages (total and free) as its blocks; the others report no block or
 * inode counts (0: unknown — lib/vfs has no operation to ask ext2 or the
 * 9P server for them). A file outside any filesystem is reported as
 * Linux does for its kind: a terminal as devpts, a pipe as pipefs, the
 * rest as the anonymous-inode filesystem.
 */
static void fill(const struct ts_vfs_fsinfo *fi, mode_t mode, struct k_statfs *sf)
{
	memset(sf, 0, sizeof(*sf));
	sf->f_bsize = sf->f_frsize = BSIZE;
	sf->f_namelen = TS_VFS_NAME_MAX;
	sf->f_fsid[0] = (int32_t)fi->dev;
	sf->f_fsid[1] = (int32_t)(fi->dev >> 32);
	sf->f_flags = ST_VALID | ((fi->flags & TS_MS_RDONLY) ? ST_RDONLY : 0);
	if (!fi->fstype) {
		if ((mode & TS_S_IFMT) == TS_S_IFCHR)
			sf->f_type = DEVPTS_MAGIC;
		else if ((mode & TS_S_IFMT) == TS_S_IFIFO)
			sf->f_type = PIPEFS_MAGIC;
		else
			sf->f_type = ANON_INODE_MAGIC;
		return;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, fi->fstype))
			sf->f_type = kinds[i].magic;
	if (!strcmp(fi->fstype, "ramfs")) {
		struct ts_alloc *a = ts_alloc_default();
		struct ts_alloc_stats st = { 0 };

		if (a)
			ts_alloc_stats_get(a, &st);
		sf->f_blocks = st.total_bytes / BSIZE;
		sf->f_bfree = sf->f_bavail = st.free_bytes / BSIZE;
	}
}

static long do_statfs(int dirfd, const char *path, int flags, struct k_statfs *buf)
{
	struct ts_vfs_fsinfo fi;
	struct ts_stat st = { 0 };
	int err;

	if (!ts_user_ok(buf, sizeof(*buf), 1))
		return -EFAULT;
	err = ts_vfs_fsinfo_at(dirfd, path, flags, &fi);
	if (!err && !fi.fstype)
		err = ts_vfs_fstat(dirfd, &st);
	if (err)
		return err;
	fill(&fi, st.st_mode, buf);
	return 0;
}

TS_SYSCALL_DEFINE2(statfs, "sp:d", const char *, path, struct k_statfs *, buf)
{
	int err = pf_path_ok(path);

	return err ? err : do_statfs(TS_AT_FDCWD, path, 0, buf);
}

TS_SYSCALL_DEFINE2(fstatfs, "fp:d", int, fd, struct k_statfs *, buf)
{
	if (fd < 0)
		return -EBADF; /* not AT_FDCWD's working directory */
	return do_statfs(fd, "", TS_AT_EMPTY_PATH, buf);
}
