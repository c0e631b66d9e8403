/*
 * super.c: the superblock and group descriptors — reading and checking
 * them at mount, the clean/not-clean state, and writing everything back
 * (sync).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "ext2.h"

void ext2_error(struct ext2_fs *fs, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	/* one line per operation: damage met once tends to be met again in
	 * the same walk, and the first report says where it is */
	if (fs->reports++)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ts_pr_err("ext2: %s: %s\n", fs->devname, msg);
}

int ext2_corrupt(struct ext2_fs *fs, const char *what, uint32_t num, const char *why)
{
	ext2_error(fs, "%s %u: %s", what, num, why);
	return -EIO;
}

static int write_super(struct ext2_fs *fs)
{
	int err = ts_blk_write(fs->dev, EXT2_SB_OFFSET / TS_BLK_SECTOR, fs->sb,
			       EXT2_SB_SIZE / TS_BLK_SECTOR);

	if (err)
		ext2_error(fs, "cannot write the superblock (error %d)", -err);
	return err ? -EIO : 0;
}

static int flush(struct ext2_fs *fs)
{
	int err = ts_blk_flush(fs->dev);

	if (err)
		ext2_error(fs, "flush failed (error %d)", -err);
	return err ? -EIO : 0;
}

static int load_groups(struct ext2_fs *fs)
{
	const struct ext2_geom *g = &fs->g;
	uint32_t per_block = g->bs / EXT2_GD_SIZE;

	fs->gd = calloc(g->ngroups, sizeof(*fs->gd));
	if (!fs->gd)
		return -ENOMEM;
	for (uint32_t grp = 0; grp < g->ngroups; grp++) {
		struct ext2_buf *b;
		const char *why;
		int err = ext2_bread(fs, g->first_data_block + 1 + grp / per_block, &b);

		if (err)
			return err;
		err = ext2_check_gd(g, grp, b->data + (grp % per_block) * EXT2_GD_SIZE, &fs->gd[grp],
				    &why);
		ext2_brelse(fs, b);
		if (err) {
			ext2_error(fs, "group %u: %s", grp, why);
			return -EINVAL;
		}
		fs->free_blocks += fs->gd[grp].free_blocks;
		fs->free_inodes += fs->gd[grp].free_inodes;
	}
	return 0;
}

/* Incompatible features stop the mount; unknown read-only-compatible ones
 * allow reading only. */
static int check_features(struct ext2_fs *fs)
{
	uint32_t incompat = fs->g.incompat & ~(uint32_t)EXT2_INCOMPAT_SUPP;
	uint32_t ro = fs->g.ro_compat & ~(uint32_t)EXT2_RO_COMPAT_SUPP;

	if (incompat) {
		ext2_error(fs, "unsupported incompatible features 0x%x (ext3/ext4?)", incompat);
		return -EINVAL;
	}
	/* forced even on a read-only mount: a later remount cannot lift it */
	if (ro) {
		fs->forced_ro = 1;
		if (!(fs->mnt->flags & TS_MS_RDONLY))
			ts_pr_warn("ext2: %s: read-only: unsupported read-only features 0x%x\n",
				   fs->devname, ro);
	}
	if (fs->dev->flags & TS_BLKF_READONLY) {
		fs->forced_ro = 1;
		if (!(fs->mnt->flags & TS_MS_RDONLY))
			ts_pr_warn("ext2: %s: read-only: the disk is write-protected\n", fs->devname);
	}
	if (fs->forced_ro)
		fs->mnt->flags |= TS_MS_RDONLY;
	return 0;
}

