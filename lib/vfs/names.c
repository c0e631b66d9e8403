/* names.c: making and removing names — mkdirat, symlinkat, linkat, unlinkat. */
#include <errno.h>
#include <string.h>
#include "vfs_private.h"

/* Checks shared by the calls that add a name (p from a VFS_PARENT walk),
 * in Linux's order: an existing name, a trailing slash, a read-only mount. */
static int may_add(struct vfs_path *p, int dir_ok_slash)
{
	if (p->last_type != VFS_LAST_NORM || p->vn)
		return -EEXIST;
	if (p->slash && !dir_ok_slash)
		return -ENOENT;
	if (vfs_rdonly(p->dir))
		return -EROFS;
	return 0;
}

static int mkdir_walked(struct vfs_path *p, void *arg)
{
	int err = may_add(p, 1);

	if (err)
		return err;
	if (!p->dir->ops->mkdir)
		return -EPERM;
	return p->dir->ops->mkdir(p->dir, p->last, p->lastlen, *(mode_t *)arg & TS_S_IALLUGO);
}

int ts_vfs_mkdirat(int dirfd, const char *path, mode_t mode)
{
	return vfs_at(dirfd, path, VFS_PARENT, mkdir_walked, &mode);
}

static int symlink_walked(struct vfs_path *p, void *arg)
{
	int err = may_add(p, 0);

	if (err)
		return err;
	if (!p->dir->ops->symlink)
		return -EPERM;
	return p->dir->ops->symlink(p->dir, p->last, p->lastlen, arg);
}

int ts_vfs_symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	if (!target)
		return -EFAULT;
	if (!target[0])
		return -ENOENT;
	if (strnlen(target, TS_VFS_PATH_MAX) >= TS_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return vfs_at(newdirfd, linkpath, VFS_PARENT, symlink_walked, (void *)target);
}

/* linkat once both walks are done: old names the file, p the new name. */
static int link_walked(struct ts_vnode *old, struct vfs_path *p)
{
	int err = may_add(p, 0);

	if (err)
		return err;
	if (TS_S_ISDIR(old->mode))
		return -EPERM;
	if (old->mount != p->dir->mount)
		return -EXDEV;
	if (!p->dir->ops->link)
		return -EPERM;
	vfs_lock(&old->lock);
	err = p->dir->ops->link(p->dir, p->last, p->lastlen, old);
	vfs_unlock(&old->lock);
	return err;
}

static int link_at(struct vfs_path *op, struct vfs_path *np, void *arg)
{
	(void)arg;
	return link_walked(op->vn, np);
}

int ts_vfs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	int oflags = ((flags & TS_AT_SYMLINK_FOLLOW) ? VFS_FOLLOW : 0)
		     | ((flags & TS_AT_EMPTY_PATH) ? VFS_EMPTY_PATH : 0);

	if (flags & ~(TS_AT_SYMLINK_FOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	return vfs_at2(olddirfd, oldpath, oflags, newdirfd, newpath, VFS_PARENT, link_at, NULL);
}

/* Run the filesystem's unlink or rmdir with the victim's lock held (its
 * link count and change time change). */
static int locked_remove(struct vfs_path *p, int (*op)(struct ts_vnode *dir, const char *name,
						       size_t len, struct ts_vnode *vn))
{
	int err;

	vfs_lock(&p->vn->lock);
	err = op(p->dir, p->last, p->lastlen, p->vn);
	vfs_unlock(&p->vn->lock);
	return err;
}

static int rmdir_walked(struct vfs_path *p)
{
	switch (p->last_type) {
	case VFS_LAST_DOT:
		return -EINVAL;
	case VFS_LAST_DOTDOT:
		return -ENOTEMPTY;
	case VFS_LAST_ROOT:
		return -EBUSY;
	}
	if (vfs_rdonly(p->dir))
		return -EROFS;
	if (!p->vn)
		return -ENOENT;
	if (!TS_S_ISDIR(p->vn->mode))
		return -ENOTDIR;
	if (p->vn->covered_by)
		return -EBUSY;
	if (!p->dir->ops->rmdir)
		return -EPERM;
	return locked_remove(p, p->dir->ops->rmdir);
}

static int unlink_walked(struct vfs_path *p)
{
	if (p->last_type != VFS_LAST_NORM)
		return -EISDIR;
	if (vfs_rdonly(p->dir))
		return -EROFS;
	if (!p->vn)
		return -ENOENT;
	if (TS_S_ISDIR(p->vn->mode))
		return -EISDIR;
	if (p->slash)
		return -ENOTDIR;
	if (!p->dir->ops->unlink)
		return -EPERM;
	return locked_remove(p, p->dir->ops->unlink);
}

static int remove_walked(struct vfs_path *p, void *arg)
{
	return *(int *)arg ? rmdir_walked(p) : unlink_walked(p);
}

int ts_vfs_unlinkat(int dirfd, const char *path, int flags)
{
	int rmdir = (flags & TS_AT_REMOVEDIR) != 0;

	if (flags & ~TS_AT_REMOVEDIR)
		return -EINVAL;
	return vfs_at(dirfd, path, VFS_PARENT, remove_walked, &rmdir);
}
