/*
 * check.c: the one place where metadata read from the disk is checked —
 * superblock, group descriptors, inodes, directory entries, block
 * numbers, attribute block headers. Pure functions (no I/O, no
 * allocation), fed arbitrary images by the fuzzer. Everything else trusts
 * only what passed here.
 */
#include <errno.h>
#include "ext2.h"

static int fail(const char **why, const char *what)
{
	*why = what;
	return -EINVAL;
}

static int bad(const char **why, const char *what)
{
	*why = what;
	return -EIO;
}

static uint32_t div_up(uint64_t a, uint32_t b)
{
	return (uint32_t)((a + b - 1) / b);
}

/* The fields of a revision-0 or revision-1 superblock that size things. */
static int check_sizes(const uint8_t *sb, struct ext2_geom *g, const char **why)
{
	uint32_t log = ext2_le32(sb + SB_LOG_BLOCK_SIZE), rev = ext2_le32(sb + SB_REV_LEVEL);

	if (ext2_le16(sb + SB_MAGIC) != EXT2_MAGIC)
		return fail(why, "not an ext2 filesystem (bad magic)");
	if (rev > 1)
		return fail(why, "unknown revision");
	if (log > 2)
		return fail(why, "block size above 4 KiB"); /* as Linux on x86 */
	g->log_bs = 10 + log;
	g->bs = 1u << g->log_bs;
	if (rev == 0) {
		g->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		g->first_ino = 11;
		g->compat = g->incompat = g->ro_compat = 0;
		g->reserved_gdt = 0;
	} else {
		g->inode_size = ext2_le16(sb + SB_INODE_SIZE);
		g->first_ino = ext2_le32(sb + SB_FIRST_INO);
		g->compat = ext2_le32(sb + SB_FEATURE_COMPAT);
		g->incompat = ext2_le32(sb + SB_FEATURE_INCOMPAT);
		g->ro_compat = ext2_le32(sb + SB_FEATURE_RO_COMPAT);
		g->reserved_gdt = ext2_le16(sb + SB_RESERVED_GDT);
	}
	if (g->inode_size < EXT2_GOOD_OLD_INODE_SIZE || g->inode_size > g->bs
	    || (g->inode_size & (g->inode_size - 1)))
		return fail(why, "bad inode size");
	return 0;
}

int ext2_check_super(const uint8_t *sb, uint64_t dev_sectors, struct ext2_geom *g,
		     const char **why)
{
	uint64_t groups;
	int err = check_sizes(sb, g, why);

	if (err)
		return err;
	g->blocks_count = ext2_le32(sb + SB_BLOCKS_COUNT);
	g->first_data_block = ext2_le32(sb + SB_FIRST_DATA_BLOCK);
	g->bpg = ext2_le32(sb + SB_BLOCKS_PER_GROUP);
	g->inodes_count = ext2_le32(sb + SB_INODES_COUNT);
	g->ipg = ext2_le32(sb + SB_INODES_PER_GROUP);
	if (g->first_data_block != (g->bs == 1024 ? 1u : 0u))
		return fail(why, "bad first data block");
	if (g->blocks_count <= g->first_data_block + 1)
		return fail(why, "too few blocks");
	if ((uint64_t)g->blocks_count << (g->log_bs - 9) > dev_sectors)
		return fail(why, "filesystem larger than the disk");
	if (g->bpg < 8 || g->bpg > 8 * g->bs || g->bpg % 8)
		return fail(why, "bad blocks per group");
	if (g->ipg < 1 || g->ipg > 8 * g->bs)
		return fail(why, "bad inodes per group");
	groups = div_up(g->blocks_count - g->first_data_block, g->bpg);
	if ((uint64_t)g->ipg * groups != g->inodes_count)
		return fail(why, "inode count does not match the groups");
	g->ngroups = (uint32_t)groups;
	if (g->first_ino < EXT2_ROOT_INO + 1 || g->first_ino >= g->inodes_count)
		return fail(why, "bad first inode");
	g->gdt_blocks = div_up((uint64_t)g->ngroups * EXT2_GD_SIZE, g->bs);
	g->itable_blocks = div_up((uint64_t)g->ipg * g->inode_size, g->bs);
	/* the superblock, descriptors and reserved ones all lie in group 0 */
	if ((uint64_t)g->first_data_block + 1 + g->gdt_blocks + g->reserved_gdt
	    > (uint64_t)g->first_data_block + g->bpg
	    || (uint64_t)g->first_data_block + 1 + g->gdt_blocks > g->blocks_count)
		return fail(why, "group descriptors do not fit");
	return 0;
}

off_t ext2_max_size(const struct ext2_geom *g)
{
	uint64_t ppb = g->bs / 4, data = EXT2_NDIR + ppb + ppb * ppb + ppb * ppb * ppb;
	/* i_blocks counts 512-byte sectors in 32 bits, indirect blocks included */
	uint64_t limit = ((1ull << 32) - 1) >> (g->log_bs - 9);
	uint64_t meta = 1 + (1 + ppb) + (1 + ppb + ppb * ppb);

	if (data + meta > limit)
		data = limit - meta;
	return (off_t)(data << g->log_bs);
}

