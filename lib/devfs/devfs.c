/* devfs.c: the "devfs" filesystem type — one directory holding the registered device nodes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "devfs.h"

/*
 * A mount takes a snapshot of the registered nodes: one vnode each, made
 * at mount time and freed at unmount, never created or removed in
 * between. The directory has no create, mkdir, symlink, link, unlink,
 * rmdir or rename, so changing its names is EPERM; mounted read-only (as
 * at boot) the VFS answers EROFS first. Data operations are the device's
 * own (its fops, set at open).
 */
struct devfs {
	struct devfs_vnode root;
	unsigned int n;
	struct devfs_vnode dev[];
};

static struct devfs *devfs_of(struct ts_vnode *vn)
{
	return vn->mount->priv;
}

static int devfs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	struct devfs *fs = devfs_of(dir);

	for (unsigned int i = 0; i < fs->n; i++) {
		const char *nm = fs->dev[i].node->name;

		if (strlen(nm) == len && memcmp(nm, name, len) == 0) {
			ts_vnode_ref(&fs->dev[i].vn);
			*out = &fs->dev[i].vn;
			return 0;
		}
	}
	return -ENOENT;
}

/* Positions: 0 ".", 1 "..", 2 + i the i-th device. */
static int devfs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx)
{
	struct devfs *fs = devfs_of(dir);

	for (; pos < 2 + (off_t)fs->n; pos++) {
		const char *name = pos == 0 ? "." : pos == 1 ? ".." : fs->dev[pos - 2].node->name;
		const struct ts_vnode *vn = pos < 2 ? dir : &fs->dev[pos - 2].vn;

		if (ts_dir_emit(ctx, name, strlen(name), vn->ino, ts_vfs_dtype(vn->mode), pos + 1))
			break;
	}
	return 0;
}

static int devfs_getattr(struct ts_vnode *vn, struct ts_stat *st)
{
	devfs_fill_stat((struct devfs_vnode *)vn, st);
	return 0;
}

/* Opening a node hands the file to its device. */
static int devfs_open(struct ts_vnode *vn, struct ts_file *f)
{
	const struct ts_devfs_node *node = ((struct devfs_vnode *)vn)->node;

	if (node) {
		f->ops = node->fops;
		f->priv = node->priv;
	}
	return 0;
}

static const struct ts_vnode_ops devfs_ops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
	.getattr = devfs_getattr,
	.open = devfs_open,
};

static int devfs_mount(struct ts_mount *mnt, const char *source, unsigned long flags,
		       const void *data)
{
	struct ts_timespec now;
	struct devfs *fs;
	unsigned int n = 0, i = 0;

	(void)source;
	(void)flags;
	(void)data;
	for (struct ts_devfs_node *d = devfs_nodes; d; d = d->next)
		n++;
	fs = calloc(1, sizeof(*fs) + n * sizeof(fs->dev[0]));
	if (!fs)
		return -ENOMEM;
	ts_vfs_now(&now);
	fs->n = n;
	ts_vnode_init(&fs->root.vn, &devfs_ops, mnt, 1, TS_S_IFDIR | 0755);
	fs->root.time = now;
	for (struct ts_devfs_node *d = devfs_nodes; d; d = d->next, i++) {
		ts_vnode_init(&fs->dev[i].vn, &devfs_ops, mnt, 2 + i, d->mode);
		fs->dev[i].node = d;
		fs->dev[i].time = now;
	}
	mnt->priv = fs;
	ts_vnode_ref(&fs->root.vn);
	mnt->root = &fs->root.vn;
	mnt->maxsize = 0;
	return 0;
}

static void devfs_unmount(struct ts_mount *mnt)
{
	free(mnt->priv);
}

static struct ts_fs_type devfs_type = {
	.name = "devfs",
	.mount = devfs_mount,
	.unmount = devfs_unmount,
};
TS_VFS_FS_REGISTER(devfs_type);
