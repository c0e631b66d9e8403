/* rng.c: virtio-rng — host random bytes through one request queue; a seed source for lib/random. */
#include <ts/errno.h>
#include <string.h>
#include <ts/plat/time.h>
#include <ts/random.h>
#include <ts/virtio.h>
#include <ts/virtio_rng.h>

#define CHUNK 64
#define TIMEOUT_NS 1000000000ull /* a device that does not answer in 1 s is broken */

static uint8_t bounce[CHUNK] __attribute__((aligned(64)));
static uint8_t ring[TS_VIRTQ_MEM(1)] __attribute__((aligned(16)));
static struct ts_virtio_dev dev;
static struct ts_virtq vq;
static int state; /* 0 not probed, 1 ready, -1 none or broken */

static int setup(void)
{
	if (ts_virtio_find(TS_VIRTIO_ID_RNG, 0, &dev) < 0 || ts_virtio_negotiate(&dev, 0) < 0)
		return -1;
	ts_virtq_init(&vq, ring, 1);
	if (dev.ops->setup_queue(&dev, 0, &vq) < 0) {
		dev.ops->set_status(&dev, TS_VIRTIO_S_FAILED);
		return -1;
	}
	ts_virtio_ready(&dev);
	return 1;
}

/* One request of n (<= CHUNK) bytes: the count the device wrote, or -EIO. */
static int request(size_t n)
{
	uint64_t deadline = ts_plat_monotonic_ns() + TIMEOUT_NS;
	uint32_t written;
	int r;

	if (ts_virtq_add_in(&vq, (uintptr_t)bounce, (uint32_t)n) < 0)
		return -EIO;
	ts_virtq_kick(&vq, &dev);
	while ((r = ts_virtq_reclaim_len(&vq, &written)) == -EAGAIN) {
		if (ts_plat_monotonic_ns() > deadline)
			return -EIO; /* the buffer stays with the device: give it up */
		__asm__ volatile("pause");
	}
	/* The device may return fewer bytes than asked, never more. */
	if (r < 0 || written > n)
		return -EIO;
	return (int)written;
}

int ts_virtio_rng_read(void *buf, size_t len)
{
	uint8_t *p = buf;
	int empty = 0; /* answers without a byte: a device may give less, not nothing forever */

	if (state == 0)
		state = setup();
	if (state < 0)
		return -ENODEV;
	while (len) {
		int n = request(len < CHUNK ? len : CHUNK);

		if (n < 0 || (n == 0 && ++empty == 100)) {
			state = -1;
			memset(bounce, 0, sizeof bounce);
			return -EIO;
		}
		memcpy(p, bounce, (size_t)n);
		p += n;
		len -= (size_t)n;
	}
	/* The bytes become a key: leave no copy behind. */
	memset(bounce, 0, sizeof bounce);
	return 0;
}

static struct ts_random_source virtio_rng = {
	.name = "virtio-rng", .rank = 40, .get = ts_virtio_rng_read,
};
TS_RANDOM_SOURCE(virtio_rng);
