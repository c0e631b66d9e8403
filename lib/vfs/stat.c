/* stat.c: metadata — fstat, fstatat, faccessat, utimensat, fchmodat, readlinkat. */
#include <errno.h>
#include "vfs_private.h"

int ts_vfs_fstat(int fd, struct ts_stat *st)
{
	struct ts_file *f;
	int err;

	if (!st)
		return -EFAULT;
	err = ts_vfs_file_get(fd, &f);
	if (err)
		return err;
	err = f->ops->stat ? f->ops->stat(f, st) : -EINVAL;
	ts_file_put(f);
	return err;
}

/* Walk flags of the *at() calls that take TS_AT_SYMLINK_NOFOLLOW and
 * TS_AT_EMPTY_PATH. */
static int at_flags(int flags)
{
	return ((flags & TS_AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW)
	       | ((flags & TS_AT_EMPTY_PATH) ? VFS_EMPTY_PATH : 0);
}

static int stat_walked(struct vfs_path *p, void *arg)
{
	return vfs_vnode_stat(p->vn, arg);
}

int ts_vfs_fstatat(int dirfd, const char *path, struct ts_stat *st, int flags)
{
	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH | TS_AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (!st)
		return -EFAULT;
	/* dirfd itself, which may be a file outside any filesystem */
	if ((flags & TS_AT_EMPTY_PATH) && path && !path[0] && dirfd != TS_AT_FDCWD)
		return ts_vfs_fstat(dirfd, st);
	return vfs_at(dirfd, path, at_flags(flags), stat_walked, st);
}

/* Everything runs as root: reading and writing are always allowed,
 * executing needs an execute bit (directories: searching is allowed). */
static int access_walked(struct vfs_path *p, void *arg)
{
	int mode = *(int *)arg;
	struct ts_vnode *vn = p->vn;

	if ((mode & TS_W_OK) && vfs_rdonly(vn)
	    && (TS_S_ISREG(vn->mode) || TS_S_ISDIR(vn->mode) || TS_S_ISLNK(vn->mode)))
		return -EROFS;
	if ((mode & TS_X_OK) && !TS_S_ISDIR(vn->mode) && !(vn->mode & 0111))
		return -EACCES;
	return 0;
}

int ts_vfs_faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (mode & ~(TS_R_OK | TS_W_OK | TS_X_OK))
		return -EINVAL;
	if (flags & ~(TS_AT_EACCESS | TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	return vfs_at(dirfd, path, at_flags(flags), access_walked, &mode);
}

/* Apply va to the object p names, under the vnode lock too (times are
 * data the writer changes). */
static int setattr_walked(struct vfs_path *p, void *arg)
{
	const struct ts_vattr *va = arg;
	struct ts_vnode *vn = p->vn;
	int err;

	if (TS_S_ISLNK(vn->mode) && (va->mask & TS_VATTR_MODE))
		return -EOPNOTSUPP;
	if (vfs_rdonly(vn))
		return -EROFS;
	if (!va->mask)
		return 0;
	if (!vn->ops->setattr)
		return -EPERM;
	vfs_lock(&vn->lock);
	err = vn->ops->setattr(vn, va);
	vfs_unlock(&vn->lock);
	return err;
}

/* One time of utimensat into va: 0, or -EINVAL for a bad tv_nsec. */
static int time_arg(const struct ts_timespec *t, unsigned int bit, struct ts_timespec *out,
		    struct ts_vattr *va)
{
	if (t && t->tv_nsec == TS_UTIME_OMIT)
		return 0;
	if (!t || t->tv_nsec == TS_UTIME_NOW)
		ts_vfs_now(out);
	else if (t->tv_nsec < 0 || t->tv_nsec >= 1000000000)
		return -EINVAL;
	else
		*out = *t;
	va->mask |= bit;
	return 0;
}

int ts_vfs_utimensat(int dirfd, const char *path, const struct ts_timespec times[2], int flags)
{
	struct ts_vattr va = { 0 };
	int err;

	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	err = time_arg(times ? &times[0] : NULL, TS_VATTR_ATIME, &va.atime, &va);
	if (!err)
		err = time_arg(times ? &times[1] : NULL, TS_VATTR_MTIME, &va.mtime, &va);
	if (err)
		return err;
	if (!path) {
		/* futimens: dirfd itself */
		if (flags || dirfd == TS_AT_FDCWD)
			return dirfd == TS_AT_FDCWD ? -EFAULT : -EINVAL;
		path = "";
		flags = TS_AT_EMPTY_PATH;
	}
	return vfs_at(dirfd, path, at_flags(flags), setattr_walked, &va);
}

int ts_vfs_fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	struct ts_vattr va = { .mask = TS_VATTR_MODE, .mode = mode & TS_S_IALLUGO };

	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	return vfs_at(dirfd, path, at_flags(flags), setattr_walked, &va);
}

struct readlink_req {
	char *buf;
	size_t size;
};

static int readlink_walked(struct vfs_path *p, void *arg)
{
	struct readlink_req *r = arg;
	ssize_t n;

	if (!TS_S_ISLNK(p->vn->mode) || !p->vn->ops->readlink)
		return -EINVAL;
	n = p->vn->ops->readlink(p->vn, r->buf, r->size);
	if (n < 0)
		return (int)n;
	return (int)((size_t)n < r->size ? (size_t)n : r->size);
}

ssize_t ts_vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	struct readlink_req r = { buf, size };

	if (!size || size > (size_t)INT32_MAX)
		return -EINVAL;
	if (!buf)
		return -EFAULT;
	return vfs_at(dirfd, path, VFS_EMPTY_PATH, readlink_walked, &r);
}