static uint32_t group_start(const struct ext2_geom *g, uint32_t grp)
{
	return g->first_data_block + grp * g->bpg;
}

static uint32_t group_end(const struct ext2_geom *g, uint32_t grp)
{
	uint64_t end = (uint64_t)group_start(g, grp) + g->bpg;

	return end > g->blocks_count ? g->blocks_count : (uint32_t)end;
}

static int in_table(const struct ext2_geom *g, const struct ext2_gd *gd, uint32_t blk)
{
	return blk >= gd->inode_table && blk - gd->inode_table < g->itable_blocks;
}

int ext2_check_gd(const struct ext2_geom *g, uint32_t grp, const uint8_t *raw,
		  struct ext2_gd *gd, const char **why)
{
	uint32_t start = group_start(g, grp), end = group_end(g, grp);

	gd->block_bitmap = ext2_le32(raw + GD_BLOCK_BITMAP);
	gd->inode_bitmap = ext2_le32(raw + GD_INODE_BITMAP);
	gd->inode_table = ext2_le32(raw + GD_INODE_TABLE);
	gd->free_blocks = ext2_le16(raw + GD_FREE_BLOCKS);
	gd->free_inodes = ext2_le16(raw + GD_FREE_INODES);
	gd->used_dirs = ext2_le16(raw + GD_USED_DIRS);
	if (gd->block_bitmap < start || gd->block_bitmap >= end)
		return bad(why, "block bitmap outside its group");
	if (gd->inode_bitmap < start || gd->inode_bitmap >= end)
		return bad(why, "inode bitmap outside its group");
	if (gd->inode_table < start || (uint64_t)gd->inode_table + g->itable_blocks > end)
		return bad(why, "inode table outside its group");
	if (gd->free_blocks > end - start || gd->free_inodes > g->ipg || gd->used_dirs > g->ipg)
		return bad(why, "counts beyond the group's size");
	/* none on the superblock and descriptor copies, none on another */
	if (ext2_group_has_super(g, grp))
		start += 1 + g->gdt_blocks + g->reserved_gdt;
	if (gd->block_bitmap < start || gd->inode_bitmap < start || gd->inode_table < start)
		return bad(why, "bitmap or inode table over the superblock or descriptors");
	if (gd->block_bitmap == gd->inode_bitmap || in_table(g, gd, gd->block_bitmap)
	    || in_table(g, gd, gd->inode_bitmap))
		return bad(why, "bitmaps and inode table overlap");
	return 0;
}

