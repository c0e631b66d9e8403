/* blk.c: virtio-blk — every virtio block device as a lib/blk disk (vda, vdb, ... in the monitor's order). */
#include <stddef.h>
#include <ts/blk.h>
#include <ts/errno.h>
#include <ts/initcall.h>
#include <ts/print.h>
#include <ts/virtio.h>

/* Features (virtio 1.x, 5.2.3). Without FLUSH a device has no write cache
 * (writes are durable when they complete): flush is then a no-op. */
#define F_SIZE_MAX (1ull << 1) /* size_max: bytes per data descriptor */
#define F_SEG_MAX (1ull << 2)  /* seg_max: data descriptors per request */
#define F_RO (1ull << 5)
#define F_FLUSH (1ull << 9)

/* Device configuration (5.2.4): little-endian, as the guest. */
#define CFG_CAPACITY 0 /* le64, in 512-byte sectors */
#define CFG_SIZE_MAX 8 /* le32 */
#define CFG_SEG_MAX 12 /* le32 */

/* Request header and status (5.2.6). */
#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4
#define S_OK 0

struct hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* One queue per disk; a request takes a header, its data and a status
 * descriptor. Largest request: 128 KiB, as Linux's default. */
#define QSIZE 64
#define SLOTS 16
#define MAX_SEGS (QSIZE - 2)
#define MAX_BYTES (128u * 1024)

/* A request in flight: the header and status byte the device reads and
 * writes live here, beside the lib/blk request they belong to. */
struct slot {
	struct hdr hdr;
	uint8_t status;
	struct ts_blk_req *req; /* NULL: free */
};

struct vblk {
	uint8_t ring[TS_VIRTQ_MEM(QSIZE)] __attribute__((aligned(16)));
	struct ts_blkdev blk;
	struct ts_virtio_dev vdev;
	struct ts_virtq vq;
	struct slot slot[SLOTS];
	int8_t slot_of[QSIZE];  /* head descriptor -> slot, -1: not posted */
	uint32_t seg_bytes;     /* largest data descriptor */
	int kick;               /* posted since the last notify */
	int broken;             /* the device misbehaved: no longer used */
};

static struct vblk disks[CONFIG_DRIVERS_VIRTIO_BLK_MAX];

/* The device broke its side of the protocol (a used ring naming a
 * descriptor we did not post): reset it, so that it no longer touches
 * the buffers, and fail everything in flight. */
static void vblk_break(struct vblk *d)
{
	d->broken = 1;
	d->vdev.ops->set_status(&d->vdev, 0);
	d->vdev.ops->set_status(&d->vdev, TS_VIRTIO_S_FAILED);
	for (unsigned int i = 0; i < SLOTS; i++) {
		struct ts_blk_req *req = d->slot[i].req;

		d->slot[i].req = NULL;
		if (req)
			ts_blk_complete(req, -EIO);
	}
	ts_pr_err("%s: virtio-blk device broke the queue protocol; no longer used\n", d->blk.name);
}

static int vblk_submit(struct ts_blkdev *blk, struct ts_blk_req *req)
{
	struct vblk *d = blk->priv;
	uint64_t addr[MAX_SEGS + 2];
	uint32_t len[MAX_SEGS + 2];
	uint32_t left = req->nsectors * TS_BLK_SECTOR;
	unsigned int n = 1, s;
	int head;

	if (d->broken)
		return -EIO;
	if (req->op == TS_BLK_FLUSH && !(d->vdev.features & F_FLUSH)) {
		ts_blk_complete(req, 0); /* no write cache: every completed write is durable */
		return 0;
	}
	for (s = 0; s < SLOTS && d->slot[s].req; s++)
		;
	if (s == SLOTS)
		return -EAGAIN;
	struct slot *sl = &d->slot[s];

	sl->hdr.type = req->op == TS_BLK_READ ? T_IN : req->op == TS_BLK_WRITE ? T_OUT : T_FLUSH;
	sl->hdr.reserved = 0;
	sl->hdr.sector = req->op == TS_BLK_FLUSH ? 0 : req->sector;
	sl->status = 0xff; /* a device that completes without writing it failed */
	addr[0] = (uintptr_t)&sl->hdr;
	len[0] = sizeof sl->hdr;
	for (uintptr_t p = (uintptr_t)req->buf; left; n++) {
		len[n] = left < d->seg_bytes ? left : d->seg_bytes;
		addr[n] = p;
		p += len[n];
		left -= len[n];
	}
	addr[n] = (uintptr_t)&sl->status;
	len[n] = 1;
	/* Header (and data for a write) to the device; data for a read, then
	 * status, from it. */
	head = req->op == TS_BLK_WRITE ? ts_virtq_add(&d->vq, addr, len, n, 1) :
					 ts_virtq_add(&d->vq, addr, len, 1, n);
	if (head < 0)
		return -EAGAIN; /* descriptors come back with completions */
	sl->req = req;
	d->slot_of[head] = (int8_t)s;
	d->kick = 1;
	return 0;
}

