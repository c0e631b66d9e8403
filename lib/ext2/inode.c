/*
 * inode.c: inodes on disk and their nodes in memory — reading (through
 * ext2_check_inode), writing back the fields this driver keeps, making new
 * ones and deleting them with their blocks and attribute block. Each inode
 * has at most one node, found by number, while the VFS holds references.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ext2.h"

static struct ext2_node **bucket(struct ext2_fs *fs, uint32_t ino)
{
	return &fs->nodes[ino % EXT2_NODE_HASH];
}

/* The block and byte offset of inode ino's record. */
static void locate(const struct ext2_fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
	uint32_t grp = (ino - 1) / fs->g.ipg, idx = (ino - 1) % fs->g.ipg;
	uint64_t byte = (uint64_t)idx * fs->g.inode_size;

	*blk = fs->gd[grp].inode_table + (uint32_t)(byte >> fs->g.log_bs);
	*off = (uint32_t)(byte & (fs->g.bs - 1));
}

static struct ext2_node *node_new(struct ext2_fs *fs, uint32_t ino, const struct ext2_dinode *di)
{
	struct ext2_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	ts_vnode_init(&n->vn, &ext2_vnode_ops, fs->mnt, ino, di->mode);
	n->di = *di;
	n->vn.size = (off_t)di->size;
	n->hnext = *bucket(fs, ino);
	*bucket(fs, ino) = n;
	return n;
}

int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out)
{
	struct ext2_dinode di;
	struct ext2_node *n;
	struct ext2_buf *b;
	uint32_t blk, off;
	const char *why;
	int err;

	for (n = *bucket(fs, ino); n; n = n->hnext) {
		if (n->vn.ino == ino) {
			ts_vnode_ref(&n->vn);
			*out = n;
			return 0;
		}
	}
	if (ino < 1 || ino > fs->g.inodes_count || (ino != EXT2_ROOT_INO && ino < fs->g.first_ino))
		return ext2_corrupt(fs, "inode", ino, "reserved or out of range");
	locate(fs, ino, &blk, &off);
	err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	err = ext2_check_inode(&fs->g, ino, b->data + off, &di, &why);
	ext2_brelse(fs, b);
	if (err)
		return ext2_corrupt(fs, "inode", ino, why);
	n = node_new(fs, ino, &di);
	if (!n)
		return -ENOMEM;
	ts_vnode_ref(&n->vn);
	*out = n;
	return 0;
}

static void put_time(const struct ext2_fs *fs, uint8_t *raw, uint32_t at, uint32_t extra_at,
		     const struct ts_timespec *t)
{
	uint32_t extra = fs->g.inode_size > EXT2_GOOD_OLD_INODE_SIZE ? ext2_le16(raw + IN_EXTRA_ISIZE) : 0;

	ext2_put32(raw + at, (uint32_t)t->tv_sec);
	if (extra && extra_at + 4 <= EXT2_GOOD_OLD_INODE_SIZE + extra) {
		uint32_t epoch = (uint32_t)((t->tv_sec - (int32_t)(uint32_t)t->tv_sec) >> 32) & 3;

		ext2_put32(raw + extra_at, (uint32_t)t->tv_nsec << 2 | epoch);
	}
}

int ext2_iwrite(struct ext2_fs *fs, struct ext2_node *n)
{
	const struct ext2_dinode *di = &n->di;
	uint64_t size = (uint64_t)n->vn.size;
	struct ts_timespec now;
	struct ext2_buf *b;
	uint32_t blk, off;
	uint8_t *raw;
	int err;

	locate(fs, (uint32_t)n->vn.ino, &blk, &off);
	err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	raw = b->data + off;
	ext2_put16(raw + IN_MODE, n->vn.mode);
	ext2_put16(raw + IN_UID, di->uid);
	ext2_put16(raw + IN_UID_HIGH, di->uid >> 16);
	ext2_put16(raw + IN_GID, di->gid);
	ext2_put16(raw + IN_GID_HIGH, di->gid >> 16);
	ext2_put32(raw + IN_SIZE, (uint32_t)size);
	if (TS_S_ISREG(n->vn.mode))
		ext2_put32(raw + IN_SIZE_HIGH, (uint32_t)(size >> 32));
	ext2_put16(raw + IN_LINKS, di->links);
	ext2_put32(raw + IN_BLOCKS, (uint32_t)di->blocks);
	ext2_put32(raw + IN_FLAGS, di->flags);
	for (unsigned int i = 0; i < EXT2_NBLOCKS; i++)
		ext2_put32(raw + IN_BLOCK + 4 * i, di->block[i]);
	ext2_put32(raw + IN_GENERATION, di->generation);
	ext2_put32(raw + IN_FILE_ACL, di->file_acl);
	put_time(fs, raw, IN_ATIME, IN_ATIME_EXTRA, &di->atime);
	put_time(fs, raw, IN_MTIME, IN_MTIME_EXTRA, &di->mtime);
	put_time(fs, raw, IN_CTIME, IN_CTIME_EXTRA, &di->ctime);
	/* an inode without links is deleted (or about to be): e2fsck wants
	 * its deletion time */
	ts_vfs_now(&now);
	ext2_put32(raw + IN_DTIME, di->links ? 0 : (uint32_t)now.tv_sec);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	return 0;
}

