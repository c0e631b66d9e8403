/* fs.c: the "9p" filesystem type — mounting a share by its tag, unmounting, the vnode operations. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include "p9fs.h"

const struct ts_vnode_ops p9fs_vnode_ops = {
	.lookup = p9fs_lookup,
	.create = p9fs_create,
	.mkdir = p9fs_mkdir,
	.symlink = p9fs_symlink,
	.link = p9fs_link,
	.unlink = p9fs_unlink,
	.rmdir = p9fs_rmdir,
	.rename = p9fs_rename,
	.readdir = p9fs_readdir,
	.readlink = p9fs_readlink,
	.inactive = p9fs_inactive,
	.getattr = p9fs_getattr,
	.setattr = p9fs_setattr,
	.read = p9fs_read,
	.write = p9fs_write,
	.truncate = p9fs_truncate,
	.fsync = p9fs_fsync,
	.open = p9fs_open,
};

/* source: the share's mount tag. A transport's read-only share makes a
 * read-only mount whatever the flags. */
static int p9fs_mount(struct ts_mount *mnt, const char *source, unsigned long flags,
		      const void *data)
{
	struct p9fs *fs;
	struct p9_qid qid;
	uint32_t fid;
	int err;

	(void)flags;
	(void)data;
	if (!source || !*source)
		return -EINVAL;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	err = p9c_connect(&fs->c, source);
	if (err)
		goto free;
	if (fs->c.chan->readonly)
		mnt->flags |= TS_MS_RDONLY;
	mnt->priv = fs;
	mnt->maxsize = INT64_MAX;
	err = -ENOMEM;
	fid = p9c_fid_alloc(&fs->c);
	if (fid == P9_NOFID)
		goto disconnect;
	err = p9c_attach(&fs->c, fid, &qid);
	if (err) {
		p9c_fid_free(&fs->c, fid);
		goto disconnect;
	}
	err = -ENOTDIR;
	if (!(qid.type & P9_QTDIR)) {
		p9c_clunk(&fs->c, fid);
		goto disconnect;
	}
	err = p9fs_node_get(mnt, fid, &qid, &mnt->root);
	if (!err && !TS_S_ISDIR(mnt->root->mode)) {
		p9fs_inactive(mnt->root); /* never referenced by anyone else */
		err = -ENOTDIR;
	}
	if (!err)
		return 0;
disconnect:
	p9c_disconnect(&fs->c);
free:
	free(fs);
	return err;
}

/* The root's inactive has run (the VFS dropped it first). */
static void p9fs_unmount(struct ts_mount *mnt)
{
	struct p9fs *fs = mnt->priv;

	p9c_disconnect(&fs->c);
	free(fs);
}

static struct ts_fs_type p9fs_type = {
	.name = "9p",
	.mount = p9fs_mount,
	.unmount = p9fs_unmount,
};
TS_VFS_FS_REGISTER(p9fs_type);
