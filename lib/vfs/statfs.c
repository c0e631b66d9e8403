/* statfs.c: which filesystem holds a file (its type, mount flags, device) — what statfs reports. */
#include <errno.h>
#include "vfs_private.h"

static void fill(const struct ts_mount *m, struct ts_vfs_fsinfo *out)
{
	out->fstype = m->type->name;
	out->flags = m->flags;
	out->dev = m->dev;
	out->maxsize = m->maxsize;
}

static int fsinfo_walked(struct vfs_path *p, void *arg)
{
	fill(p->vn->mount, arg);
	return 0;
}

int ts_vfs_fsinfo_at(int dirfd, const char *path, int flags, struct ts_vfs_fsinfo *out)
{
	if (flags & ~(TS_AT_SYMLINK_NOFOLLOW | TS_AT_EMPTY_PATH))
		return -EINVAL;
	if (!path || !out)
		return -EFAULT;
	/* dirfd itself, which may be a file outside any filesystem */
	if ((flags & TS_AT_EMPTY_PATH) && !path[0] && dirfd != TS_AT_FDCWD) {
		struct ts_file *f;
		int err = ts_vfs_file_get(dirfd, &f);

		if (err)
			return err;
		*out = (struct ts_vfs_fsinfo){ 0 };
		if (f->vn) {
			vfs_ns_lock(); /* the mount's flags change under it (remount) */
			fill(f->vn->mount, out);
			vfs_ns_unlock();
		}
		ts_file_put(f);
		return 0;
	}
	return vfs_at(dirfd, path,
		      ((flags & TS_AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW)
			      | ((flags & TS_AT_EMPTY_PATH) ? VFS_EMPTY_PATH : 0),
		      fsinfo_walked, out);
}
