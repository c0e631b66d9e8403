/*
 * file.c: regular files' data — reading (holes read as zeros), writing
 * (allocating blocks as it goes; a full disk ends the write short, keeping
 * what was written), and truncating.
 */
#include <errno.h>
#include <string.h>
#include "ext2.h"

static int before(const struct ts_timespec *a, const struct ts_timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

/* relatime: the access time moves only past a change, so steady reading
 * writes nothing. */
static void accessed(struct ext2_fs *fs, struct ext2_node *n)
{
	if (!before(&n->di.atime, &n->di.mtime) && !before(&n->di.atime, &n->di.ctime))
		return;
	if (fs->forced_ro || (fs->mnt->flags & TS_MS_RDONLY) || ext2_begin_change(fs))
		return;
	ts_vfs_now(&n->di.atime);
	ext2_iwrite(fs, n);
}

/* Blocks a run past the cache may cover from here: at most a bounce
 * buffer's worth, and only whole blocks of the request. */
static uint32_t run_max(const struct ext2_fs *fs, size_t left)
{
	size_t n = left >> fs->g.log_bs, max = EXT2_BOUNCE >> fs->g.log_bs;

	return (uint32_t)(n < max ? n : max);
}

/*
 * Read, past the cache, a run of at least two whole blocks from file block
 * lbn that lie one after the other on the disk and are not cached (a
 * cached block may be newer than the disk): one request instead of one
 * per block. The bytes read, 0 when there is no such run here, or -errno.
 */
static ssize_t read_run(struct ext2_fs *fs, struct ext2_node *n, uint64_t lbn, uint8_t *dst,
			uint32_t max)
{
	uint32_t first, blk, cnt;
	int err;

	if (max < 2)
		return 0;
	err = ext2_bmap(fs, n, lbn, 0, &first, NULL);
	if (err || !first || ext2_bcached(fs, first))
		return err;
	for (cnt = 1; cnt < max; cnt++) {
		err = ext2_bmap(fs, n, lbn + cnt, 0, &blk, NULL);
		if (err)
			return err;
		if (blk != first + cnt || ext2_bcached(fs, blk))
			break;
	}
	if (cnt < 2)
		return 0;
	err = ext2_dev_read(fs, first, fs->bounce, cnt);
	if (err)
		return err;
	memcpy(dst, fs->bounce, (size_t)cnt << fs->g.log_bs);
	return (ssize_t)cnt << fs->g.log_bs;
}

ssize_t ext2_file_read(struct ext2_fs *fs, struct ext2_node *n, void *buf, size_t len, off_t off)
{
	uint8_t *dst = buf;
	size_t done = 0;

	if (off >= n->vn.size)
		return 0;
	if (len > (uint64_t)(n->vn.size - off))
		len = (size_t)(n->vn.size - off);
	while (done < len) {
		uint64_t at = (uint64_t)off + done;
		uint32_t in = (uint32_t)(at & (fs->g.bs - 1)), blk;
		size_t chunk = fs->g.bs - in;
		struct ext2_buf *b;
		int err;

		if (!in) {
			ssize_t r = read_run(fs, n, at >> fs->g.log_bs, dst + done, run_max(fs, len - done));

			if (r < 0)
				return done ? (ssize_t)done : r;
			if (r > 0) {
				done += (size_t)r;
				continue;
			}
		}
		if (chunk > len - done)
			chunk = len - done;
		err = ext2_bmap(fs, n, at >> fs->g.log_bs, 0, &blk, NULL);
		if (!err && blk)
			err = ext2_bread(fs, blk, &b);
		if (err)
			return done ? (ssize_t)done : err;
		if (blk) {
			memcpy(dst + done, b->data + in, chunk);
			ext2_brelse(fs, b);
		} else {
			memset(dst + done, 0, chunk); /* a hole */
		}
		done += chunk;
	}
	accessed(fs, n);
	return (ssize_t)done;
}

/* Files beyond 2 GiB need the large_file feature: set it the first time. */
static void large_file(struct ext2_fs *fs, off_t size)
{
	if (size <= 0x7fffffff || (fs->g.ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
		return;
	fs->g.ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	ext2_put32(fs->sb + SB_FEATURE_RO_COMPAT, fs->g.ro_compat);
	fs->meta_dirty = 1;
}

/*
 * Write, past the cache, whole blocks from file block lbn that are (or are
 * now allocated) one after the other on the disk: one request for up to a
 * bounce buffer's worth. Data reaches the disk before the inode that maps
 * it. The bytes written, 0 when fewer than two blocks line up here (the
 * caller goes block by block), or -errno.
 */
static ssize_t write_run(struct ext2_fs *fs, struct ext2_node *n, uint64_t lbn,
			 const uint8_t *src, uint32_t max)
{
	uint32_t first, blk, cnt;
	int fresh, err;

	if (max < 2)
		return 0;
	err = ext2_bmap(fs, n, lbn, 1, &first, NULL);
	if (err)
		return err;
	for (cnt = 1; cnt < max; cnt++) {
		if (ext2_bmap(fs, n, lbn + cnt, 1, &blk, &fresh))
			break; /* a full disk: write what lines up so far */
		if (blk != first + cnt) {
			struct ext2_buf *b;

			/* a new block that will not be written now must not
			 * show what it held before */
			if (fresh && !ext2_bget_zero(fs, blk, &b))
				ext2_brelse(fs, b);
			break;
		}
	}
	if (cnt < 2)
		return 0;
	for (uint32_t i = 0; i < cnt; i++)
		ext2_bforget(fs, first + i); /* older than what is written now */
	memcpy(fs->bounce, src, (size_t)cnt << fs->g.log_bs);
	err = ext2_dev_write(fs, first, fs->bounce, cnt);
	return err ? err : (ssize_t)cnt << fs->g.log_bs;
}

ssize_t ext2_file_write(struct ext2_fs *fs, struct ext2_node *n, const void *buf, size_t len,
			off_t off)
{
	const uint8_t *src = buf;
	size_t done = 0;
	int err = 0;

	while (done < len) {
		uint64_t at = (uint64_t)off + done;
		uint32_t in = (uint32_t)(at & (fs->g.bs - 1)), blk;
		size_t chunk = fs->g.bs - in;
		struct ext2_buf *b;
		int fresh;

		if (!in) {
			ssize_t r = write_run(fs, n, at >> fs->g.log_bs, src + done, run_max(fs, len - done));

			if (r < 0) {
				err = (int)r;
				break;
			}
			if (r > 0) {
				done += (size_t)r;
				continue;
			}
		}
		if (chunk > len - done)
			chunk = len - done;
		err = ext2_bmap(fs, n, at >> fs->g.log_bs, 1, &blk, &fresh);
		if (err)
			break;
		/* a new block, or one overwritten whole, need not be read */
		if (fresh || chunk == fs->g.bs)
			err = ext2_bget_zero(fs, blk, &b);
		else
			err = ext2_bread(fs, blk, &b);
		if (err)
			break;
		memcpy(b->data + in, src + done, chunk);
		ext2_bdirty(b);
		ext2_brelse(fs, b);
		done += chunk;
	}
	if (!done)
		return err ? err : 0;
	if (off + (off_t)done > n->vn.size) {
		n->vn.size = off + (off_t)done;
		large_file(fs, n->vn.size);
	}
	ext2_touch(n, 1);
	ext2_iwrite(fs, n);
	return (ssize_t)done;
}

/* Zero the bytes of the block holding position len that lie past it, so
 * growing the file later shows zeros there. */
static int zero_tail(struct ext2_fs *fs, struct ext2_node *n, off_t len)
{
	uint32_t in = (uint32_t)((uint64_t)len & (fs->g.bs - 1)), blk;
	struct ext2_buf *b;
	int err;

	if (!in)
		return 0;
	err = ext2_bmap(fs, n, (uint64_t)len >> fs->g.log_bs, 0, &blk, NULL);
	if (err || !blk)
		return err;
	err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	memset(b->data + in, 0, fs->g.bs - in);
	ext2_bdirty(b);
	ext2_brelse(fs, b);
	return 0;
}

int ext2_file_truncate(struct ext2_fs *fs, struct ext2_node *n, off_t len)
{
	off_t old = n->vn.size;
	int err = 0;

	if (len < old) {
		uint64_t first = ((uint64_t)len + fs->g.bs - 1) >> fs->g.log_bs;

		err = ext2_bmap_trunc(fs, n, first);
		if (!err)
			err = zero_tail(fs, n, len);
	}
	n->vn.size = len;
	large_file(fs, len);
	if (len != old)
		ext2_touch(n, 1);
	if (!err)
		err = ext2_iwrite(fs, n);
	return err;
}
