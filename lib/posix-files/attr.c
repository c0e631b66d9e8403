/* attr.c: access checks, times, permission bits and owners — access, faccessat*, utimensat and the older time calls, chmod, chown. */
#include "posix_files.h"

/* ---- access ---- */

static long do_faccessat(int dirfd, const char *path, int mode, int flags)
{
	int err = pf_path_ok(path);

	return err ? err : ts_vfs_faccessat(dirfd, path, mode, flags);
}

TS_SYSCALL_DEFINE2(access, "so:d", const char *, path, int, mode)
{
	return do_faccessat(TS_AT_FDCWD, path, mode, 0);
}

/* The original faccessat has no flags argument. */
TS_SYSCALL_DEFINE3(faccessat, "fso:d", int, dirfd, const char *, path, int, mode)
{
	return do_faccessat(dirfd, path, mode, 0);
}

TS_SYSCALL_DEFINE4(faccessat2, "fsox:d", int, dirfd, const char *, path, int, mode, int, flags)
{
	return do_faccessat(dirfd, path, mode, flags);
}

/* ---- times ---- */

/* path may be NULL (futimens: dirfd itself); times NULL means now. */
static long do_utimensat(int dirfd, const char *path, const struct ts_timespec *times, int flags)
{
	struct ts_timespec t[2];

	if (path) {
		int err = pf_path_ok(path);

		if (err)
			return err;
	}
	if (times) {
		if (!ts_user_ok(times, sizeof(t), 0))
			return -EFAULT;
		t[0] = times[0];
		t[1] = times[1];
	}
	return ts_vfs_utimensat(dirfd, path, times ? t : NULL, flags);
}

TS_SYSCALL_DEFINE4(utimensat, "fspx:d", int, dirfd, const char *, path,
		   const struct ts_timespec *, times, int, flags)
{
	return do_utimensat(dirfd, path, times, flags);
}

/* Linux's struct utimbuf and struct timeval. */
struct k_utimbuf {
	int64_t actime, modtime;
};

struct k_timeval {
	int64_t tv_sec, tv_usec;
};

TS_SYSCALL_DEFINE2(utime, "sp:d", const char *, path, const struct k_utimbuf *, times)
{
	struct ts_timespec t[2];

	if (!times)
		return do_utimensat(TS_AT_FDCWD, path, NULL, 0);
	if (!ts_user_ok(times, sizeof(*times), 0))
		return -EFAULT;
	t[0] = (struct ts_timespec){ times->actime, 0 };
	t[1] = (struct ts_timespec){ times->modtime, 0 };
	return do_utimensat(TS_AT_FDCWD, path, t, 0);
}

/* utimes and futimesat: microseconds outside 0..999999 are -EINVAL. */
static long do_futimesat(int dirfd, const char *path, const struct k_timeval *tv)
{
	struct ts_timespec t[2];

	if (!tv)
		return do_utimensat(dirfd, path, NULL, 0);
	if (!ts_user_ok(tv, 2 * sizeof(*tv), 0))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct ts_timespec){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
	}
	return do_utimensat(dirfd, path, t, 0);
}

TS_SYSCALL_DEFINE2(utimes, "sp:d", const char *, path, const struct k_timeval *, tv)
{
	if (!path)
		return -EFAULT; /* utimes never means a descriptor */
	return do_futimesat(TS_AT_FDCWD, path, tv);
}

TS_SYSCALL_DEFINE3(futimesat, "fsp:d", int, dirfd, const char *, path, const struct k_timeval *, tv)
{
	if (!path)
		return -EFAULT;
	return do_futimesat(dirfd, path, tv);
}

/* ---- permission bits ---- */

static long do_fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	int err = pf_path_ok(path);

	return err ? err : ts_vfs_fchmodat(dirfd, path, mode, flags);
}

TS_SYSCALL_DEFINE2(chmod, "so:d", const char *, path, mode_t, mode)
{
	return do_fchmodat(TS_AT_FDCWD, path, mode, 0);
}

/* The original fchmodat has no flags argument. */
TS_SYSCALL_DEFINE3(fchmodat, "fso:d", int, dirfd, const char *, path, mode_t, mode)
{
	return do_fchmodat(dirfd, path, mode, 0);
}

/*
 * fchmod on a file outside any filesystem (the console, a pipe) is
 * accepted and changes nothing (there is no inode to keep the bits);
 * on an O_PATH descriptor it is -EBADF, as on Linux.
 */
TS_SYSCALL_DEFINE2(fchmod, "fo:d", int, fd, mode_t, mode)
{
	struct ts_vfs_fsinfo fi;
	int flags = pf_fd_flags(fd), err;

	if (flags < 0)
		return flags;
	if (flags & TS_O_PATH)
		return -EBADF;
	err = ts_vfs_fsinfo_at(fd, "", TS_AT_EMPTY_PATH, &fi);
	if (err)
		return err;
	if (!fi.fstype)
		return 0;
	return ts_vfs_fchmodat(fd, "", mode, TS_AT_EMPTY_PATH);
}

/* ---- owners ---- */

/*
 * Everything belongs to root (uid 0, gid 0) and stays so: changing the
 * owner to root, or leaving it (-1), succeeds once the file is found and
 * its filesystem writable; any other owner is -EPERM (a user with no
 * other ids cannot give files away). Checked in Linux's order: the path
 * (-ENOENT, ...), the read-only mount (-EROFS), the ids (-EPERM).
 */
static long chown_check(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	struct ts_vfs_fsinfo fi;
	struct ts_stat st;
	int err;

	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	err = ts_vfs_fstatat(dirfd, path, &st, flags);
	if (!err)
		err = ts_vfs_fsinfo_at(dirfd, path, flags, &fi);
	if (err)
		return err;
	if (fi.flags & TS_MS_RDONLY)
		return -EROFS;
	if ((uid != 0 && uid != (uint32_t)-1) || (gid != 0 && gid != (uint32_t)-1))
		return -EPERM;
	return 0;
}

static long do_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	int err = pf_path_ok(path);

	return err ? err : chown_check(dirfd, path, uid, gid, flags);
}

TS_SYSCALL_DEFINE3(chown, "sdd:d", const char *, path, uint32_t, uid, uint32_t, gid)
{
	return do_fchownat(TS_AT_FDCWD, path, uid, gid, 0);
}

TS_SYSCALL_DEFINE3(lchown, "sdd:d", const char *, path, uint32_t, uid, uint32_t, gid)
{
	return do_fchownat(TS_AT_FDCWD, path, uid, gid, TS_AT_SYMLINK_NOFOLLOW);
}

TS_SYSCALL_DEFINE5(fchownat, "fsddx:d", int, dirfd, const char *, path, uint32_t, uid, uint32_t,
		   gid, int, flags)
{
	return do_fchownat(dirfd, path, uid, gid, flags);
}

TS_SYSCALL_DEFINE3(fchown, "fdd:d", int, fd, uint32_t, uid, uint32_t, gid)
{
	int flags = pf_fd_flags(fd);

	if (flags < 0)
		return flags;
	if (flags & TS_O_PATH)
		return -EBADF;
	return chown_check(fd, "", uid, gid, TS_AT_EMPTY_PATH);
}
