/*
 * cache.c: a small block cache with write-back. A fixed set of buffers,
 * found by block number through a hash table; unpinned ones sit in an LRU
 * list and the least recently used is reused, after writing it if dirty.
 * Dirty buffers otherwise reach the disk on sync (fsync, unmount).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ext2.h"

static uint32_t sectors(const struct ext2_fs *fs, uint32_t blocks)
{
	return blocks << (fs->g.log_bs - 9);
}

int ext2_dev_read(struct ext2_fs *fs, uint32_t blk, void *buf, uint32_t count)
{
	int err = ts_blk_read(fs->dev, (uint64_t)blk << (fs->g.log_bs - 9), buf, sectors(fs, count));

	return err ? -EIO : 0;
}

int ext2_dev_write(struct ext2_fs *fs, uint32_t blk, const void *buf, uint32_t count)
{
	int err = ts_blk_write(fs->dev, (uint64_t)blk << (fs->g.log_bs - 9), buf, sectors(fs, count));

	if (err)
		ext2_error(fs, "cannot write block %u (error %d)", blk, -err);
	return err == -EROFS ? -EROFS : err ? -EIO : 0;
}

static int dev_write(struct ext2_fs *fs, uint32_t blk, const void *buf)
{
	return ext2_dev_write(fs, blk, buf, 1);
}

static unsigned int hash(const struct ext2_fs *fs, uint32_t blk)
{
	return (blk * 2654435761u) & (fs->bhash_size - 1);
}

static void lru_remove(struct ext2_fs *fs, struct ext2_buf *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		fs->lru_head = b->next;
	if (b->next)
		b->next->prev = b->prev;
	else
		fs->lru_tail = b->prev;
	b->prev = b->next = NULL;
}

static void lru_append(struct ext2_fs *fs, struct ext2_buf *b)
{
	b->next = NULL;
	b->prev = fs->lru_tail;
	if (b->prev)
		b->prev->next = b;
	else
		fs->lru_head = b;
	fs->lru_tail = b;
}

static void lru_prepend(struct ext2_fs *fs, struct ext2_buf *b)
{
	b->prev = NULL;
	b->next = fs->lru_head;
	if (b->next)
		b->next->prev = b;
	else
		fs->lru_tail = b;
	fs->lru_head = b;
}

static void hash_remove(struct ext2_fs *fs, struct ext2_buf *b)
{
	struct ext2_buf **pp = &fs->bhash[hash(fs, b->blk)];

	while (*pp && *pp != b)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = b->hnext;
	b->hnext = NULL;
}

int ext2_cache_init(struct ext2_fs *fs, unsigned int kb)
{
	unsigned int n = (unsigned int)(((uint64_t)kb * 1024) >> fs->g.log_bs);

	if (n < 16)
		n = 16;
	fs->bhash_size = 1;
	while (fs->bhash_size < n)
		fs->bhash_size <<= 1;
	fs->bounce = malloc(EXT2_BOUNCE);
	fs->bufs = calloc(n, sizeof(*fs->bufs));
	fs->bhash = calloc(fs->bhash_size, sizeof(*fs->bhash));
	if (!fs->bufs || !fs->bhash || !fs->bounce)
		goto nomem;
	for (fs->nbufs = 0; fs->nbufs < n; fs->nbufs++) {
		struct ext2_buf *b = &fs->bufs[fs->nbufs];

		b->data = malloc(fs->g.bs);
		if (!b->data)
			goto nomem;
		lru_append(fs, b);
	}
	return 0;
nomem:
	ext2_cache_free(fs);
	return -ENOMEM;
}

void ext2_cache_free(struct ext2_fs *fs)
{
	for (unsigned int i = 0; i < fs->nbufs; i++)
		free(fs->bufs[i].data);
	free(fs->bufs);
	free(fs->bhash);
	free(fs->bounce);
	fs->bounce = NULL;
	fs->bufs = NULL;
	fs->bhash = NULL;
	fs->nbufs = 0;
}

static struct ext2_buf *lookup(struct ext2_fs *fs, uint32_t blk)
{
	struct ext2_buf *b;

	for (b = fs->bhash[hash(fs, blk)]; b; b = b->hnext)
		if (b->blk == blk)
			return b;
	return NULL;
}

static void pin(struct ext2_fs *fs, struct ext2_buf *b)
{
	if (!b->pins++)
		lru_remove(fs, b);
}

/* A buffer for blk: the cached one, or the least recently used one
 * (written first if dirty) given to blk, not valid yet. */
static int get(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out)
{
	struct ext2_buf *b = lookup(fs, blk);
	int err;

	if (b) {
		pin(fs, b);
		*out = b;
		return 0;
	}
	b = fs->lru_head;
	if (!b)
		return -ENOMEM; /* every buffer pinned: a driver bug, but not worth a crash */
	if (b->valid && b->dirty) {
		err = dev_write(fs, b->blk, b->data);
		if (err)
			return err;
		b->dirty = 0;
	}
	if (b->valid)
		hash_remove(fs, b);
	b->valid = 0;
	b->blk = blk;
	pin(fs, b);
	*out = b;
	return 0;
}

/* A buffer that could not be filled goes back, first in line for reuse. */
static void discard(struct ext2_fs *fs, struct ext2_buf *b)
{
	b->pins = 0;
	b->valid = 0;
	lru_prepend(fs, b);
}

int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out)
{
	struct ext2_buf *b;
	int err = get(fs, blk, &b);

	if (err)
		return err;
	if (!b->valid) {
		err = ext2_dev_read(fs, blk, b->data, 1);
		if (err) {
			ext2_error(fs, "cannot read block %u", blk);
			discard(fs, b);
			return err;
		}
		b->valid = 1;
		b->dirty = 0;
		b->hnext = fs->bhash[hash(fs, blk)];
		fs->bhash[hash(fs, blk)] = b;
	}
	*out = b;
	return 0;
}

int ext2_bget_zero(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out)
{
	struct ext2_buf *b;
	int err = get(fs, blk, &b);

	if (err)
		return err;
	if (!b->valid) {
		b->valid = 1;
		b->hnext = fs->bhash[hash(fs, blk)];
		fs->bhash[hash(fs, blk)] = b;
	}
	memset(b->data, 0, fs->g.bs);
	b->dirty = 1;
	*out = b;
	return 0;
}

int ext2_bcached(struct ext2_fs *fs, uint32_t blk)
{
	return lookup(fs, blk) != NULL;
}

void ext2_brelse(struct ext2_fs *fs, struct ext2_buf *b)
{
	TS_ASSERT(b->pins > 0);
	if (!--b->pins)
		lru_append(fs, b);
}

void ext2_bdirty(struct ext2_buf *b)
{
	b->dirty = 1;
}

void ext2_bforget(struct ext2_fs *fs, uint32_t blk)
{
	struct ext2_buf *b = lookup(fs, blk);

	if (!b)
		return;
	b->dirty = 0;
	if (b->pins)
		return; /* its holder releases it; a clean copy is harmless */
	hash_remove(fs, b);
	b->valid = 0;
	lru_remove(fs, b);
	lru_prepend(fs, b);
}

int ext2_cache_writeback(struct ext2_fs *fs)
{
	int first = 0;

	for (unsigned int i = 0; i < fs->nbufs; i++) {
		struct ext2_buf *b = &fs->bufs[i];
		int err;

		if (!b->valid || !b->dirty)
			continue;
		err = dev_write(fs, b->blk, b->data);
		if (err) {
			if (!first)
				first = err;
			continue;
		}
		b->dirty = 0;
	}
	return first;
}
