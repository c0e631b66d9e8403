/* console.c: virtio-console output — port 1's transmit queue, fed from a small ring of bounce buffers. */
#include <ts/errno.h>
#include <string.h>
#include <ts/virtio.h>
#include <ts/virtio_console.h>

/* Each buffer is one descriptor: buffer i belongs to descriptor i. Four
 * pages let a writer run ahead of a device that completes asynchronously
 * (virtio-pci with ioeventfd, or a host output that is not ready). */
#define NBUF 4
#define BUFSZ 4096

/* Port 1 of a multiport device, not port 0: QEMU drops a console port's
 * data (port 0 is one, `virtconsole`) whenever its output would block —
 * a pipe whose reader lags — while it holds back a plain port's
 * (`virtserialport`) until the output can take it. Queues: port 0 has 0
 * and 1, control 2 (to us) and 3 (from us), port n 2n+2 and 2n+3. */
#define PORT 1
#define TX_QUEUE (2 * PORT + 3)
#define CTRL_TX_QUEUE 3
#define F_MULTIPORT (1ull << 1)

/* Control messages (virtio 1.x, 5.3.6.2). */
struct ctrl {
	uint32_t id;
	uint16_t event;
	uint16_t value;
};
#define DEVICE_READY 0
#define PORT_READY 3
#define PORT_OPEN 6

static char bufs[NBUF][BUFSZ] __attribute__((aligned(4096)));
static uint8_t ring[TS_VIRTQ_MEM(NBUF)] __attribute__((aligned(16)));
static uint8_t ctrl_ring[TS_VIRTQ_MEM(4)] __attribute__((aligned(16)));
static struct ctrl ctrl_msgs[3];
static struct ts_virtio_dev dev;
static struct ts_virtq txq, ctrlq;
static int state; /* 0 not probed, 1 ready, -1 none or broken */

/* Tell the device we are ready and that PORT is open (the device answers
 * on the control receive queue, which we do not read: it drops those). */
static int announce(void)
{
	static const struct ctrl msgs[3] = {
		{ 0, DEVICE_READY, 1 }, { PORT, PORT_READY, 1 }, { PORT, PORT_OPEN, 1 },
	};
	unsigned long spins = 10000000;
	int i;

	for (i = 0; i < 3; i++) {
		uint64_t addr = (uintptr_t)&ctrl_msgs[i];
		uint32_t len = sizeof(ctrl_msgs[i]);

		ctrl_msgs[i] = msgs[i];
		ts_virtq_add_out(&ctrlq, &addr, &len, 1);
		ts_virtq_kick(&ctrlq, &dev);
		while (ctrlq.nfree < ctrlq.num) {
			if (ts_virtq_reclaim(&ctrlq) == -EIO || spins-- == 0)
				return -1;
			__asm__ volatile("pause");
		}
	}
	return 0;
}

static int setup(void)
{
	if (ts_virtio_find(TS_VIRTIO_ID_CONSOLE, 0, &dev) < 0 ||
	    ts_virtio_negotiate(&dev, F_MULTIPORT) < 0)
		return -1;
	if (!(dev.features & F_MULTIPORT))
		goto fail;
	ts_virtq_init(&txq, ring, NBUF);
	ts_virtq_init(&ctrlq, ctrl_ring, 4);
	if (dev.ops->setup_queue(&dev, CTRL_TX_QUEUE, &ctrlq) < 0 ||
	    dev.ops->setup_queue(&dev, TX_QUEUE, &txq) < 0)
		goto fail;
	ts_virtio_ready(&dev);
	if (announce() == 0)
		return 1;
fail:
	dev.ops->set_status(&dev, TS_VIRTIO_S_FAILED);
	return -1;
}

/* Get completed buffers back: 0 once at least `want` descriptors are
 * free (polling at most `spins` times; ~0 = until then), -ETIMEDOUT, or
 * -ENODEV when the used ring is corrupt. */
static int reclaim(unsigned want, unsigned long spins)
{
	for (;;) {
		int r = ts_virtq_reclaim(&txq);

		if (r == -EIO) {
			state = -1;
			return -ENODEV;
		}
		if (r >= 0)
			continue;
		if (txq.nfree >= want)
			return 0;
		if (spins-- == 0)
			return -ETIMEDOUT;
		__asm__ volatile("pause");
	}
}

long ts_virtio_console_write(const char *buf, size_t len)
{
	size_t done = 0;

	if (state == 0)
		state = setup();
	while (state > 0 && done < len) {
		size_t n = len - done < BUFSZ ? len - done : BUFSZ;
		uint64_t addr;
		uint32_t l = (uint32_t)n;

		if (reclaim(1, ~0ul) < 0)
			break;
		addr = (uintptr_t)bufs[txq.free_head];
		memcpy(bufs[txq.free_head], buf + done, n);
		ts_virtq_add_out(&txq, &addr, &l, 1);
		done += n;
		if (done == len || txq.nfree == 0)
			ts_virtq_kick(&txq, &dev);
	}
	if (state < 0 && done == 0)
		return -ENODEV;
	return (long)len; /* a queue that broke mid-write: the rest is lost */
}

int ts_virtio_console_flush(unsigned long spins)
{
	if (state <= 0)
		return state == 0 ? 0 : -ENODEV;
	return reclaim(NBUF, spins);
}
