/* console.c: virtio-console — output on port 1's transmit queue from a ring of bounce buffers; input from port 2's receive queue. */
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
#define CTRL_RX_QUEUE 2
#define CTRL_TX_QUEUE 3
#define F_MULTIPORT (1ull << 1)

/* Input comes on a port of its own (tess feeds it from its stdin): when
 * the input ends, QEMU closes the host side of that port, which the
 * device announces as PORT_OPEN 0 on the control queue — the guest's
 * end of file. On port 1 that close would also make QEMU discard all
 * later output. */
#define PORT_IN 2
#define RX_QUEUE (2 * PORT_IN + 2)
#define NRX 4          /* receive buffers (descriptor i owns buffer i) */
#define RXSZ 1024
#define NCTRL_RX 8     /* control messages the device may queue to us */
#define CTRL_RXSZ 64

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

/* Send the control messages msgs[0..n) through the device-visible copies
 * slots[0..n), one at a time, each waited for: 0, or -1 when the device
 * does not take them. Always inlined, so that an image which never reads
 * the console compiles its output path exactly as before input existed. */
static inline __attribute__((always_inline)) int ctrl_send(const struct ctrl *msgs, struct ctrl *slots, int n)
{
	unsigned long spins = 10000000;
	int i;

	for (i = 0; i < n; i++) {
		uint64_t addr = (uintptr_t)&slots[i];
		uint32_t len = sizeof(slots[i]);

		slots[i] = msgs[i];
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

/* Tell the device we are ready and that PORT is open (the device answers
 * on the control receive queue, which is only set up once input is read:
 * until then it drops those). */
static int announce(void)
{
	static const struct ctrl msgs[3] = {
		{ 0, DEVICE_READY, 1 }, { PORT, PORT_READY, 1 }, { PORT, PORT_OPEN, 1 },
	};

	return ctrl_send(msgs, ctrl_msgs, 3);
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

/* ---- input: port PORT_IN ---- */

static char rx_bufs[NRX][RXSZ] __attribute__((aligned(64)));
static struct ctrl ctrl_rx_bufs[NCTRL_RX][CTRL_RXSZ / sizeof(struct ctrl)];
static uint8_t rx_ring[TS_VIRTQ_MEM(NRX)] __attribute__((aligned(16)));
static uint8_t ctrl_rx_ring[TS_VIRTQ_MEM(NCTRL_RX)] __attribute__((aligned(16)));
static struct ts_virtq rxq, ctrl_rxq;
static int in_state;          /* 0 not set up, 1 ready, -1 none or broken */
static int in_eof;            /* the host closed PORT_IN: end of input */
static int cur = -1;          /* the received buffer being consumed, or -1 */
static uint32_t cur_off, cur_len;

/* Post buf (the buffer of vq's first free descriptor) for the device to fill. */
static void rx_post(struct ts_virtq *vq, void *buf, uint32_t len)
{
	ts_virtq_add_in(vq, (uintptr_t)buf, len);
}

/*
 * The input queues are set up at the first read, after DRIVER_OK, so that
 * images that never read the console carry none of this. QEMU accepts a
 * queue enabled late on both transports; the device only starts reading
 * the host's input once the guest has opened the port and posted buffers,
 * so nothing is read from tess's stdin before the program asks for it.
 */
static int input_setup(void)
{
	static const struct ctrl open[2] = { { PORT_IN, PORT_READY, 1 }, { PORT_IN, PORT_OPEN, 1 } };
	static struct ctrl open_msgs[2];

	/* The device as output sets it up (through the one caller of setup,
	 * which the compiler then inlines, as before input existed). */
	if (ts_virtio_console_write("", 0) < 0)
		return -1;
	ts_virtq_init(&rxq, rx_ring, NRX);
	ts_virtq_init(&ctrl_rxq, ctrl_rx_ring, NCTRL_RX);
	if (dev.ops->setup_queue(&dev, CTRL_RX_QUEUE, &ctrl_rxq) < 0 ||
	    dev.ops->setup_queue(&dev, RX_QUEUE, &rxq) < 0)
		return -1;
	while (ctrl_rxq.nfree)
		rx_post(&ctrl_rxq, ctrl_rx_bufs[ctrl_rxq.free_head], CTRL_RXSZ);
	ts_virtq_kick(&ctrl_rxq, &dev);
	if (ctrl_send(open, open_msgs, 2) < 0)
		return -1;
	while (rxq.nfree)
		rx_post(&rxq, rx_bufs[rxq.free_head], RXSZ);
	ts_virtq_kick(&rxq, &dev);
	return 1;
}

/* Take the control messages the device sent: PORT_OPEN 0 for PORT_IN is
 * the end of the input. 0, or -1 when the queue is broken. */
static int ctrl_poll(void)
{
	uint32_t len;
	int d, kick = 0;

	while ((d = ts_virtq_reclaim_len(&ctrl_rxq, &len)) >= 0) {
		const struct ctrl *c = ctrl_rx_bufs[d];

		if (len >= sizeof(*c) && len <= CTRL_RXSZ && c->id == PORT_IN &&
		    c->event == PORT_OPEN && c->value == 0)
			in_eof = 1;
		rx_post(&ctrl_rxq, ctrl_rx_bufs[ctrl_rxq.free_head], CTRL_RXSZ);
		kick = 1;
	}
	if (kick)
		ts_virtq_kick(&ctrl_rxq, &dev);
	return d == -EIO ? -1 : 0;
}

/* Make the next received buffer current: 1, 0 when none came, -1 broken.
 * The device's length is checked: it may not claim more than we gave. */
static int rx_next(void)
{
	uint32_t len;
	int d;

	while ((d = ts_virtq_reclaim_len(&rxq, &len)) >= 0) {
		if (len > RXSZ)
			return -1;
		if (len) {
			cur = d;
			cur_off = 0;
			cur_len = len;
			return 1;
		}
		rx_post(&rxq, rx_bufs[rxq.free_head], RXSZ);
		ts_virtq_kick(&rxq, &dev);
	}
	return d == -EIO ? -1 : 0;
}

long ts_virtio_console_read(char *buf, size_t len)
{
	size_t n;

	if (in_state == 0)
		in_state = input_setup();
	if (in_state < 0)
		return -ENODEV;
	/* Control first: data sent before the close is in the receive ring
	 * by the time the close is seen, so none is lost. */
	if (ctrl_poll() < 0 || (cur < 0 && rx_next() < 0)) {
		in_state = -1;
		return -ENODEV;
	}
	if (cur < 0)
		return in_eof ? 0 : -EAGAIN;
	n = cur_len - cur_off < len ? cur_len - cur_off : len;
	memcpy(buf, rx_bufs[cur] + cur_off, n);
	cur_off += (uint32_t)n;
	if (cur_off == cur_len) {
		cur = -1;
		rx_post(&rxq, rx_bufs[rxq.free_head], RXSZ);
		ts_virtq_kick(&rxq, &dev);
	}
	return (long)n;
}

/* ---- stop requests: a port of its own (tess run -d, tess stop) ---- */

/* The host writes a byte to this port to ask the instance to shut down
 * (docs/architecture.md, "Stopping an instance"). Only the receive queue
 * and an open port are needed: the request is seen by polling the used
 * ring, a memory read, so the idle loop can check it at no cost. */
static char stop_buf[16] __attribute__((aligned(16)));
static uint8_t stop_ring[TS_VIRTQ_MEM(2)] __attribute__((aligned(16)));
static struct ts_virtq stopq;
static int stop_state; /* 0 not set up, 1 waiting, 2 requested, -1 none */

int ts_virtio_console_stop_setup(unsigned port)
{
	struct ctrl open[2] = { { port, PORT_READY, 1 }, { port, PORT_OPEN, 1 } };
	static struct ctrl open_msgs[2];

	stop_state = -1;
	if (port == 0 || port == PORT || port == PORT_IN || port > 30 ||
	    ts_virtio_console_write("", 0) < 0)
		return -ENODEV;
	ts_virtq_init(&stopq, stop_ring, 2);
	if (dev.ops->setup_queue(&dev, 2 * port + 2, &stopq) < 0)
		return -ENODEV;
	rx_post(&stopq, stop_buf, sizeof(stop_buf));
	ts_virtq_kick(&stopq, &dev);
	if (ctrl_send(open, open_msgs, 2) < 0)
		return -ENODEV;
	stop_state = 1;
	return 0;
}

int ts_virtio_console_stop_poll(void)
{
	uint32_t len;

	if (stop_state == 1) {
		int d = ts_virtq_reclaim_len(&stopq, &len);

		if (d == -EIO)
			stop_state = -1;
		else if (d >= 0 && len > 0)
			stop_state = 2;
		else if (d >= 0) { /* an empty buffer back: give it again */
			rx_post(&stopq, stop_buf, sizeof(stop_buf));
			ts_virtq_kick(&stopq, &dev);
		}
	}
	return stop_state == 2;
}
