/*
 * dir.c: directory blocks — entries checked one by one as they are walked
 * (ext2_check_dirent), finding, adding (into the slack of an entry, or a
 * new block), removing (merged into the entry before it), pointing an
 * entry elsewhere, "." and "..", and listing by byte position.
 */
#include <errno.h>
#include <string.h>
#include "ext2.h"

#define NO_PREV UINT32_MAX

struct walk {
	struct ext2_fs *fs;
	struct ext2_node *d;
	struct ext2_buf *b;     /* the block being walked, pinned */
	uint64_t lbn;
	uint32_t off, prev;     /* this entry's offset, the previous one's (NO_PREV) */
	struct ext2_dirent de;
	void *arg;
};

/* Directory block lbn of d, read. A hole in a directory is damage. */
static int dir_block(struct ext2_fs *fs, struct ext2_node *d, uint64_t lbn, int create,
		     struct ext2_buf **out)
{
	uint32_t blk;
	int fresh, err = ext2_bmap(fs, d, lbn, create, &blk, &fresh);

	if (err)
		return err;
	if (!blk)
		return ext2_corrupt(fs, "directory", (uint32_t)d->vn.ino, "hole in the directory");
	return fresh ? ext2_bget_zero(fs, blk, out) : ext2_bread(fs, blk, out);
}

/*
 * Call fn for every entry of d from byte position from on, block by block
 * (fn may change the block, marking it dirty). fn returns 0 to go on, 1
 * to stop, or -errno. walk returns 1 (stopped), 0 (the end) or -errno.
 */
static int walk(struct ext2_fs *fs, struct ext2_node *d, uint64_t from, int (*fn)(struct walk *),
		void *arg)
{
	struct walk w = { .fs = fs, .d = d, .arg = arg };
	uint64_t nblocks = (uint64_t)d->vn.size >> fs->g.log_bs;
	int r = 0;

	for (w.lbn = from >> fs->g.log_bs; w.lbn < nblocks && !r; w.lbn++) {
		uint32_t start = w.lbn == from >> fs->g.log_bs ? (uint32_t)(from & (fs->g.bs - 1)) : 0;
		const char *why;

		r = dir_block(fs, d, w.lbn, 0, &w.b);
		if (r)
			return r;
		w.prev = NO_PREV;
		for (w.off = 0; w.off < fs->g.bs && !r; w.off += w.de.rec_len) {
			if (ext2_check_dirent(&fs->g, w.b->data, w.off, &w.de, &why)) {
				r = ext2_corrupt(fs, "directory", (uint32_t)d->vn.ino, why);
				break;
			}
			if (w.off >= start)
				r = fn(&w);
			w.prev = w.off;
		}
		ext2_brelse(fs, w.b);
	}
	return r;
}

static uint8_t *entry(struct walk *w)
{
	return w->b->data + w->off;
}

static int is_name(const struct ext2_dirent *de, const char *name, size_t len)
{
	return de->ino && de->name_len == len && !memcmp(de->name, name, len);
}

struct find_arg {
	const char *name;
	size_t len;
	uint32_t ino;
	struct ext2_dirloc loc;
};

static int find_fn(struct walk *w)
{
	struct find_arg *a = w->arg;

	if (!is_name(&w->de, a->name, a->len))
		return 0;
	a->ino = w->de.ino;
	a->loc.lbn = w->lbn;
	a->loc.off = w->off;
	return 1;
}

int ext2_dir_find(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		  uint32_t *ino, struct ext2_dirloc *loc)
{
	struct find_arg a = { name, len, 0, { 0, 0 } };
	int r = walk(fs, d, 0, find_fn, &a);

	if (r < 0)
		return r;
	if (!r)
		return -ENOENT;
	*ino = a.ino;
	if (loc)
		*loc = a.loc;
	return 0;
}

