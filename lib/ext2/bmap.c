/*
 * bmap.c: a file's block map — 12 direct blocks, then single, double and
 * triple indirect blocks of bs/4 pointers. Finding (and allocating) the
 * disk block of a file block, and freeing everything past a point.
 * Every pointer read from the disk is checked with ext2_block_ok.
 */
#include <errno.h>
#include "ext2.h"

/* Where file block lbn's pointer is: the i_block slot, then the index
 * in each level of indirect blocks below it (depth levels). */
static int path(const struct ext2_fs *fs, uint64_t lbn, unsigned int *slot, uint32_t idx[3],
		int *depth)
{
	uint64_t ppb = fs->g.bs / 4;

	if (lbn < EXT2_NDIR) {
		*slot = (unsigned int)lbn;
		*depth = 0;
		return 0;
	}
	lbn -= EXT2_NDIR;
	if (lbn < ppb) {
		*slot = EXT2_IND;
		*depth = 1;
		idx[0] = (uint32_t)lbn;
		return 0;
	}
	lbn -= ppb;
	if (lbn < ppb * ppb) {
		*slot = EXT2_DIND;
		*depth = 2;
		idx[0] = (uint32_t)(lbn / ppb);
		idx[1] = (uint32_t)(lbn % ppb);
		return 0;
	}
	lbn -= ppb * ppb;
	if (lbn < ppb * ppb * ppb) {
		*slot = EXT2_TIND;
		*depth = 3;
		idx[0] = (uint32_t)(lbn / (ppb * ppb));
		idx[1] = (uint32_t)(lbn / ppb % ppb);
		idx[2] = (uint32_t)(lbn % ppb);
		return 0;
	}
	return -EFBIG;
}

static uint32_t sectors_per_block(const struct ext2_fs *fs)
{
	return fs->g.bs / 512;
}

/* A new block for n near its last one; an indirect block is zeroed. */
static int alloc(struct ext2_fs *fs, struct ext2_node *n, int indirect, uint32_t *blk)
{
	uint32_t goal = n->last_alloc;
	int err;

	if (!goal)
		goal = fs->g.first_data_block + (uint32_t)((n->vn.ino - 1) / fs->g.ipg) * fs->g.bpg;
	err = ext2_block_alloc(fs, goal, blk);
	if (err)
		return err;
	n->last_alloc = *blk + 1;
	n->di.blocks += sectors_per_block(fs);
	if (indirect) {
		struct ext2_buf *b;

		err = ext2_bget_zero(fs, *blk, &b);
		if (err) {
			ext2_block_free(fs, *blk);
			n->di.blocks -= sectors_per_block(fs);
			return err;
		}
		ext2_brelse(fs, b);
	}
	return 0;
}

static int check(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk)
{
	if (ext2_block_ok(&fs->g, fs->gd, blk))
		return 0;
	ext2_error(fs, "inode %u: block pointer %u is not a data block", (unsigned int)n->vn.ino, blk);
	return -EIO;
}

int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lbn, int create, uint32_t *blk,
	      int *fresh)
{
	unsigned int slot;
	uint32_t idx[3], cur;
	int depth, changed = 0, err;

	if (fresh)
		*fresh = 0;
	err = path(fs, lbn, &slot, idx, &depth);
	if (err)
		return err;
	cur = n->di.block[slot];
	if (!cur) {
		if (!create)
			goto hole;
		err = alloc(fs, n, depth > 0, &cur);
		if (err)
			return err;
		n->di.block[slot] = cur;
		changed = 1;
		if (!depth && fresh)
			*fresh = 1;
	} else if ((err = check(fs, n, cur))) {
		return err;
	}
	for (int level = 0; level < depth; level++) {
		struct ext2_buf *b;
		uint32_t next;

		err = ext2_bread(fs, cur, &b);
		if (err)
			goto out;
		next = ext2_le32(b->data + 4 * idx[level]);
		if (!next) {
			if (!create) {
				ext2_brelse(fs, b);
				goto hole;
			}
			err = alloc(fs, n, level + 1 < depth, &next);
			if (err) {
				ext2_brelse(fs, b);
				goto out;
			}
			ext2_put32(b->data + 4 * idx[level], next);
			ext2_bdirty(b);
			changed = 1;
			if (level + 1 == depth && fresh)
				*fresh = 1;
		} else if ((err = check(fs, n, next))) {
			ext2_brelse(fs, b);
			goto out;
		}
		ext2_brelse(fs, b);
		cur = next;
	}
	*blk = cur;
out:
	if (changed) {
		int werr = ext2_iwrite(fs, n);

		if (!err)
			err = werr;
	}
	return err;
hole:
	*blk = 0;
	return 0;
}