int ext2_super_load(struct ext2_fs *fs)
{
	const char *why;
	int err = ts_blk_read(fs->dev, EXT2_SB_OFFSET / TS_BLK_SECTOR, fs->sb,
			      EXT2_SB_SIZE / TS_BLK_SECTOR);

	if (err) {
		ext2_error(fs, "cannot read the superblock (error %d)", -err);
		return -EIO;
	}
	if (ext2_check_super(fs->sb, fs->dev->nsectors, &fs->g, &why)) {
		ext2_error(fs, "%s", why);
		return -EINVAL;
	}
	err = check_features(fs);
	if (err)
		return err;
	err = ext2_cache_init(fs, CONFIG_LIBEXT2_CACHE_KB);
	if (err)
		return err;
	fs->was_valid = (ext2_le16(fs->sb + SB_STATE) & (EXT2_STATE_VALID | EXT2_STATE_ERROR))
		== EXT2_STATE_VALID;
	if (!fs->was_valid)
		ts_pr_warn("ext2: %s: not cleanly unmounted or has errors: run e2fsck\n", fs->devname);
	return load_groups(fs);
}

static uint32_t now_sec(void)
{
	struct ts_timespec t;

	ts_vfs_now(&t);
	return (uint32_t)t.tv_sec;
}

int ext2_begin_change(struct ext2_fs *fs)
{
	uint16_t state;
	int err;

	if (fs->forced_ro || (fs->mnt->flags & TS_MS_RDONLY))
		return -EROFS;
	if (fs->marked)
		return 0;
	/* not clean on disk before anything else is written, so a crash
	 * leaves a filesystem e2fsck knows to check */
	state = ext2_le16(fs->sb + SB_STATE);
	ext2_put16(fs->sb + SB_STATE, state & ~EXT2_STATE_VALID);
	ext2_put16(fs->sb + SB_MNT_COUNT, ext2_le16(fs->sb + SB_MNT_COUNT) + 1u);
	ext2_put32(fs->sb + SB_MTIME, now_sec());
	ext2_put32(fs->sb + SB_WTIME, now_sec());
	err = write_super(fs);
	if (!err)
		err = flush(fs);
	if (err)
		return err;
	fs->marked = 1;
	return 0;
}

/* Patch the groups' counts into the descriptor table's buffers. */
static int put_groups(struct ext2_fs *fs)
{
	uint32_t per_block = fs->g.bs / EXT2_GD_SIZE;

	for (uint32_t grp = 0; grp < fs->g.ngroups; grp++) {
		const struct ext2_gd *gd = &fs->gd[grp];
		struct ext2_buf *b;
		uint8_t *raw;
		int err = ext2_bread(fs, fs->g.first_data_block + 1 + grp / per_block, &b);

		if (err)
			return err;
		raw = b->data + (grp % per_block) * EXT2_GD_SIZE;
		if (ext2_le16(raw + GD_FREE_BLOCKS) != gd->free_blocks
		    || ext2_le16(raw + GD_FREE_INODES) != gd->free_inodes
		    || ext2_le16(raw + GD_USED_DIRS) != gd->used_dirs) {
			ext2_put16(raw + GD_FREE_BLOCKS, gd->free_blocks);
			ext2_put16(raw + GD_FREE_INODES, gd->free_inodes);
			ext2_put16(raw + GD_USED_DIRS, gd->used_dirs);
			ext2_bdirty(b);
		}
		ext2_brelse(fs, b);
	}
	return 0;
}

int ext2_sync(struct ext2_fs *fs, int clean)
{
	uint16_t state;
	int err;

	if (!fs->marked)
		return 0; /* nothing was ever changed */
	err = put_groups(fs);
	if (!err)
		err = ext2_cache_writeback(fs);
	if (err)
		return err;
	ext2_put32(fs->sb + SB_FREE_BLOCKS, (uint32_t)fs->free_blocks);
	ext2_put32(fs->sb + SB_FREE_INODES, (uint32_t)fs->free_inodes);
	ext2_put32(fs->sb + SB_WTIME, now_sec());
	state = ext2_le16(fs->sb + SB_STATE);
	if (clean && fs->was_valid)
		state |= EXT2_STATE_VALID;
	ext2_put16(fs->sb + SB_STATE, state);
	/* the superblock after the blocks it counts, then one flush for all */
	err = write_super(fs);
	if (!err)
		err = flush(fs);
	if (!err && clean)
		fs->marked = 0;
	fs->meta_dirty = 0;
	return err;
}
