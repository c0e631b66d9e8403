/* sync.c: synchronous reads, writes and flushes of any length, split into requests the device takes. */
#include <stddef.h>
#include <ts/errno.h>
#include "blk_impl.h"

/* Requests in flight per transfer: enough to keep a queue busy while the
 * caller waits for the oldest, few enough for the caller's stack. */
#define WINDOW 4

/* Move nsectors at sector through requests of at most max_sectors each,
 * up to WINDOW at once, completed in order. Every submitted request is
 * waited for before returning, even after an error: they use buf. */
static int transfer(struct ts_blkdev *dev, enum ts_blk_op op, uint64_t sector, char *buf,
		    uint64_t nsectors)
{
	struct ts_blk_req reqs[WINDOW];
	unsigned int oldest = 0, inflight = 0;
	int err = 0, r;

	if (!dev || !buf || sector > dev->nsectors || nsectors > dev->nsectors - sector)
		return -EINVAL;
	if (op == TS_BLK_WRITE && (dev->flags & TS_BLKF_READONLY))
		return -EROFS;
	while (inflight || (nsectors && !err)) {
		if (nsectors && !err && inflight < WINDOW) {
			struct ts_blk_req *q = &reqs[(oldest + inflight) % WINDOW];
			uint32_t n = nsectors < dev->max_sectors ? (uint32_t)nsectors : dev->max_sectors;

			*q = (struct ts_blk_req){ .op = op, .sector = sector, .buf = buf, .nsectors = n };
			r = ts_blk_submit(dev, q);
			if (r) {
				err = r;
				continue;
			}
			inflight++;
			sector += n;
			buf += (size_t)n * TS_BLK_SECTOR;
			nsectors -= n;
			continue;
		}
		r = ts_blk_wait(dev, &reqs[oldest]);
		if (r && !err)
			err = r;
		oldest = (oldest + 1) % WINDOW;
		inflight--;
	}
	return err;
}

int ts_blk_read(struct ts_blkdev *dev, uint64_t sector, void *buf, uint64_t nsectors)
{
	return transfer(dev, TS_BLK_READ, sector, buf, nsectors);
}

int ts_blk_write(struct ts_blkdev *dev, uint64_t sector, const void *buf, uint64_t nsectors)
{
	/* The request's buffer is not const (reads fill it); a write only reads it. */
	return transfer(dev, TS_BLK_WRITE, sector, (char *)(uintptr_t)buf, nsectors);
}

int ts_blk_flush(struct ts_blkdev *dev)
{
	struct ts_blk_req req = { .op = TS_BLK_FLUSH };
	int r;

	if (!dev)
		return -EINVAL;
	r = ts_blk_submit(dev, &req);
	return r ? r : ts_blk_wait(dev, &req);
}
