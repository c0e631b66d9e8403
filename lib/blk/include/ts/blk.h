/* lib/blk: block devices — one interface for the drivers below it and the filesystems above. */
#ifndef TS_BLK_H
#define TS_BLK_H

/*
 * A driver (virtio-blk on QEMU, the tvm block device) fills a struct
 * ts_blkdev and registers it; filesystems find devices by name and move
 * whole sectors with requests. Names are Linux's for virtio disks: "vda",
 * "vdb", ... in the order the disks were given to the monitor (tess run
 * --disk, on every monitor). All calls return 0 or -errno (Linux values).
 *
 * Requests are asynchronous at the driver (submit, then completion), so a
 * driver with a queue can keep several in flight; ts_blk_read/write/flush
 * are the synchronous form most callers want: they split a transfer into
 * requests the device accepts and wait for them.
 */

#include <stddef.h>
#include <stdint.h>

#define TS_BLK_SECTOR 512 /* every size and position here is in 512-byte sectors */

struct ts_blkdev;

enum ts_blk_op {
	TS_BLK_READ = 0,
	TS_BLK_WRITE = 1,
	TS_BLK_FLUSH = 2, /* everything completed before it is on stable storage */
};

/*
 * One request. The caller fills op, sector, buf, nsectors (0 for a flush),
 * and optionally done/priv; it must not touch the request until it has
 * completed. On completion the driver sets status (0 or -EIO, -EROFS, ...)
 * and calls done (if set) through ts_blk_complete.
 */
struct ts_blk_req {
	enum ts_blk_op op;
	uint64_t sector;
	void *buf;               /* nsectors * 512 bytes; in RAM the device can reach */
	uint32_t nsectors;
	volatile int status;     /* out */
	volatile int completed;  /* out: set by ts_blk_complete, before done runs */
	void (*done)(struct ts_blk_req *req);
	void *priv;              /* the caller's */
};

/*
 * A driver's side. lib/blk calls submit and poll one at a time per device
 * (inside a critical section against preemption), so a driver needs no
 * lock of its own; neither may block or yield.
 */
struct ts_blkdev_ops {
	/*
	 * Start req (already checked by lib/blk: within the device, at most
	 * max_sectors, no write to a read-only device). 0 when queued (or
	 * completed at once); -EAGAIN when the queue is full (lib/blk polls
	 * and retries); -EIO when the device can no longer be used (req is
	 * not queued).
	 */
	int (*submit)(struct ts_blkdev *dev, struct ts_blk_req *req);
	/* Complete what the device has finished (ts_blk_complete per request).
	 * Polled devices do their work here; may be called at any time. */
	void (*poll)(struct ts_blkdev *dev);
};

#define TS_BLKF_READONLY 1u

struct ts_blkdev {
	const char *name;             /* "vda", ...: set by ts_blk_register */
	uint64_t nsectors;            /* capacity */
	uint32_t max_sectors;         /* largest request the driver accepts (>= 8) */
	unsigned int flags;           /* TS_BLKF_* */
	const struct ts_blkdev_ops *ops;
	void *priv;                   /* the driver's */
	struct ts_blkdev *next;       /* lib/blk's list */
};

/*
 * Add dev under the next free name "vd" + letter (registration order is the
 * order the disks were given; drivers register at the driver init level).
 * 0, or -ENOSPC beyond "vdz", -EINVAL for a device without capacity, ops
 * or max_sectors.
 */
int ts_blk_register(struct ts_blkdev *dev);

/* The device called name ("vda" or "/dev/vda"), or NULL. */
struct ts_blkdev *ts_blk_find(const char *name);

/* The n-th registered device (from 0), or NULL: for listing them. */
struct ts_blkdev *ts_blk_get(unsigned int n);

/*
 * Submit req after checking it: -EINVAL (range beyond the device, 0 or
 * too many sectors for a read or write, bad op, NULL buf), -EROFS (a
 * write to a read-only device; a flush there completes at once with 0),
 * -EIO (the device failed for good). On an error req is not queued and
 * done is not called. 0 when it was queued (or completed at once);
 * completion may come later. While the device's queue is full it waits
 * for room (polling, letting other threads run). Safe from several
 * threads at once.
 */
int ts_blk_submit(struct ts_blkdev *dev, struct ts_blk_req *req);

/* For drivers (from submit or poll): req is finished with status; sets
 * status and completed, then calls req->done, which may reuse or free req. */
void ts_blk_complete(struct ts_blk_req *req, int status);

/* Wait (polling the device, letting other threads run when a scheduler
 * is linked) until req, submitted with 0, has completed; returns its
 * status. */
int ts_blk_wait(struct ts_blkdev *dev, struct ts_blk_req *req);

/*
 * Synchronous transfers of any length: nsectors from sector into / from
 * buf, split into requests of at most max_sectors, several in flight at
 * once. 0 (also for nsectors 0 within the device), -EINVAL (any part
 * beyond the device, NULL buf), -EROFS (write to a read-only device),
 * -EIO (the device failed: part of the transfer may have happened).
 * Safe from several threads at once, on one device or several.
 */
int ts_blk_read(struct ts_blkdev *dev, uint64_t sector, void *buf, uint64_t nsectors);
int ts_blk_write(struct ts_blkdev *dev, uint64_t sector, const void *buf, uint64_t nsectors);

/* Make every completed write durable (virtio-blk flush, tvm: host
 * fdatasync). 0 (at once on a read-only device), -EIO. */
int ts_blk_flush(struct ts_blkdev *dev);

#endif
