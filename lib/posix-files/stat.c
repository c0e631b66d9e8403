/* stat.c: stat, lstat, fstat, newfstatat and statx onto lib/vfs (struct stat is already Linux's). */
#include <string.h>
#include "posix_files.h"

/* statx flags beyond the *at() ones, and its mask bits (Linux's). */
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC  0x4000
#define AT_STATX_SYNC_TYPE  0x6000
#define STATX_BASIC_STATS   0x07ffu /* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define STATX_MNT_ID        0x1000u
#define STATX__RESERVED     0x80000000u

/* Linux's struct statx (256 bytes). */
struct k_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved_;
};

struct k_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0_;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct k_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align;
	uint32_t stx_dio_offset_align;
	uint64_t spare3_[12];
};
_Static_assert(sizeof(struct k_statx) == 256, "struct statx is 256 bytes");
_Static_assert(sizeof(struct ts_stat) == 144, "struct stat is 144 bytes");

static long do_fstatat(int dirfd, const char *path, struct ts_stat *st, int flags)
{
	int err = pf_path_ok(path);

	if (err)
		return err;
	if (!ts_user_ok(st, sizeof(*st), 1))
		return -EFAULT;
	return ts_vfs_fstatat(dirfd, path, st, flags);
}

TS_SYSCALL_DEFINE2(stat, "sp:d", const char *, path, struct ts_stat *, st)
{
	return do_fstatat(TS_AT_FDCWD, path, st, 0);
}

TS_SYSCALL_DEFINE2(lstat, "sp:d", const char *, path, struct ts_stat *, st)
{
	return do_fstatat(TS_AT_FDCWD, path, st, TS_AT_SYMLINK_NOFOLLOW);
}

TS_SYSCALL_DEFINE4(newfstatat, "fspx:d", int, dirfd, const char *, path, struct ts_stat *, st,
		   int, flags)
{
	return do_fstatat(dirfd, path, st, flags);
}

TS_SYSCALL_DEFINE2(fstat, "fp:d", int, fd, struct ts_stat *, st)
{
	if (!ts_user_ok(st, sizeof(*st), 1))
		return -EFAULT;
	return ts_vfs_fstat(fd, st);
}

/* A device number as glibc's and musl's major() and minor() read it
 * (the kernel's 32-bit encoding is a subset). */
static uint32_t dev_major(uint64_t dev)
{
	return (uint32_t)(((dev >> 32) & 0xfffff000u) | ((dev >> 8) & 0xfffu));
}

static uint32_t dev_minor(uint64_t dev)
{
	return (uint32_t)(((dev >> 12) & 0xffffff00u) | (dev & 0xffu));
}

static struct k_statx_timestamp stx_time(struct ts_timespec t)
{
	return (struct k_statx_timestamp){ .tv_sec = t.tv_sec, .tv_nsec = (uint32_t)t.tv_nsec };
}

/*
 * statx from the struct stat lib/vfs fills: the basic statistics and the
 * mount id (the mount's device number); no birth time, no attributes. As
 * Linux, the mask asked for does not limit what is filled; the sync
 * flags are accepted (every file here is as current as it gets).
 */
TS_SYSCALL_DEFINE5(statx, "fsxxp:d", int, dirfd, const char *, path, int, flags,
		   unsigned int, mask, struct k_statx *, buf)
{
	struct ts_stat st;
	int err;

	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH | TS_AT_NO_AUTOMOUNT
		      | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = pf_path_ok(path);
	if (err)
		return err;
	if (!ts_user_ok(buf, sizeof(*buf), 1))
		return -EFAULT;
	err = ts_vfs_fstatat(dirfd, path, &st, flags & ~AT_STATX_SYNC_TYPE);
	if (err)
		return err;
	memset(buf, 0, sizeof(*buf));
	buf->stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	buf->stx_blksize = (uint32_t)st.st_blksize;
	buf->stx_nlink = (uint32_t)st.st_nlink;
	buf->stx_uid = st.st_uid;
	buf->stx_gid = st.st_gid;
	buf->stx_mode = (uint16_t)st.st_mode;
	buf->stx_ino = st.st_ino;
	buf->stx_size = (uint64_t)st.st_size;
	buf->stx_blocks = (uint64_t)st.st_blocks;
	buf->stx_atime = stx_time(st.st_atim);
	buf->stx_mtime = stx_time(st.st_mtim);
	buf->stx_ctime = stx_time(st.st_ctim);
	buf->stx_rdev_major = dev_major(st.st_rdev);
	buf->stx_rdev_minor = dev_minor(st.st_rdev);
	buf->stx_dev_major = dev_major(st.st_dev);
	buf->stx_dev_minor = dev_minor(st.st_dev);
	buf->stx_mnt_id = st.st_dev;
	return 0;
}