static void free_block(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk)
{
	ext2_block_free(fs, blk);
	if (n->di.blocks >= sectors_per_block(fs))
		n->di.blocks -= sectors_per_block(fs);
}

/*
 * Free what the indirect block blk (level 1: pointers to data; 2, 3:
 * pointers to indirect blocks of level - 1) maps from its data block
 * `from` on. 1 when blk maps nothing any more (the caller frees it), 0
 * when it still does, -1 when blk is not a valid block (the caller only
 * forgets the pointer).
 */
static int trunc_ind(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk, int level,
		     uint64_t from, uint64_t *budget)
{
	uint32_t ppb = fs->g.bs / 4, start;
	uint64_t span = 1;
	struct ext2_buf *b;
	int empty = 1;

	if (check(fs, n, blk) || ext2_bread(fs, blk, &b))
		return -1;
	for (int i = 1; i < level; i++)
		span *= ppb;
	start = (uint32_t)(from / span);
	for (uint32_t i = 0; i < ppb; i++) {
		uint32_t c = ext2_le32(b->data + 4 * i);
		int r = 1;

		if (!c || i < start) {
			empty &= !c;
			continue;
		}
		/* a damaged map can name one block many times over: never
		 * visit more pointers than the file and the disk can hold */
		if (!*budget) {
			empty = 0;
			break;
		}
		--*budget;
		if (level == 1) {
			if (check(fs, n, c))
				r = -1;
		} else {
			r = trunc_ind(fs, n, c, level - 1, i == start ? from % span : 0, budget);
		}
		if (r == 0) {
			empty = 0;
			continue;
		}
		if (r == 1)
			free_block(fs, n, c);
		ext2_put32(b->data + 4 * i, 0);
		ext2_bdirty(b);
	}
	ext2_brelse(fs, b);
	return empty;
}

int ext2_bmap_trunc(struct ext2_fs *fs, struct ext2_node *n, uint64_t first)
{
	uint64_t ppb = fs->g.bs / 4, base = EXT2_NDIR, span = ppb;
	uint64_t held = n->di.blocks / sectors_per_block(fs);
	uint64_t budget = (held < fs->g.blocks_count ? held : fs->g.blocks_count) + 16;

	for (uint64_t i = first; i < EXT2_NDIR; i++) {
		if (!n->di.block[i])
			continue;
		if (!check(fs, n, n->di.block[i]))
			free_block(fs, n, n->di.block[i]);
		n->di.block[i] = 0;
	}
	for (unsigned int slot = EXT2_IND; slot <= EXT2_TIND; slot++) {
		uint32_t blk = n->di.block[slot];

		if (blk && first < base + span) {
			int r = trunc_ind(fs, n, blk, (int)(slot - EXT2_IND + 1),
					  first > base ? first - base : 0, &budget);

			if (r == 1)
				free_block(fs, n, blk);
			if (r != 0)
				n->di.block[slot] = 0;
		}
		base += span;
		span *= ppb;
	}
	if (!budget)
		ext2_corrupt(fs, "inode", (uint32_t)n->vn.ino, "block map larger than the file");
	if (n->last_alloc && first == 0)
		n->last_alloc = 0;
	return ext2_iwrite(fs, n);
}
