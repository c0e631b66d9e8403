/* ramfs.c: the ramfs filesystem type — mounting, unmounting, its operations. */
#include <errno.h>
#include "ramfs.h"

const struct ts_vnode_ops ramfs_vnode_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.readlink = ramfs_readlink,
	.setattr = ramfs_setattr,
	.inactive = ramfs_inactive,
	.getattr = ramfs_getattr,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
};

/* source and data mean nothing to ramfs. */
static int ramfs_mount(struct ts_mount *mnt, const char *source, unsigned long flags,
		       const void *data)
{
	struct ramfs *fs = ramfs_zalloc(sizeof(*fs));
	struct ramfs_node *root;

	(void)source;
	(void)flags;
	(void)data;
	if (!fs)
		return -ENOMEM;
	fs->next_ino = 1;
	mnt->priv = fs;
	root = ramfs_node_new(mnt, TS_S_IFDIR | 0755);
	if (!root) {
		ramfs_free(fs);
		return -ENOMEM;
	}
	root->nlink = 2;
	root->u.dir.parent = root;
	ts_vnode_ref(&root->vn);
	mnt->root = &root->vn;
	mnt->maxsize = RAMFS_MAX_SIZE;
	return 0;
}

/*
 * Free every node below and including root, without recursion (thread
 * stacks are small): empty each directory entry by entry, going down into
 * subdirectories and back up through their parent.
 */
static void free_tree(struct ramfs_node *root)
{
	struct ramfs_node *d = root;

	while (d) {
		struct ramfs_dirent *e = d->u.dir.head;
		struct ramfs_node *n;

		if (!e) {
			struct ramfs_node *up = d == root ? NULL : d->u.dir.parent;

			ramfs_node_free(d);
			d = up;
			continue;
		}
		n = e->node;
		ramfs_dir_remove(d, e);
		if (TS_S_ISDIR(n->vn.mode))
			d = n;
		else if (!--n->nlink)
			ramfs_node_free(n);
	}
}

static void ramfs_unmount(struct ts_mount *mnt)
{
	free_tree(ramfs_node(mnt->root));
	ramfs_free(mnt->priv);
}

static struct ts_fs_type ramfs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
};
TS_VFS_FS_REGISTER(ramfs_type);
