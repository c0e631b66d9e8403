/* vnode.c: vnode set-up and reference counting (under the namespace lock). */
#include <string.h>
#include "vfs_private.h"

void ts_vnode_init(struct ts_vnode *vn, const struct ts_vnode_ops *ops, struct ts_mount *mnt,
		   uint64_t ino, mode_t mode)
{
	memset(vn, 0, sizeof(*vn));
	vn->ops = ops;
	vn->mount = mnt;
	vn->ino = ino;
	vn->mode = mode;
	ts_mutex_init(&vn->lock, 0);
}

void ts_vnode_ref(struct ts_vnode *vn)
{
	/* the mount counts its vnodes in use, so umount can tell it is busy */
	if (vn->refs++ == 0)
		vn->mount->active++;
}

void vfs_vnode_put(struct ts_vnode *vn)
{
	TS_ASSERT(vn->refs > 0);
	if (--vn->refs)
		return;
	vn->mount->active--;
	if (vn->ops->inactive)
		vn->ops->inactive(vn);
}
