/*
 * blk_test.c: host tests of the virtio-blk driver (blk.c, included here for
 * its static functions) on the real virtqueue code, through lib/blk,
 * against fake devices that serve the queue from memory when notified:
 * capacity, read-only, size_max/seg_max limits, several requests per
 * notify, flush with and without VIRTIO_BLK_F_FLUSH, a failed request, a
 * used ring naming a descriptor that was not posted.
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include "hosttest.h"
#include "../../blk.c"

#define EQ(a, b)                                                                       \
	do {                                                                           \
		long long a_ = (long long)(a), b_ = (long long)(b);                    \
		CHECK(a_ == b_, "line %d: %s is %lld, want %lld", __LINE__, #a, a_, b_); \
	} while (0)

int host_log_errors;
char host_log_last[256];

/* One fake virtio-blk device. */
struct fdev {
	uint64_t offered;
	uint32_t size_max, seg_max;
	uint64_t capacity;
	uint8_t cfg[16];      /* its configuration space, filled by fake_find */
	uint8_t *disk;
	uint8_t status;
	uint64_t features;
	struct ts_virtq *vq;
	uint16_t seen;        /* avail entries served */
	int async;            /* a device thread serves the queue, not the notify */
	volatile int stop;    /* ends the device thread */
	uint64_t bad_sector;  /* a request covering it gets status IOERR ... */
	int bad;              /* ... when set */
	int bogus;            /* answer the next request with a used id never posted */
	long notifies, requests, flushes, max_batch, violations, resets;
};

static struct fdev fdevs[6];
static unsigned int nfdevs;

static struct fdev *F(struct ts_virtio_dev *d)
{
	return (struct fdev *)(uintptr_t)d->base;
}

static uint64_t f_features(struct ts_virtio_dev *d) { return F(d)->offered; }
static void f_set_features(struct ts_virtio_dev *d, uint64_t f) { F(d)->features = f; }
static uint8_t f_status(struct ts_virtio_dev *d) { return F(d)->status; }

static void f_set_status(struct ts_virtio_dev *d, uint8_t s)
{
	if (s == 0)
		F(d)->resets++;
	F(d)->status = s;
}

static int f_setup_queue(struct ts_virtio_dev *d, unsigned idx, struct ts_virtq *vq)
{
	if (idx != 0 || F(d)->vq)
		return -EBUSY;
	F(d)->vq = vq;
	vq->index = 0;
	return 0;
}

/* Serve one chain: header, data, status, checked against the driver's
 * promises (flags, size_max, seg_max). Returns the bytes written. */
static uint32_t serve(struct fdev *f, uint16_t head)
{
	struct ts_virtq_desc *desc = f->vq->desc, *d = &desc[head];
	struct hdr *h = (struct hdr *)(uintptr_t)d->addr;
	uint32_t segs = 0, written = 0;
	uint64_t off;
	int in = h->type == T_IN, fail = 0;

	if (d->len != sizeof *h || (d->flags & TS_VIRTQ_DESC_F_WRITE) || !(d->flags & TS_VIRTQ_DESC_F_NEXT))
		f->violations++;
	off = h->sector * 512;
	f->requests++;
	if (h->type == T_FLUSH)
		f->flushes++;
	for (d = &desc[d->next]; d->flags & TS_VIRTQ_DESC_F_NEXT; d = &desc[d->next]) {
		segs++;
		if (d->len > f->size_max || !!(d->flags & TS_VIRTQ_DESC_F_WRITE) != in ||
		    off + d->len > f->capacity * 512 || h->type == T_FLUSH)
			f->violations++;
		else if (f->bad && f->bad_sector * 512 >= off && f->bad_sector * 512 < off + d->len)
			fail = 1;
		else if (in)
			memcpy((void *)(uintptr_t)d->addr, f->disk + off, d->len), written += d->len;
		else
			memcpy(f->disk + off, (void *)(uintptr_t)d->addr, d->len);
		off += d->len;
	}
	if (segs > f->seg_max || d->len != 1 || !(d->flags & TS_VIRTQ_DESC_F_WRITE))
		f->violations++;
	*(uint8_t *)(uintptr_t)d->addr = fail ? 1 : S_OK;
	return written + 1;
}

/* Serve every request the driver has made available. */
static void serve_all(struct fdev *f, struct ts_virtq *vq)
{
	long batch = 0;

	while (f->seen != __atomic_load_n(&vq->avail->idx, __ATOMIC_ACQUIRE)) {
		uint16_t head = vq->avail->ring[f->seen++ % vq->num];
		struct ts_virtq_used_elem *e = &vq->used->ring[vq->used->idx % vq->num];

		e->len = serve(f, head);
		e->id = f->bogus ? (head + 1u) % vq->num : head;
		f->bogus = 0;
		__atomic_store_n(&vq->used->idx, (uint16_t)(vq->used->idx + 1), __ATOMIC_RELEASE);
		batch++;
	}
	if (batch > f->max_batch)
		f->max_batch = batch;
}

/* Like QEMU with its I/O thread, only asynchronous: a notify wakes
 * nobody here; the device thread serves on its own. */