/* The entry type byte for mode (with the filetype feature; 0 without). */
static uint8_t file_type(const struct ext2_fs *fs, mode_t mode)
{
	static const uint8_t types[16] = {
		[TS_S_IFREG >> 12] = 1, [TS_S_IFDIR >> 12] = 2, [TS_S_IFCHR >> 12] = 3,
		[TS_S_IFBLK >> 12] = 4, [TS_S_IFIFO >> 12] = 5, [TS_S_IFSOCK >> 12] = 6,
		[TS_S_IFLNK >> 12] = 7,
	};

	if (!(fs->g.incompat & EXT2_FEATURE_INCOMPAT_FILETYPE))
		return 0;
	return types[(mode & TS_S_IFMT) >> 12];
}

static void put_entry(const struct ext2_fs *fs, uint8_t *p, uint32_t ino, uint32_t rec_len,
		      const char *name, size_t len, mode_t mode)
{
	ext2_put32(p + DE_INODE, ino);
	ext2_put16(p + DE_REC_LEN, rec_len);
	p[DE_NAME_LEN] = (uint8_t)len;
	p[DE_TYPE] = file_type(fs, mode);
	memcpy(p + DE_NAME, name, len);
}

struct add_arg {
	const char *name;
	size_t len;
	uint32_t ino;
	mode_t mode;
};

/* Use a free entry big enough, or the slack after a used one. */
static int add_fn(struct walk *w)
{
	struct add_arg *a = w->arg;
	uint32_t need = EXT2_DE_LEN(a->len), used;

	if (!w->de.ino && w->de.rec_len >= need) {
		put_entry(w->fs, entry(w), a->ino, w->de.rec_len, a->name, a->len, a->mode);
	} else {
		used = w->de.ino ? EXT2_DE_LEN(w->de.name_len) : 0;
		if (!w->de.ino || w->de.rec_len - used < need)
			return 0;
		put_entry(w->fs, entry(w) + used, a->ino, w->de.rec_len - used, a->name, a->len,
			  a->mode);
		ext2_put16(entry(w) + DE_REC_LEN, used);
	}
	ext2_bdirty(w->b);
	return 1;
}

/* d changes: a hashed index would be stale, so it is dropped (the blocks
 * stay a valid linear directory), and the times move. */
static int changed(struct ext2_fs *fs, struct ext2_node *d)
{
	d->di.flags &= ~(uint32_t)EXT2_INDEX_FL;
	ext2_touch(d, 1);
	return ext2_iwrite(fs, d);
}

int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		 uint32_t ino, mode_t mode)
{
	struct add_arg a = { name, len, ino, mode };
	struct ext2_buf *b;
	uint64_t lbn = (uint64_t)d->vn.size >> fs->g.log_bs;
	int r = walk(fs, d, 0, add_fn, &a);

	if (r < 0)
		return r;
	if (!r) {
		if ((uint64_t)d->vn.size + fs->g.bs > EXT2_DIR_MAX)
			return -ENOSPC; /* see EXT2_DIR_MAX */
		r = dir_block(fs, d, lbn, 1, &b);
		if (r)
			return r;
		put_entry(fs, b->data, ino, fs->g.bs, name, len, mode);
		ext2_bdirty(b);
		ext2_brelse(fs, b);
		d->vn.size += fs->g.bs;
	}
	return changed(fs, d);
}

static int remove_fn(struct walk *w)
{
	struct find_arg *a = w->arg;

	if (!is_name(&w->de, a->name, a->len))
		return 0;
	if (w->prev == NO_PREV) {
		ext2_put32(entry(w) + DE_INODE, 0);
	} else {
		uint8_t *prev = w->b->data + w->prev;

		ext2_put16(prev + DE_REC_LEN, ext2_le16(prev + DE_REC_LEN) + w->de.rec_len);
	}
	ext2_bdirty(w->b);
	return 1;
}

int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len)
{
	struct find_arg a = { name, len, 0, { 0, 0 } };
	int r = walk(fs, d, 0, remove_fn, &a);

	if (r < 0)
		return r;
	if (!r)
		return -ENOENT;
	return changed(fs, d);
}

struct set_arg {
	struct find_arg f;
	mode_t mode;
};