/* Notify once for everything posted since the last poll (one VM exit),
 * then complete what the device has finished. */
static void vblk_poll(struct ts_blkdev *blk)
{
	struct vblk *d = blk->priv;
	int head;

	if (d->broken)
		return;
	if (d->kick) {
		d->kick = 0;
		ts_virtq_kick(&d->vq, &d->vdev);
	}
	while ((head = ts_virtq_reclaim(&d->vq)) != -EAGAIN) {
		if (head < 0 || d->slot_of[head] < 0) {
			vblk_break(d);
			return;
		}
		struct slot *sl = &d->slot[d->slot_of[head]];
		struct ts_blk_req *req = sl->req;

		d->slot_of[head] = -1;
		sl->req = NULL;
		ts_blk_complete(req, *(volatile uint8_t *)&sl->status == S_OK ? 0 : -EIO);
	}
}

static const struct ts_blkdev_ops vblk_ops = { vblk_submit, vblk_poll };

static uint32_t cfg32(struct ts_virtio_dev *v, unsigned int off)
{
	uint32_t x;

	ts_virtio_config(v, off, &x, sizeof x);
	return x;
}

/* The largest request the device takes, in sectors (0: too small to use),
 * and the bytes per data descriptor. */
static uint32_t limits(struct vblk *d)
{
	uint64_t f = d->vdev.features, bytes;
	uint32_t segs = MAX_SEGS, size = MAX_BYTES;

	if ((f & F_SEG_MAX) && cfg32(&d->vdev, CFG_SEG_MAX) < segs)
		segs = cfg32(&d->vdev, CFG_SEG_MAX);
	if ((f & F_SIZE_MAX) && cfg32(&d->vdev, CFG_SIZE_MAX) < size)
		size = cfg32(&d->vdev, CFG_SIZE_MAX);
	d->seg_bytes = size;
	bytes = (uint64_t)segs * size;
	if (bytes > MAX_BYTES)
		bytes = MAX_BYTES;
	return (uint32_t)(bytes / TS_BLK_SECTOR);
}

/* Bring up the device found as d->vdev and register it. */
static int vblk_attach(struct vblk *d)
{
	uint64_t cap;
	int r;

	r = ts_virtio_negotiate(&d->vdev, F_SIZE_MAX | F_SEG_MAX | F_RO | F_FLUSH);
	if (r < 0)
		return r;
	ts_virtio_config(&d->vdev, CFG_CAPACITY, &cap, sizeof cap);
	d->blk = (struct ts_blkdev){ .nsectors = cap, .max_sectors = limits(d), .ops = &vblk_ops,
				     .priv = d };
	if (d->vdev.features & F_RO)
		d->blk.flags = TS_BLKF_READONLY;
	for (unsigned int i = 0; i < QSIZE; i++)
		d->slot_of[i] = -1;
	ts_virtq_init(&d->vq, d->ring, QSIZE);
	/* No capacity, or limits below 4 KiB a request: nothing to use. */
	r = cap == 0 ? -EINVAL : d->blk.max_sectors < 8 ? -ENOTSUP :
			d->vdev.ops->setup_queue(&d->vdev, 0, &d->vq);
	if (r < 0) {
		d->vdev.ops->set_status(&d->vdev, TS_VIRTIO_S_FAILED);
		return r;
	}
	ts_virtio_ready(&d->vdev);
	r = ts_blk_register(&d->blk);
	if (r == 0)
		ts_pr_debug("%s: virtio-blk, %llu sectors%s%s, %u per request\n", d->blk.name,
			    (unsigned long long)cap, d->blk.flags & TS_BLKF_READONLY ? ", read-only" : "",
			    d->vdev.features & F_FLUSH ? ", write cache" : "", d->blk.max_sectors);
	return r;
}

/*
 * Every virtio-blk device, in the transport's order (the order of the
 * monitor's command line). One that cannot be used stops the boot: going
 * on would give the disks after it the wrong names.
 */
static int vblk_init(void)
{
	struct ts_virtio_dev v;
	unsigned int n;
	int r;

	for (n = 0; ts_virtio_find(TS_VIRTIO_ID_BLOCK, n, &v) == 0; n++) {
		if (n == CONFIG_DRIVERS_VIRTIO_BLK_MAX) {
			ts_pr_err("virtio-blk: more than %d disks; the rest are not used\n",
				  CONFIG_DRIVERS_VIRTIO_BLK_MAX);
			break;
		}
		disks[n].vdev = v;
		r = vblk_attach(&disks[n]);
		if (r < 0) {
			ts_pr_err("virtio-blk: disk %u cannot be used (error %d)\n", n, r);
			return r;
		}
	}
	return 0;
}
TS_INITCALL(vblk_init, TS_INIT_PLAT, 5);