static void f_notify(struct ts_virtio_dev *dv, struct ts_virtq *vq)
{
	struct fdev *f = F(dv);

	f->notifies++;
	if (!f->async)
		serve_all(f, vq);
}

/* The device thread: holds requests back until `hold` are waiting (the
 * driver's queue is full), then serves as they come, until stopped. */
static void *device_thread(void *arg)
{
	struct fdev *f = arg;

	while ((uint16_t)(__atomic_load_n(&f->vq->avail->idx, __ATOMIC_ACQUIRE) - f->seen) < SLOTS)
		sched_yield();
	while (!f->stop) {
		serve_all(f, f->vq);
		sched_yield();
	}
	return NULL;
}

static const struct ts_virtio_ops fops = {
	f_features, f_set_features, f_status, f_set_status, f_setup_queue, f_notify,
};

/* The transport: the fake devices in order. */
static int fake_find(uint32_t id, unsigned n, struct ts_virtio_dev *dev)
{
	if (id != TS_VIRTIO_ID_BLOCK || n >= nfdevs)
		return -ENODEV;
	struct fdev *f = &fdevs[n];

	memcpy(f->cfg + CFG_CAPACITY, &f->capacity, 8);
	memcpy(f->cfg + CFG_SIZE_MAX, &f->size_max, 4);
	memcpy(f->cfg + CFG_SEG_MAX, &f->seg_max, 4);
	*dev = (struct ts_virtio_dev){ .ops = &fops, .base = (volatile uint8_t *)f, .id = id,
				       .devcfg = f->cfg, .devcfg_len = sizeof f->cfg };
	return 0;
}

/* The transport table the linker script makes in an image. */
const struct ts_virtio_transport fake_transports[1] = { { "fake", fake_find } };
__asm__(".globl __ts_virtio_transports_start\n.set __ts_virtio_transports_start, fake_transports\n"
	".globl __ts_virtio_transports_end\n.set __ts_virtio_transports_end, fake_transports + 16");

/* Forget every fake device and the driver's state of them. */
static void fdevs_clear(void)
{
	for (unsigned int i = 0; i < nfdevs; i++)
		free(fdevs[i].disk);
	nfdevs = 0;
	for (unsigned int i = 0; i < CONFIG_DRIVERS_VIRTIO_BLK_MAX; i++)
		disks[i] = (struct vblk){ 0 };
}

static struct fdev *fdev_add(uint64_t capacity, uint64_t extra)
{
	struct fdev *f = &fdevs[nfdevs++];

	*f = (struct fdev){ .offered = TS_VIRTIO_F_VERSION_1 | F_FLUSH | extra, .size_max = UINT32_MAX,
			    .seg_max = UINT32_MAX, .capacity = capacity };
	f->disk = calloc(capacity ? capacity : 1, 512);
	for (uint64_t i = 0; i < capacity * 512; i++)
		f->disk[i] = (uint8_t)(i * 7 + (i >> 9));
	return f;
}

/* Two disks, the second read-only with 4 KiB per descriptor and 5
 * descriptors per request; both registered, in order. */
static struct fdev *a, *b;

static void attach(void)
{
	a = fdev_add(2048, 0);
	b = fdev_add(64, F_RO | F_SIZE_MAX | F_SEG_MAX);
	b->size_max = 4096;
	b->seg_max = 5;
	EQ(vblk_init(), 0);
	struct ts_blkdev *va = ts_blk_find("vda"), *vb = ts_blk_find("vdb");

	CHECK(va && vb && va->priv == &disks[0] && vb->priv == &disks[1], "vda, vdb not in order");
	if (!va || !vb)
		return;
	EQ(va->nsectors, 2048);
	EQ(va->max_sectors, 256); /* 128 KiB */
	EQ(va->flags, 0);
	EQ(vb->flags, TS_BLKF_READONLY);
	EQ(vb->max_sectors, 40); /* 5 x 4 KiB */
	EQ(a->features, TS_VIRTIO_F_VERSION_1 | F_FLUSH);
	EQ(a->status & TS_VIRTIO_S_DRIVER_OK, TS_VIRTIO_S_DRIVER_OK);
}

static void round_trip(void)
{
	struct ts_blkdev *va = ts_blk_find("vda"), *vb = ts_blk_find("vdb");
	uint8_t *in = malloc(300 * 512), *out = malloc(300 * 512);

	for (int i = 0; i < 300 * 512; i++)
		in[i] = (uint8_t)(i * 13 + 5);
	EQ(ts_blk_write(va, 1000, in, 300), 0);
	EQ(memcmp(a->disk + 1000 * 512, in, 300 * 512), 0);
	EQ(ts_blk_read(va, 1000, out, 300), 0);
	EQ(memcmp(in, out, 300 * 512), 0);
	EQ(a->max_batch, 2); /* 300 = 256 + 44: both posted, one notify */
	EQ(ts_blk_read(vb, 0, out, 64), 0); /* 40 + 24 sectors, 4 KiB descriptors */
	EQ(memcmp(out, b->disk, 64 * 512), 0);
	EQ(ts_blk_write(vb, 0, in, 1), -EROFS);
	EQ(a->violations + b->violations, 0);
	free(in);
	free(out);
}

