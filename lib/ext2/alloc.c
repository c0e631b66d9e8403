/*
 * alloc.c: the block and inode bitmaps — finding, taking and giving back
 * blocks and inodes, and keeping the free counts of the groups and of the
 * whole filesystem (and the groups' directory counts) with them.
 */
#include <errno.h>
#include "ext2.h"

static uint32_t group_start(const struct ext2_fs *fs, uint32_t grp)
{
	return fs->g.first_data_block + grp * fs->g.bpg;
}

static uint32_t group_blocks(const struct ext2_fs *fs, uint32_t grp)
{
	uint32_t start = group_start(fs, grp);

	return fs->g.blocks_count - start < fs->g.bpg ? fs->g.blocks_count - start : fs->g.bpg;
}

/* The first clear bit in map from bit `from` below `nbits`, or -1. */
static long find_clear(const uint8_t *map, uint32_t from, uint32_t nbits)
{
	uint32_t i = from;

	while (i < nbits) {
		if (i % 8 == 0 && map[i / 8] == 0xff) {
			i += 8;
			continue;
		}
		if (!(map[i / 8] & (1u << (i % 8))))
			return i;
		i++;
	}
	return -1;
}

static int test_bit(const uint8_t *map, uint32_t i)
{
	return map[i / 8] >> (i % 8) & 1;
}

static void set_bit(uint8_t *map, uint32_t i, int on)
{
	if (on)
		map[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		map[i / 8] &= (uint8_t)~(1u << (i % 8));
}

/* Take a clear bit of group grp's block bitmap at or after from. */
static int take_block(struct ext2_fs *fs, uint32_t grp, uint32_t from, uint32_t *blk)
{
	struct ext2_gd *gd = &fs->gd[grp];
	uint32_t n = group_blocks(fs, grp);
	struct ext2_buf *b;
	long bit = from;
	int err = ext2_bread(fs, gd->block_bitmap, &b);

	if (err)
		return err;
	while ((bit = find_clear(b->data, (uint32_t)bit, n)) >= 0) {
		uint32_t cand = group_start(fs, grp) + (uint32_t)bit;

		/* a bitmap that calls metadata free is damaged: never hand that out */
		if (ext2_block_ok(&fs->g, fs->gd, cand)) {
			set_bit(b->data, (uint32_t)bit, 1);
			ext2_bdirty(b);
			ext2_brelse(fs, b);
			gd->free_blocks--;
			fs->free_blocks--;
			fs->meta_dirty = 1;
			*blk = cand;
			return 0;
		}
		bit++;
	}
	ext2_brelse(fs, b);
	return -ENOSPC;
}

int ext2_block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk)
{
	uint32_t first, from;

	if (goal < fs->g.first_data_block || goal >= fs->g.blocks_count)
		goal = fs->g.first_data_block;
	first = (goal - fs->g.first_data_block) / fs->g.bpg;
	from = goal - group_start(fs, first);
	/* the goal's group from the goal on, every other group, then the
	 * goal's group from its start */
	for (uint32_t i = 0; i <= fs->g.ngroups && fs->free_blocks; i++) {
		uint32_t grp = (first + i) % fs->g.ngroups;
		int err;

		if (!fs->gd[grp].free_blocks)
			continue;
		err = take_block(fs, grp, i == 0 ? from : 0, blk);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

void ext2_block_free(struct ext2_fs *fs, uint32_t blk)
{
	uint32_t grp, bit;
	struct ext2_buf *b;

	if (!ext2_block_ok(&fs->g, fs->gd, blk)) {
		ext2_corrupt(fs, "freeing block", blk, "not a data block");
		return;
	}
	ext2_bforget(fs, blk);
	grp = (blk - fs->g.first_data_block) / fs->g.bpg;
	bit = blk - group_start(fs, grp);
	if (ext2_bread(fs, fs->gd[grp].block_bitmap, &b))
		return;
	if (!test_bit(b->data, bit)) {
		ext2_brelse(fs, b);
		ext2_corrupt(fs, "freeing block", blk, "already free");
		return;
	}
	set_bit(b->data, bit, 0);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	fs->gd[grp].free_blocks++;
	fs->free_blocks++;
	fs->meta_dirty = 1;
}

static int take_inode(struct ext2_fs *fs, uint32_t grp, int dir, uint32_t *ino)
{
	struct ext2_gd *gd = &fs->gd[grp];
	struct ext2_buf *b;
	long bit = 0;
	int err = ext2_bread(fs, gd->inode_bitmap, &b);

	if (err)
		return err;
	while ((bit = find_clear(b->data, (uint32_t)bit, fs->g.ipg)) >= 0) {
		uint32_t cand = grp * fs->g.ipg + (uint32_t)bit + 1;

		if (cand >= fs->g.first_ino) { /* the reserved ones are never given */
			set_bit(b->data, (uint32_t)bit, 1);
			ext2_bdirty(b);
			ext2_brelse(fs, b);
			gd->free_inodes--;
			fs->free_inodes--;
			if (dir)
				gd->used_dirs++;
			fs->meta_dirty = 1;
			*ino = cand;
			return 0;
		}
		bit++;
	}
	ext2_brelse(fs, b);
	return -ENOSPC;
}

int ext2_inode_alloc(struct ext2_fs *fs, uint32_t grp, int dir, uint32_t *ino)
{
	for (uint32_t i = 0; i < fs->g.ngroups && fs->free_inodes; i++) {
		uint32_t g = (grp + i) % fs->g.ngroups;
		int err;

		if (!fs->gd[g].free_inodes)
			continue;
		err = take_inode(fs, g, dir, ino);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

void ext2_inode_free(struct ext2_fs *fs, uint32_t ino, int dir)
{
	uint32_t grp, bit;
	struct ext2_buf *b;

	if (ino < fs->g.first_ino || ino > fs->g.inodes_count) {
		ext2_corrupt(fs, "freeing inode", ino, "reserved or out of range");
		return;
	}
	grp = (ino - 1) / fs->g.ipg;
	bit = (ino - 1) % fs->g.ipg;
	if (ext2_bread(fs, fs->gd[grp].inode_bitmap, &b))
		return;
	if (!test_bit(b->data, bit)) {
		ext2_brelse(fs, b);
		ext2_corrupt(fs, "freeing inode", ino, "already free");
		return;
	}
	set_bit(b->data, bit, 0);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	fs->gd[grp].free_inodes++;
	fs->free_inodes++;
	if (dir && fs->gd[grp].used_dirs)
		fs->gd[grp].used_dirs--;
	fs->meta_dirty = 1;
}
