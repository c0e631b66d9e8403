/* open.c: openat — finding or creating the file and giving it a descriptor. */
#include <errno.h>
#include "vfs_private.h"

/* Flags kept in the open file (F_GETFL); the others act only at open. */
#define FILE_FLAGS (TS_O_ACCMODE | TS_O_APPEND | TS_O_NONBLOCK | TS_O_DSYNC | TS_O_SYNC \
		    | TS_O_ASYNC | TS_O_DIRECT | TS_O_NOATIME | TS_O_LARGEFILE | TS_O_PATH)
/* What a TS_O_PATH open looks at. */
#define PATH_FLAGS (TS_O_PATH | TS_O_CLOEXEC | TS_O_DIRECTORY | TS_O_NOFOLLOW)

struct open_req {
	int flags;
	mode_t mode;
	struct ts_file *file; /* the result */
	int truncate;         /* O_TRUNC applies: truncate after the walk */
};

/* 1 when the open asks to change the file. */
static int wants_write(int flags)
{
	return (flags & TS_O_ACCMODE) != TS_O_RDONLY || (flags & TS_O_TRUNC);
}

/* Checks on an object that exists (or was just created). */
static int may_open(struct ts_vnode *vn, int flags)
{
	if (TS_S_ISLNK(vn->mode) && !(flags & TS_O_PATH))
		return -ELOOP; /* reached only with O_NOFOLLOW */
	if ((flags & TS_O_DIRECTORY) && !TS_S_ISDIR(vn->mode))
		return -ENOTDIR;
	if (flags & TS_O_PATH)
		return 0;
	if (TS_S_ISDIR(vn->mode) && wants_write(flags))
		return -EISDIR;
	if (wants_write(flags) && vfs_rdonly(vn) && (TS_S_ISREG(vn->mode) || TS_S_ISDIR(vn->mode)))
		return -EROFS;
	return 0;
}

/* O_CREAT: p is the parent walk; make the file unless it exists. */
static int create(struct vfs_path *p, struct open_req *r)
{
	int err;

	if (p->last_type != VFS_LAST_NORM || p->slash)
		return -EISDIR;
	if (p->vn) {
		if (r->flags & TS_O_EXCL)
			return -EEXIST;
		if (TS_S_ISDIR(p->vn->mode))
			return -EISDIR;
		return 0;
	}
	if (vfs_rdonly(p->dir))
		return -EROFS;
	if (!p->dir->ops->create)
		return -EPERM;
	err = p->dir->ops->create(p->dir, p->last, p->lastlen, r->mode & TS_S_IALLUGO, &p->vn);
	if (!err)
		r->flags &= ~TS_O_TRUNC; /* new and empty */
	return err;
}

static int open_walked(struct vfs_path *p, void *arg)
{
	struct open_req *r = arg;
	int err = 0;

	if (r->flags & TS_O_CREAT)
		err = create(p, r);
	if (!err)
		err = may_open(p->vn, r->flags);
	if (err)
		return err;
	r->file = vfs_vnode_file(p->vn, (unsigned int)r->flags & FILE_FLAGS);
	if (!r->file)
		return -ENOMEM;
	r->truncate = (r->flags & TS_O_TRUNC) && TS_S_ISREG(p->vn->mode) && !(r->flags & TS_O_PATH);
	return 0;
}

/* What happens after the walk, outside the namespace lock: O_TRUNC and
 * the filesystem's own open (device nodes). */
static int open_finish(struct ts_file *f, int truncate)
{
	struct ts_vnode *vn = f->vn;
	int err = 0;

	if (truncate) {
		if (!vn->ops->truncate)
			return -EINVAL;
		vfs_lock(&vn->lock);
		err = vn->ops->truncate(vn, 0);
		vfs_unlock(&vn->lock);
	}
	if (!err && vn->ops->open && !(f->flags & TS_O_PATH))
		err = vn->ops->open(vn, f);
	return err;
}

/* The walk flags for the open flags. */
static int walk_flags(int flags)
{
	if (flags & TS_O_CREAT)
		return VFS_PARENT | ((flags & (TS_O_EXCL | TS_O_NOFOLLOW)) ? 0 : VFS_FOLLOW);
	return (flags & TS_O_NOFOLLOW) ? 0 : VFS_FOLLOW;
}

int ts_vfs_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	struct open_req r = { .mode = mode };
	int fd, err;

	if ((flags & TS_O_TMPFILE) == TS_O_TMPFILE)
		return -EOPNOTSUPP;
	if (flags & TS_O_PATH)
		flags &= PATH_FLAGS;
	else if ((flags & TS_O_ACCMODE) == TS_O_ACCMODE)
		return -EINVAL;
	else
		flags |= TS_O_LARGEFILE; /* as 64-bit Linux: F_GETFL shows it */
	if ((flags & (TS_O_CREAT | TS_O_DIRECTORY)) == (TS_O_CREAT | TS_O_DIRECTORY))
		return -EINVAL; /* as Linux since 6.4 */
	r.flags = flags;
	/* the descriptor first, so a full table fails before anything changes */
	fd = vfs_fd_reserve(flags & TS_O_CLOEXEC);
	if (fd < 0)
		return fd;
	err = vfs_at(dirfd, path, walk_flags(flags), open_walked, &r);
	if (!err)
		err = open_finish(r.file, r.truncate);
	if (err) {
		if (r.file)
			ts_file_put(r.file);
		vfs_fd_unreserve(fd);
		return err;
	}
	vfs_fd_fill(fd, r.file);
	return fd;
}
