/* ext2.c: the ext2 filesystem type — mounting a disk of lib/blk, unmounting, registration. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ext2.h"

/* Every mounted instance, for ext2_sync_all. */
static struct ext2_fs *mounted;
static struct ts_mutex mounted_lock = TS_MUTEX_INIT;

static void fs_free(struct ext2_fs *fs)
{
	ext2_cache_free(fs);
	free(fs->gd);
	free(fs);
}

/* source: "vda" or "/dev/vda". flags: TS_MS_RDONLY. data: ignored. */
static int ext2_mount(struct ts_mount *mnt, const char *source, unsigned long flags,
		      const void *data)
{
	struct ts_blkdev *dev = source ? ts_blk_find(source) : NULL;
	struct ext2_node *root;
	struct ext2_fs *fs;
	int err;

	(void)flags;
	(void)data;
	if (!dev) {
		ts_pr_err("ext2: no disk %s\n", source ? source : "(none given)");
		return -ENXIO;
	}
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->dev = dev;
	fs->devname = dev->name;
	fs->mnt = mnt;
	ts_mutex_init(&fs->lock, 0);
	mnt->priv = fs;
	err = ext2_super_load(fs);
	if (err)
		goto free_fs;
	fs->generation = ext2_le32(fs->sb + SB_WTIME) * 2654435761u;
	err = ext2_iget(fs, EXT2_ROOT_INO, &root);
	if (err)
		goto free_fs;
	if (!TS_S_ISDIR(root->vn.mode)) {
		ext2_iforget(fs, root);
		err = ext2_corrupt(fs, "inode", EXT2_ROOT_INO, "the root is not a directory");
		goto free_fs;
	}
	mnt->root = &root->vn;
	mnt->maxsize = ext2_max_size(&fs->g);
	ts_mutex_lock(&mounted_lock);
	fs->next = mounted;
	mounted = fs;
	ts_mutex_unlock(&mounted_lock);
	/* not clean on disk for as long as it is mounted for writing */
	if (!(mnt->flags & TS_MS_RDONLY)) {
		err = ext2_begin_change(fs);
		if (err)
			goto forget_root;
	}
	return 0;

forget_root:
	/* the VFS has not seen the root yet: its reference is only counted
	 * in the mount, which is discarded with it */
	ext2_iforget(fs, root);
	mnt->root = NULL;
free_fs:
	mnt->priv = NULL;
	fs_free(fs);
	return err;
}

static void ext2_unmount(struct ts_mount *mnt)
{
	struct ext2_fs *fs = mnt->priv, **pp;
	int err;

	ts_mutex_lock(&mounted_lock);
	for (pp = &mounted; *pp != fs; pp = &(*pp)->next)
		;
	*pp = fs->next;
	ts_mutex_unlock(&mounted_lock);
	ts_mutex_lock(&fs->lock);
	fs->reports = 0;
	err = ext2_sync(fs, 1);
	if (err)
		ext2_error(fs, "unmount could not write everything back (error %d)", -err);
	for (unsigned int i = 0; i < EXT2_NODE_HASH; i++)
		TS_ASSERT(!fs->nodes[i]); /* the VFS let every node go first */
	ts_mutex_unlock(&fs->lock);
	fs_free(fs);
}

void ext2_sync_all(void)
{
	ts_mutex_lock(&mounted_lock);
	for (struct ext2_fs *fs = mounted; fs; fs = fs->next) {
		int err;

		ts_mutex_lock(&fs->lock);
		fs->reports = 0;
		err = ext2_sync(fs, 1);
		if (err)
			ext2_error(fs, "could not write everything back at exit (error %d)", -err);
		ts_mutex_unlock(&fs->lock);
	}
	ts_mutex_unlock(&mounted_lock);
}

static struct ts_fs_type ext2_type = {
	.name = "ext2",
	.mount = ext2_mount,
	.unmount = ext2_unmount,
};
TS_VFS_FS_REGISTER(ext2_type);
