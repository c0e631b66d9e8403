/* req.c: requests — the one place they are checked, then submission, completion and waiting. */
#include <stddef.h>
#include <ts/errno.h>
#include "blk_impl.h"

/* Every request from above passes here before a driver sees it. */
static int check(const struct ts_blkdev *dev, const struct ts_blk_req *req)
{
	switch (req->op) {
	case TS_BLK_READ:
	case TS_BLK_WRITE:
		if (!req->buf || req->nsectors == 0 || req->nsectors > dev->max_sectors)
			return -EINVAL;
		if (req->sector > dev->nsectors || req->nsectors > dev->nsectors - req->sector)
			return -EINVAL;
		if (req->op == TS_BLK_WRITE && (dev->flags & TS_BLKF_READONLY))
			return -EROFS;
		return 0;
	case TS_BLK_FLUSH:
		return req->nsectors == 0 ? 0 : -EINVAL;
	}
	return -EINVAL;
}

void ts_blk_complete(struct ts_blk_req *req, int status)
{
	req->status = status;
	__atomic_store_n(&req->completed, 1, __ATOMIC_RELEASE);
	if (req->done)
		req->done(req);
}

int ts_blk_submit(struct ts_blkdev *dev, struct ts_blk_req *req)
{
	int r = check(dev, req);

	if (r)
		return r;
	req->status = 0;
	req->completed = 0;
	if (req->op == TS_BLK_FLUSH && (dev->flags & TS_BLKF_READONLY)) {
		ts_blk_complete(req, 0); /* nothing was written: nothing to make durable */
		return 0;
	}
	for (;;) {
		blk_enter();
		r = dev->ops->submit(dev, req);
		if (r == -EAGAIN)
			dev->ops->poll(dev); /* room comes from completions */
		blk_leave();
		if (r != -EAGAIN)
			return r;
		blk_relax();
	}
}

int ts_blk_wait(struct ts_blkdev *dev, struct ts_blk_req *req)
{
	while (!__atomic_load_n(&req->completed, __ATOMIC_ACQUIRE)) {
		blk_poll(dev);
		if (!__atomic_load_n(&req->completed, __ATOMIC_ACQUIRE))
			blk_relax();
	}
	return req->status;
}