void ext2_touch(struct ext2_node *n, int mtime)
{
	ts_vfs_now(&n->di.ctime);
	if (mtime)
		n->di.mtime = n->di.ctime;
}

/* Zero inode ino's record; big inodes get the extra fields this driver
 * writes (nanoseconds, creation time), as Linux does. */
static int clear_record(struct ext2_fs *fs, uint32_t ino, const struct ts_timespec *now)
{
	struct ext2_buf *b;
	uint32_t blk, off;
	int err;

	locate(fs, ino, &blk, &off);
	err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	memset(b->data + off, 0, fs->g.inode_size);
	if (fs->g.inode_size >= EXT2_GOOD_OLD_INODE_SIZE + EXT2_EXTRA_ISIZE) {
		ext2_put16(b->data + off + IN_EXTRA_ISIZE, EXT2_EXTRA_ISIZE);
		put_time(fs, b->data + off, IN_CRTIME, IN_CRTIME_EXTRA, now);
	}
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	return 0;
}

int ext2_inew(struct ext2_fs *fs, struct ext2_node *dir, mode_t mode, struct ext2_node **out)
{
	struct ext2_dinode di;
	struct ext2_node *n;
	uint32_t ino;
	int err = ext2_inode_alloc(fs, (uint32_t)(dir->vn.ino - 1) / fs->g.ipg, TS_S_ISDIR(mode), &ino);

	if (err)
		return err;
	memset(&di, 0, sizeof(di));
	di.mode = mode;
	di.links = TS_S_ISDIR(mode) ? 2 : 1;
	di.generation = fs->generation++;
	ts_vfs_now(&di.mtime);
	di.atime = di.ctime = di.mtime;
	err = clear_record(fs, ino, &di.mtime);
	if (err)
		goto free_ino;
	n = node_new(fs, ino, &di);
	if (!n) {
		err = -ENOMEM;
		goto free_ino;
	}
	err = ext2_iwrite(fs, n);
	if (err) {
		ext2_iforget(fs, n);
		goto free_ino;
	}
	*out = n;
	return 0;
free_ino:
	ext2_inode_free(fs, ino, TS_S_ISDIR(mode));
	return err;
}

/* Give back the extended-attribute block (shared blocks count their users). */
static void drop_xattr(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t blk = n->di.file_acl, refs;
	struct ext2_buf *b;
	const char *why;

	n->di.file_acl = 0;
	if (!ext2_block_ok(&fs->g, fs->gd, blk)) {
		ext2_corrupt(fs, "attribute block", blk, "not a data block");
		return;
	}
	if (ext2_bread(fs, blk, &b))
		return;
	if (ext2_check_xattr(b->data, &refs, &why)) {
		ext2_brelse(fs, b);
		ext2_corrupt(fs, "inode", (uint32_t)n->vn.ino, why);
		return;
	}
	if (refs > 1) {
		ext2_put32(b->data + XA_REFCOUNT, refs - 1);
		ext2_bdirty(b);
	}
	ext2_brelse(fs, b);
	if (refs <= 1)
		ext2_block_free(fs, blk);
	if (n->di.blocks >= fs->g.bs / 512)
		n->di.blocks -= fs->g.bs / 512;
}

void ext2_idelete(struct ext2_fs *fs, struct ext2_node *n)
{
	int dir = TS_S_ISDIR(n->vn.mode);

	if (TS_S_ISLNK(n->vn.mode) && ext2_symlink_is_fast(fs, n))
		memset(n->di.block, 0, sizeof(n->di.block));
	else if (TS_S_ISREG(n->vn.mode) || dir || TS_S_ISLNK(n->vn.mode))
		ext2_bmap_trunc(fs, n, 0);
	if (n->di.file_acl)
		drop_xattr(fs, n);
	n->di.links = 0;
	n->vn.size = 0;
	ts_vfs_now(&n->di.ctime);
	ext2_iwrite(fs, n);
	ext2_inode_free(fs, (uint32_t)n->vn.ino, dir);
}

void ext2_iforget(struct ext2_fs *fs, struct ext2_node *n)
{
	struct ext2_node **pp = bucket(fs, (uint32_t)n->vn.ino);

	while (*pp && *pp != n)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = n->hnext;
	free(n);
}
