/* mount.c: the namespace — its lock, the root, mounting and unmounting. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_private.h"

struct ts_mutex vfs_ns = TS_MUTEX_INIT;

static struct ts_mount *root_mount; /* the mount that covers nothing */
static uint64_t next_dev = 1;

/* Flags ts_vfs_mount accepts; those beyond TS_MS_RDONLY and TS_MS_REMOUNT
 * are ignored (they matter to privileged, multi-user systems). */
#define MOUNT_FLAGS (TS_MS_RDONLY | TS_MS_REMOUNT | TS_MS_NOSUID | TS_MS_NODEV | TS_MS_NOEXEC \
		     | TS_MS_NOATIME | TS_MS_NODIRATIME | TS_MS_RELATIME | TS_MS_SILENT)

struct ts_vnode *vfs_root(void)
{
	struct ts_vnode *vn;

	if (!root_mount)
		return NULL;
	for (vn = root_mount->root; vn->covered_by; vn = vn->covered_by->root)
		;
	return vn;
}

void vfs_enter_mounts(struct ts_vnode **vn)
{
	while ((*vn)->covered_by) {
		struct ts_vnode *top = (*vn)->covered_by->root;

		ts_vnode_ref(top);
		vfs_vnode_put(*vn);
		*vn = top;
	}
}

int vfs_dotdot(struct ts_vnode *dir, struct ts_vnode **out)
{
	struct ts_vnode *root = vfs_root(), *vn = dir;
	int err;

	/* leave every mount whose root we are at; ".." of "/" is "/" */
	while (vn != root && vn == vn->mount->root) {
		if (!vn->mount->covered)
			break;
		vn = vn->mount->covered;
	}
	if (vn == root || vn == vn->mount->root) {
		ts_vnode_ref(root);
		*out = root;
		return 0;
	}
	if (!vn->ops->lookup)
		return -ENOTDIR;
	err = vn->ops->lookup(vn, "..", 2, out);
	if (!err)
		vfs_enter_mounts(out);
	return err;
}

/* The directory target names (walked from the working directory), which
 * must be a directory: a reference in *out. */
static int mount_target(const char *target, int flags, struct ts_vnode **out)
{
	struct vfs_path p;
	int err = vfs_resolve(NULL, target, flags, &p);

	if (err)
		return err;
	if (!TS_S_ISDIR(p.vn->mode)) {
		vfs_path_put(&p);
		return -ENOTDIR;
	}
	*out = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	return 0;
}

/* Change the read-only flag of the mount whose root target names. */
static int remount(const char *target, unsigned long flags)
{
	struct ts_vnode *vn;
	int err = mount_target(target, VFS_FOLLOW, &vn);

	if (err)
		return err;
	if (vn != vn->mount->root)
		err = -EINVAL;
	else
		vn->mount->flags = (vn->mount->flags & ~TS_MS_RDONLY) | (flags & TS_MS_RDONLY);
	vfs_vnode_put(vn);
	return err;
}

/* Mount a new instance of type on target (namespace lock held). */
static int mount_new(const struct ts_fs_type *type, const char *source, const char *target,
		     unsigned long flags, const void *data)
{
	struct ts_vnode *covered = NULL;
	struct ts_mount *mnt;
	int err;

	if (!root_mount) {
		if (strcmp(target, "/"))
			return -ENOENT; /* nothing else exists yet */
	} else {
		err = mount_target(target, VFS_FOLLOW, &covered);
		if (err)
			return err;
	}
	mnt = calloc(1, sizeof(*mnt));
	if (!mnt) {
		err = -ENOMEM;
		goto put_covered;
	}
	mnt->type = type;
	mnt->flags = flags & TS_MS_RDONLY;
	mnt->dev = next_dev;
	err = type->mount(mnt, source, flags, data);
	if (err)
		goto free_mnt;
	TS_ASSERT(mnt->root && mnt->root->mount == mnt && TS_S_ISDIR(mnt->root->mode));
	next_dev++;
	mnt->covered = covered;
	if (covered)
		covered->covered_by = mnt;
	else
		root_mount = mnt;
	return 0;

free_mnt:
	free(mnt);
put_covered:
	if (covered)
		vfs_vnode_put(covered);
	return err;
}

int ts_vfs_mount(const char *source, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	const struct ts_fs_type *type;
	int err;

	if (!target)
		return -EFAULT;
	if (flags & ~(unsigned long)MOUNT_FLAGS)
		return -EINVAL;
	vfs_ns_lock();
	if (flags & TS_MS_REMOUNT) {
		err = remount(target, flags);
	} else {
		type = fstype ? vfs_fs_find(fstype) : NULL;
		err = type ? mount_new(type, source, target, flags, data) : -ENODEV;
	}
	vfs_ns_unlock();
	return err;
}

/* Unmount mnt, whose root is held only by the mount and by the caller. */
static void unmount(struct ts_mount *mnt)
{
	mnt->covered->covered_by = NULL;
	vfs_vnode_put(mnt->root); /* the caller's */
	vfs_vnode_put(mnt->root); /* the mount's */
	TS_ASSERT(mnt->active == 0);
	mnt->type->unmount(mnt);
	vfs_vnode_put(mnt->covered);
	free(mnt);
}

int ts_vfs_umount(const char *target, int flags)
{
	struct vfs_path p;
	struct ts_vnode *vn;
	struct ts_mount *mnt;
	int err;

	if (!target)
		return -EFAULT;
	if (flags & ~(TS_MNT_FORCE | TS_UMOUNT_NOFOLLOW))
		return -EINVAL;
	vfs_ns_lock();
	err = vfs_resolve(NULL, target, (flags & TS_UMOUNT_NOFOLLOW) ? 0 : VFS_FOLLOW, &p);
	if (err)
		goto unlock;
	vn = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	mnt = vn->mount;
	if (vn != mnt->root)
		err = -EINVAL;
	else if (!mnt->covered)
		err = -EBUSY; /* the root stays */
	else if (mnt->active > 1 || vn->refs > 2)
		err = -EBUSY; /* open files, a working directory or a mount inside */
	if (err)
		vfs_vnode_put(vn);
	else
		unmount(mnt);
unlock:
	vfs_ns_unlock();
	return err;
}
