/* blk.c: tvm's block devices as lib/blk disks (vda, vdb, ... in the order given to tvm). */
#include <stddef.h>
#include <ts/blk.h>
#include <ts/errno.h>
#include <ts/initcall.h>
#include <ts/tvm.h>

/* A hypercall does the whole request before the guest's next instruction:
 * submit completes it at once and poll has nothing to do. */
struct tvm_disk {
	struct ts_blkdev blk;
	unsigned int id; /* tvm's device id */
};

static struct tvm_disk disks[TVM_MAX_DEVICES];

static int tvm_disk_submit(struct ts_blkdev *blk, struct ts_blk_req *req)
{
	struct tvm_disk *d = blk->priv;
	int r;

	if (req->op == TS_BLK_READ)
		r = ts_tvm_blk_read(d->id, req->sector, req->buf, req->nsectors);
	else if (req->op == TS_BLK_WRITE)
		r = ts_tvm_blk_write(d->id, req->sector, req->buf, req->nsectors);
	else
		r = ts_tvm_blk_flush(d->id);
	/* lib/blk checked range and rights; what remains is the host's
	 * failure (pwrite's ENOSPC, EIO, ...) or a buffer outside RAM, which
	 * virtio-blk reports as a failed request too: -EIO on both. */
	ts_blk_complete(req, r == 0 ? 0 : -EIO);
	return 0;
}

static void tvm_disk_poll(struct ts_blkdev *blk)
{
	(void)blk;
}

static const struct ts_blkdev_ops tvm_disk_ops = { tvm_disk_submit, tvm_disk_poll };

static int tvm_blk_init(void)
{
	int id, r;

	for (unsigned int n = 0; (id = ts_tvm_dev_find(TVM_DEV_BLOCK, n)) >= 0; n++) {
		const struct tvm_devinfo *info = ts_tvm_dev_info((unsigned int)id);
		struct tvm_disk *d = &disks[n];

		d->id = (unsigned int)id;
		d->blk = (struct ts_blkdev){ .nsectors = info->size, .max_sectors = TVM_BLK_MAX_SECTORS,
					     .ops = &tvm_disk_ops, .priv = d };
		if (info->flags & TVM_DEVF_READONLY)
			d->blk.flags = TS_BLKF_READONLY;
		r = ts_blk_register(&d->blk);
		if (r < 0)
			return r; /* the disks after it would get the wrong names */
	}
	return 0;
}
TS_INITCALL(tvm_blk_init, TS_INIT_PLAT, 5);