int ext2_group_has_super(const struct ext2_geom *g, uint32_t grp)
{
	static const uint32_t bases[] = { 3, 5, 7 };

	if (grp <= 1 || !(g->ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return 1;
	for (unsigned int i = 0; i < 3; i++) {
		uint64_t p = bases[i];

		while (p < grp)
			p *= bases[i];
		if (p == grp)
			return 1;
	}
	return 0;
}

int ext2_block_ok(const struct ext2_geom *g, const struct ext2_gd *gds, uint32_t blk)
{
	uint32_t grp, rel;

	if (blk < g->first_data_block || blk >= g->blocks_count)
		return 0;
	grp = (blk - g->first_data_block) / g->bpg;
	rel = blk - group_start(g, grp);
	if (ext2_group_has_super(g, grp) && rel < 1 + g->gdt_blocks + g->reserved_gdt)
		return 0;
	if (gds) {
		const struct ext2_gd *d = &gds[grp];

		if (blk == d->block_bitmap || blk == d->inode_bitmap)
			return 0;
		if (blk >= d->inode_table && blk - d->inode_table < g->itable_blocks)
			return 0;
	}
	return 1;
}

/* A time from its 32-bit field and, in big inodes, its extra field
 * (two epoch bits and the nanoseconds). */
static struct ts_timespec get_time(const struct ext2_geom *g, const uint8_t *raw, uint32_t at,
				   uint32_t extra_at, uint32_t extra_isize)
{
	struct ts_timespec t = { (int32_t)ext2_le32(raw + at), 0 };

	if (g->inode_size > EXT2_GOOD_OLD_INODE_SIZE && extra_at + 4 <= EXT2_GOOD_OLD_INODE_SIZE + extra_isize) {
		uint32_t x = ext2_le32(raw + extra_at);

		t.tv_sec += (int64_t)(x & 3) << 32;
		t.tv_nsec = x >> 2;
		if (t.tv_nsec > 999999999)
			t.tv_nsec = 0;
	}
	return t;
}

static int check_type(uint32_t mode)
{
	switch (mode & TS_S_IFMT) {
	case TS_S_IFREG: case TS_S_IFDIR: case TS_S_IFLNK: case TS_S_IFCHR:
	case TS_S_IFBLK: case TS_S_IFIFO: case TS_S_IFSOCK:
		return 1;
	}
	return 0;
}

int ext2_check_inode(const struct ext2_geom *g, uint32_t ino, const uint8_t *raw,
		     struct ext2_dinode *di, const char **why)
{
	uint32_t extra = 0;

	if (ino < 1 || ino > g->inodes_count)
		return bad(why, "inode number out of range");
	di->mode = ext2_le16(raw + IN_MODE);
	di->links = ext2_le16(raw + IN_LINKS);
	di->flags = ext2_le32(raw + IN_FLAGS);
	di->file_acl = ext2_le32(raw + IN_FILE_ACL);
	di->generation = ext2_le32(raw + IN_GENERATION);
	di->size = ext2_le32(raw + IN_SIZE);
	di->blocks = ext2_le32(raw + IN_BLOCKS);
	di->uid = ext2_le16(raw + IN_UID) | (uint32_t)ext2_le16(raw + IN_UID_HIGH) << 16;
	di->gid = ext2_le16(raw + IN_GID) | (uint32_t)ext2_le16(raw + IN_GID_HIGH) << 16;
	for (unsigned int i = 0; i < EXT2_NBLOCKS; i++)
		di->block[i] = ext2_le32(raw + IN_BLOCK + 4 * i);
	if (g->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		extra = ext2_le16(raw + IN_EXTRA_ISIZE);
		if (extra > g->inode_size - EXT2_GOOD_OLD_INODE_SIZE || extra % 4)
			return bad(why, "bad extra inode size");
	}
	di->atime = get_time(g, raw, IN_ATIME, IN_ATIME_EXTRA, extra);
	di->mtime = get_time(g, raw, IN_MTIME, IN_MTIME_EXTRA, extra);
	di->ctime = get_time(g, raw, IN_CTIME, IN_CTIME_EXTRA, extra);
	if (!di->links || !di->mode)
		return bad(why, "inode not in use");
	if (!check_type(di->mode))
		return bad(why, "unknown file type");
	if (di->flags & EXT2_BAD_FLAGS)
		return bad(why, "extents or inline data (not ext2)");
	if (di->file_acl && (di->file_acl < g->first_data_block || di->file_acl >= g->blocks_count))
		return bad(why, "attribute block out of range");
	if (TS_S_ISREG(di->mode)) {
		di->size |= (uint64_t)ext2_le32(raw + IN_SIZE_HIGH) << 32;
		if (di->size > (uint64_t)ext2_max_size(g))
			return bad(why, "file size beyond the block map");
	} else if (TS_S_ISDIR(di->mode)) {
		if (!di->size || di->size % g->bs)
			return bad(why, "directory size not a whole number of blocks");
		if (di->size > EXT2_DIR_MAX)
			return bad(why, "directory larger than 128 MiB");
	} else if (TS_S_ISLNK(di->mode)) {
		uint64_t ea = di->file_acl ? g->bs / 512 : 0;

		if (!di->size || di->size >= g->bs || di->size >= TS_VFS_PATH_MAX)
			return bad(why, "bad symbolic link length");
		if (di->blocks == ea && di->size > EXT2_FAST_LINK_MAX)
			return bad(why, "fast symbolic link too long");
	} else {
		di->size = 0;
	}
	return 0;
}

int ext2_check_dirent(const struct ext2_geom *g, const uint8_t *blk, uint32_t off,
		      struct ext2_dirent *de, const char **why)
{
	const uint8_t *p = blk + off;

	if (off % 4 || off + 8 > g->bs)
		return bad(why, "entry outside its block");
	de->ino = ext2_le32(p + DE_INODE);
	de->rec_len = ext2_le16(p + DE_REC_LEN);
	if (g->incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) {
		de->name_len = p[DE_NAME_LEN];
		de->type = p[DE_TYPE];
	} else {
		de->name_len = ext2_le16(p + DE_NAME_LEN);
		de->type = 0;
	}
	de->name = (const char *)p + DE_NAME;
	if (de->rec_len < 12 || de->rec_len % 4 || de->rec_len > g->bs - off)
		return bad(why, "bad record length");
	if (de->name_len > EXT2_NAME_MAX || de->name_len + 8 > de->rec_len)
		return bad(why, "name longer than its record");
	if (de->ino > g->inodes_count)
		return bad(why, "inode number out of range");
	if (de->ino && !de->name_len)
		return bad(why, "empty name");
	return 0;
}

int ext2_check_xattr(const uint8_t *blk, uint32_t *refs, const char **why)
{
	if (ext2_le32(blk) != EXT2_XATTR_MAGIC)
		return bad(why, "attribute block with a bad magic number");
	*refs = ext2_le32(blk + XA_REFCOUNT);
	if (!*refs)
		return bad(why, "attribute block without users");
	return 0;
}
