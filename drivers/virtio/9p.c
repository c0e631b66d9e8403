/* 9p.c: virtio-9p — lib/9pfs's transport on QEMU (-virtfs / virtio-9p-device / virtio-9p-pci), found by mount tag. */
#include <string.h>
#include <ts/9pfs.h>
#include <ts/errno.h>
#include <ts/plat/time.h>
#include <ts/virtio.h>

#define MAX_DEVS 8
#define QSIZE 4                  /* one request in flight: 2 descriptors */
#define F_MOUNT_TAG (1ull << 0)  /* the configuration holds tag_len[2] tag[] */
#define TAG_MAX 255
#define MAX_MSIZE (1u << 20)
/* A request QEMU has not answered after this long never will be: the
 * channel is then given up (its buffers may still be written). */
#define TIMEOUT_NS (60ull * 1000000000ull)

struct vchan {
	struct ts_9p_chan c;
	struct ts_virtio_dev dev;
	struct ts_virtq vq;
	uint8_t ring[TS_VIRTQ_MEM(QSIZE)] __attribute__((aligned(16)));
	int open, broken;
};
static struct vchan chans[MAX_DEVS];

static long v9p_rpc(struct ts_9p_chan *c, const void *req, uint32_t reqlen, void *rep,
		    uint32_t cap)
{
	struct vchan *v = (struct vchan *)c;
	uint64_t addr[2] = { (uintptr_t)req, (uintptr_t)rep };
	uint32_t len[2] = { reqlen, cap }, written = 0;
	uint64_t deadline = ts_plat_monotonic_ns() + TIMEOUT_NS;
	int r;

	if (v->broken)
		return -EIO;
	if (reqlen > MAX_MSIZE || cap > MAX_MSIZE)
		return -EMSGSIZE;
	if (ts_virtq_add(&v->vq, addr, len, 1, 1) < 0)
		return -EIO;
	ts_virtq_kick(&v->vq, &v->dev);
	while ((r = ts_virtq_reclaim_len(&v->vq, &written)) == -EAGAIN) {
		if (ts_plat_monotonic_ns() > deadline) {
			v->broken = 1;
			return -ETIMEDOUT;
		}
		__asm__ volatile("pause");
	}
	if (r < 0) {
		v->broken = 1;
		return -EIO;
	}
	return written > cap ? -EIO : (long)written;
}

static void v9p_close(struct ts_9p_chan *c)
{
	struct vchan *v = (struct vchan *)c;

	v->dev.ops->set_status(&v->dev, 0); /* reset: the device forgets the queue */
	v->open = 0;
}

static const struct ts_9p_chan_ops v9p_ops = { v9p_rpc, v9p_close };

/* Does dev's mount tag equal tag? */
static int tag_is(struct ts_virtio_dev *dev, const char *tag)
{
	char have[TAG_MAX + 1];
	uint16_t n;

	if (!(dev->ops->features(dev) & F_MOUNT_TAG))
		return 0;
	ts_virtio_config(dev, 0, &n, 2);
	if (n == 0 || n > TAG_MAX || n != strlen(tag))
		return 0;
	ts_virtio_config(dev, 2, have, n);
	return memcmp(have, tag, n) == 0;
}

static int v9p_start(struct vchan *v)
{
	memset(v->ring, 0, sizeof(v->ring));
	if (ts_virtio_negotiate(&v->dev, F_MOUNT_TAG) < 0)
		return -EIO;
	ts_virtq_init(&v->vq, v->ring, QSIZE);
	if (v->dev.ops->setup_queue(&v->dev, 0, &v->vq) < 0) {
		v->dev.ops->set_status(&v->dev, TS_VIRTIO_S_FAILED);
		return -EIO;
	}
	ts_virtio_ready(&v->dev);
	return 0;
}

static int v9p_open(const char *tag, struct ts_9p_chan **out)
{
	for (unsigned n = 0; n < MAX_DEVS; n++) {
		struct vchan *v = &chans[n];
		struct ts_virtio_dev dev;
		int err;

		if (ts_virtio_find(TS_VIRTIO_ID_9P, n, &dev) < 0)
			break;
		if (!tag_is(&dev, tag))
			continue;
		if (v->open)
			return -EBUSY;
		v->dev = dev;
		v->broken = 0;
		err = v9p_start(v);
		if (err)
			return err;
		v->c = (struct ts_9p_chan){ &v9p_ops, MAX_MSIZE, 0 };
		v->open = 1;
		*out = &v->c;
		return 0;
	}
	return -ENODEV;
}

static struct ts_9p_transport virtio_9p = { .name = "virtio", .open = v9p_open };
TS_9P_TRANSPORT_REGISTER(virtio_9p);
