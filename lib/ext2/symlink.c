/*
 * symlink.c: symbolic links — "fast" ones keep their target in the
 * inode's 60 bytes of block pointers, longer ones in one data block
 * (NUL-padded, as e2fsck expects).
 */
#include <errno.h>
#include <string.h>
#include "ext2.h"

int ext2_symlink_is_fast(const struct ext2_fs *fs, const struct ext2_node *n)
{
	uint64_t ea = n->di.file_acl ? fs->g.bs / 512 : 0;

	/* Linux's rule: no data block counted beside an attribute block */
	return n->di.blocks <= ea;
}

/* The inode's block pointers as the bytes they are on disk. */
static void pointers_to_bytes(const struct ext2_node *n, uint8_t *out)
{
	for (unsigned int i = 0; i < EXT2_NBLOCKS; i++)
		ext2_put32(out + 4 * i, n->di.block[i]);
}

int ext2_symlink_store(struct ext2_fs *fs, struct ext2_node *n, const char *target, size_t len)
{
	struct ext2_buf *b;
	uint32_t blk;
	int fresh, err;

	if (len >= fs->g.bs)
		return -ENAMETOOLONG;
	if (len <= EXT2_FAST_LINK_MAX) {
		uint8_t raw[EXT2_NBLOCKS * 4] = { 0 };

		memcpy(raw, target, len);
		for (unsigned int i = 0; i < EXT2_NBLOCKS; i++)
			n->di.block[i] = ext2_le32(raw + 4 * i);
	} else {
		err = ext2_bmap(fs, n, 0, 1, &blk, &fresh);
		if (err)
			return err;
		err = ext2_bget_zero(fs, blk, &b);
		if (err)
			return err;
		memcpy(b->data, target, len);
		ext2_brelse(fs, b);
	}
	n->vn.size = (off_t)len;
	return ext2_iwrite(fs, n);
}

ssize_t ext2_symlink_read(struct ext2_fs *fs, struct ext2_node *n, char *buf, size_t size)
{
	size_t len = (size_t)n->vn.size, copy = len < size ? len : size;
	struct ext2_buf *b;
	uint32_t blk;
	int err;

	if (ext2_symlink_is_fast(fs, n)) {
		uint8_t raw[EXT2_NBLOCKS * 4];

		pointers_to_bytes(n, raw);
		memcpy(buf, raw, copy); /* len <= 59: checked when the inode was read */
		return (ssize_t)len;
	}
	err = ext2_bmap(fs, n, 0, 0, &blk, NULL);
	if (err)
		return err;
	if (!blk)
		return ext2_corrupt(fs, "symbolic link", (uint32_t)n->vn.ino, "no block");
	err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	memcpy(buf, b->data, copy); /* len < bs: checked when the inode was read */
	ext2_brelse(fs, b);
	return (ssize_t)len;
}
