/* rename.c: renameat2 — the checks Linux makes, then the filesystem's atomic move. */
#include <errno.h>
#include "vfs_private.h"

/*
 * Deeper than any tree a program makes: a walk up that has not reached the
 * mount's root by then goes round a cycle of ".." entries, which only a
 * damaged disk holds (ext2), and is taken as "inside" (the rename is
 * refused) rather than walked forever.
 */
#define VFS_MAX_DEPTH 65536

/* 1 when a is d or one of its ancestors within d's mount. */
static int is_ancestor(struct ts_vnode *a, struct ts_vnode *d)
{
	struct ts_vnode *vn = d, *up;
	int found = 0;

	ts_vnode_ref(vn);
	for (unsigned long steps = 0;; steps++) {
		if (vn == a || steps == VFS_MAX_DEPTH) {
			found = 1;
			break;
		}
		if (vn == vn->mount->root || vn->ops->lookup(vn, "..", 2, &up))
			break;
		vfs_vnode_put(vn);
		vn = up;
	}
	vfs_vnode_put(vn);
	return found;
}

/* Type rules for replacing target by vn (no exchange). */
static int may_replace(struct ts_vnode *vn, struct ts_vnode *target)
{
	if (TS_S_ISDIR(vn->mode) && !TS_S_ISDIR(target->mode))
		return -ENOTDIR;
	if (!TS_S_ISDIR(vn->mode) && TS_S_ISDIR(target->mode))
		return -EISDIR;
	return 0;
}

/* Everything about the two names, in the order Linux checks it. */
static int check(struct vfs_path *op, struct vfs_path *np, unsigned int flags)
{
	struct ts_vnode *vn = op->vn, *target = np->vn;
	int exchange = flags & TS_RENAME_EXCHANGE;

	if (op->dir->mount != np->dir->mount)
		return -EXDEV;
	if (op->last_type != VFS_LAST_NORM)
		return -EBUSY;
	if (np->last_type != VFS_LAST_NORM)
		return (flags & TS_RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	if (vfs_rdonly(op->dir))
		return -EROFS;
	if (!vn)
		return -ENOENT;
	if ((flags & TS_RENAME_NOREPLACE) && target)
		return -EEXIST;
	if (exchange) {
		if (!target)
			return -ENOENT;
		if (!TS_S_ISDIR(target->mode) && np->slash)
			return -ENOTDIR;
	}
	if (!TS_S_ISDIR(vn->mode) && (op->slash || (!exchange && np->slash)))
		return -ENOTDIR;
	if (TS_S_ISDIR(vn->mode) && is_ancestor(vn, np->dir))
		return -EINVAL; /* into itself */
	if (exchange && TS_S_ISDIR(target->mode) && is_ancestor(target, op->dir))
		return -EINVAL;
	if (vn == target)
		return 1; /* two names of one file: nothing to do */
	if (vn->covered_by || (target && target->covered_by))
		return -EBUSY;
	if (target && !exchange)
		return may_replace(vn, target);
	return 0;
}

static int rename_walked(struct vfs_path *op, struct vfs_path *np, unsigned int flags)
{
	int err = check(op, np, flags);

	if (err)
		return err < 0 ? err : 0;
	if (!op->dir->ops->rename)
		return -EPERM;
	/* both objects' links and change times change; check() made them distinct */
	vfs_lock(&op->vn->lock);
	if (np->vn)
		vfs_lock(&np->vn->lock);
	err = op->dir->ops->rename(op->dir, op->last, op->lastlen, op->vn, np->dir, np->last,
				   np->lastlen, np->vn, flags & TS_RENAME_EXCHANGE);
	if (np->vn)
		vfs_unlock(&np->vn->lock);
	vfs_unlock(&op->vn->lock);
	return err;
}

static int rename_at(struct vfs_path *op, struct vfs_path *np, void *arg)
{
	return rename_walked(op, np, *(unsigned int *)arg);
}

int ts_vfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
		     unsigned int flags)
{
	if (flags & ~(unsigned int)(TS_RENAME_NOREPLACE | TS_RENAME_EXCHANGE | TS_RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & TS_RENAME_NOREPLACE) && (flags & TS_RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & TS_RENAME_WHITEOUT)
		return -EINVAL; /* no union filesystems here */
	return vfs_at2(olddirfd, oldpath, VFS_PARENT, newdirfd, newpath, VFS_PARENT, rename_at,
		       &flags);
}