static void flush(void)
{
	struct ts_blkdev *va = ts_blk_find("vda"), *vb = ts_blk_find("vdb");
	long n = a->requests;

	EQ(ts_blk_flush(va), 0);
	EQ(a->flushes, 1);
	EQ(a->requests, n + 1);
	EQ(ts_blk_flush(vb), 0); /* read-only: nothing reaches the device */
	EQ(b->flushes, 0);
	/* A writable disk without VIRTIO_BLK_F_FLUSH has no write cache. */
	b->features = TS_VIRTIO_F_VERSION_1;
	disks[1].vdev.features = TS_VIRTIO_F_VERSION_1;
	vb->flags = 0;
	n = b->requests;
	EQ(ts_blk_flush(vb), 0);
	EQ(b->requests, n);
	vb->flags = TS_BLKF_READONLY;
	EQ(a->violations + b->violations, 0);
}

/* Requests the device holds back: the queue fills, lib/blk polls and
 * retries, every request completes. */
static void pending(void)
{
	struct ts_blkdev *va = ts_blk_find("vda");
	struct ts_blk_req r[SLOTS + 2];
	uint8_t buf[SLOTS + 2][512];

	pthread_t t;

	a->async = 1;
	a->max_batch = 0;
	pthread_create(&t, NULL, device_thread, a);
	for (int i = 0; i < SLOTS + 2; i++) {
		r[i] = (struct ts_blk_req){ .op = TS_BLK_READ, .sector = (uint64_t)i, .buf = buf[i], .nsectors = 1 };
		EQ(ts_blk_submit(va, &r[i]), 0);
	}
	for (int i = 0; i < SLOTS + 2; i++) {
		EQ(ts_blk_wait(va, &r[i]), 0);
		EQ(memcmp(buf[i], a->disk + i * 512, 512), 0);
	}
	a->stop = 1;
	pthread_join(t, NULL);
	a->async = 0;
	CHECK(a->max_batch >= SLOTS, "at most %ld requests at once", a->max_batch); /* the queue held 16 */
	EQ(a->violations, 0);
}

static void device_error(void)
{
	struct ts_blkdev *va = ts_blk_find("vda");
	uint8_t buf[16 * 512];

	a->bad = 1;
	a->bad_sector = 5;
	EQ(ts_blk_read(va, 0, buf, 16), -EIO);
	EQ(ts_blk_write(va, 4, buf, 2), -EIO);
	a->bad = 0;
	EQ(ts_blk_read(va, 0, buf, 16), 0); /* the disk is still in use */
	EQ(host_log_errors, 0);
}

/* A used ring naming a descriptor that was not posted: the device is
 * reset, the request fails, and the disk is no longer used. */
static void bogus_used(void)
{
	struct ts_blkdev *va = ts_blk_find("vda");
	uint8_t buf[512];
	long resets = a->resets, n;

	a->bogus = 1;
	EQ(ts_blk_read(va, 0, buf, 1), -EIO);
	EQ(a->resets, resets + 1);
	EQ(a->status, TS_VIRTIO_S_FAILED);
	EQ(host_log_errors, 1);
	CHECK(strstr(host_log_last, "vda") != NULL, "log: %s", host_log_last);
	n = a->requests;
	EQ(ts_blk_read(va, 0, buf, 1), -EIO);
	EQ(ts_blk_flush(va), -EIO);
	EQ(a->requests, n);
}

/* Devices the driver cannot use stop the boot: no capacity, or limits
 * below 4 KiB per request. */
static void unusable(void)
{
	fdevs_clear();
	EQ(fdev_add(0, 0) == &fdevs[0], 1);
	EQ(vblk_init(), -EINVAL);
	EQ(fdevs[0].status, TS_VIRTIO_S_FAILED);
	fdevs_clear();
	struct fdev *f = fdev_add(16, F_SIZE_MAX | F_SEG_MAX);

	f->size_max = 1024;
	f->seg_max = 2;
	EQ(vblk_init(), -ENOTSUP);
	EQ(f->status, TS_VIRTIO_S_FAILED);
	/* A legacy device (no VERSION_1) is refused too. */
	fdevs_clear();
	f = fdev_add(16, 0);
	f->offered = F_FLUSH;
	EQ(vblk_init(), -ENOTSUP);
	fdevs_clear();
}

int main(void)
{
	hosttest_run("attach: two disks in order, capacity, read-only, limits", attach);
	hosttest_run("300 sectors each way, several per notify, size_max/seg_max kept", round_trip);
	hosttest_run("flush: the device's command; none when read-only or without a cache", flush);
	hosttest_run("the device holds 16 requests back: the 17th waits for room, all complete", pending);
	hosttest_run("a request the device fails gives -EIO; the disk stays usable", device_error);
	hosttest_run("a used ring naming an unposted descriptor: -EIO, reset, disk retired", bogus_used);
	hosttest_run("unusable devices stop the boot", unusable);
	return hosttest_status();
}