static int set_fn(struct walk *w)
{
	struct set_arg *a = w->arg;

	if (!is_name(&w->de, a->f.name, a->f.len))
		return 0;
	ext2_put32(entry(w) + DE_INODE, a->f.ino);
	entry(w)[DE_TYPE] = file_type(w->fs, a->mode);
	ext2_bdirty(w->b);
	return 1;
}

int ext2_dir_set(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		 uint32_t ino, mode_t mode)
{
	struct set_arg a = { { name, len, ino, { 0, 0 } }, mode };
	int r = walk(fs, d, 0, set_fn, &a);

	if (r < 0)
		return r;
	if (!r)
		return -ENOENT;
	return changed(fs, d);
}

static int dots(const struct ext2_dirent *de)
{
	return (de->name_len == 1 && de->name[0] == '.')
		|| (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.');
}

static int empty_fn(struct walk *w)
{
	return w->de.ino && !dots(&w->de);
}

int ext2_dir_empty(struct ext2_fs *fs, struct ext2_node *d)
{
	int r = walk(fs, d, 0, empty_fn, NULL);

	return r < 0 ? r : !r;
}

int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *n, uint32_t parent)
{
	struct ext2_buf *b;
	int err = dir_block(fs, n, 0, 1, &b);

	if (err)
		return err;
	put_entry(fs, b->data, (uint32_t)n->vn.ino, 12, ".", 1, TS_S_IFDIR);
	put_entry(fs, b->data + 12, parent, fs->g.bs - 12, "..", 2, TS_S_IFDIR);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	n->vn.size = fs->g.bs;
	return ext2_iwrite(fs, n);
}

/* ".." is the second entry of the first block. */
static int dotdot(struct ext2_fs *fs, struct ext2_node *d, struct ext2_buf **b, uint32_t *off,
		  struct ext2_dirent *de)
{
	const char *why = "no \"..\" entry";
	int err = dir_block(fs, d, 0, 0, b);

	if (err)
		return err;
	if (!ext2_check_dirent(&fs->g, (*b)->data, 0, de, &why)) {
		*off = de->rec_len;
		if (!ext2_check_dirent(&fs->g, (*b)->data, *off, de, &why) && de->name_len == 2
		    && !memcmp(de->name, "..", 2) && de->ino)
			return 0;
	}
	ext2_brelse(fs, *b);
	return ext2_corrupt(fs, "directory", (uint32_t)d->vn.ino, why);
}

int ext2_dir_parent(struct ext2_fs *fs, struct ext2_node *d, uint32_t *ino)
{
	struct ext2_dirent de;
	struct ext2_buf *b;
	uint32_t off;
	int err = dotdot(fs, d, &b, &off, &de);

	if (err)
		return err;
	*ino = de.ino;
	ext2_brelse(fs, b);
	return 0;
}

int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_node *d, uint32_t parent)
{
	struct ext2_dirent de;
	struct ext2_buf *b;
	uint32_t off;
	int err = dotdot(fs, d, &b, &off, &de);

	if (err)
		return err;
	ext2_put32(b->data + off + DE_INODE, parent);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	return 0;
}

static unsigned int dtype(const struct ext2_fs *fs, uint32_t type)
{
	static const uint8_t dt[8] = { TS_DT_UNKNOWN, TS_DT_REG, TS_DT_DIR, TS_DT_CHR,
				       TS_DT_BLK, TS_DT_FIFO, TS_DT_SOCK, TS_DT_LNK };

	if (!(fs->g.incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) || type > 7)
		return TS_DT_UNKNOWN;
	return dt[type];
}

static int list_fn(struct walk *w)
{
	off_t next = (off_t)((w->lbn << w->fs->g.log_bs) + w->off + w->de.rec_len);

	if (!w->de.ino)
		return 0;
	return ts_dir_emit(w->arg, w->de.name, w->de.name_len, w->de.ino, dtype(w->fs, w->de.type),
			   next) ? 1 : 0;
}

int ext2_dir_list(struct ext2_fs *fs, struct ext2_node *d, off_t pos, struct ts_dir_ctx *ctx)
{
	int r = walk(fs, d, (uint64_t)pos, list_fn, ctx);

	return r < 0 ? r : 0;
}
