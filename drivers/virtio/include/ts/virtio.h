/* drivers/virtio: the virtio core — devices, transports, split virtqueues. */
#ifndef TS_VIRTIO_H
#define TS_VIRTIO_H

#include <stddef.h>
#include <stdint.h>

/* Device types (virtio 1.x, 5). */
#define TS_VIRTIO_ID_NET 1
#define TS_VIRTIO_ID_BLOCK 2
#define TS_VIRTIO_ID_CONSOLE 3
#define TS_VIRTIO_ID_RNG 4
#define TS_VIRTIO_ID_9P 9

/* Device status bits. */
#define TS_VIRTIO_S_ACKNOWLEDGE 1
#define TS_VIRTIO_S_DRIVER 2
#define TS_VIRTIO_S_DRIVER_OK 4
#define TS_VIRTIO_S_FEATURES_OK 8
#define TS_VIRTIO_S_FAILED 128

/* The one feature every device must offer: we drive modern devices only. */
#define TS_VIRTIO_F_VERSION_1 (1ull << 32)

struct ts_virtio_dev;
struct ts_virtq;

/* What a transport (virtio-mmio, virtio-pci) does for the core. Every
 * register access may be a VM exit: callers keep them off hot paths except
 * notify. */
struct ts_virtio_ops {
	uint64_t (*features)(struct ts_virtio_dev *dev);       /* device's 64 bits */
	void (*set_features)(struct ts_virtio_dev *dev, uint64_t f);
	uint8_t (*status)(struct ts_virtio_dev *dev);
	void (*set_status)(struct ts_virtio_dev *dev, uint8_t s); /* 0 resets */
	/* Give the device queue `idx` with vq's rings (vq->num entries):
	 * 0, -ENOENT when the device has no such queue or it is too small,
	 * -EBUSY when it is already live. */
	int (*setup_queue)(struct ts_virtio_dev *dev, unsigned idx, struct ts_virtq *vq);
	void (*notify)(struct ts_virtio_dev *dev, struct ts_virtq *vq); /* one write */
};

/* For transports: 64 feature bits behind a select register and a 32-bit
 * window, the layout virtio-mmio and virtio-pci share for the device's and
 * the driver's features (select 1: bits 63..32, select 0: bits 31..0). */
static inline uint64_t ts_virtio_features_get(volatile uint32_t *sel, volatile uint32_t *win)
{
	uint64_t f;

	*sel = 1;
	f = (uint64_t)*win << 32;
	*sel = 0;
	return f | *win;
}

static inline void ts_virtio_features_put(volatile uint32_t *sel, volatile uint32_t *win,
					  uint64_t f)
{
	*sel = 1;
	*win = (uint32_t)(f >> 32);
	*sel = 0;
	*win = (uint32_t)f;
}

/* A device found by a transport. */
struct ts_virtio_dev {
	const struct ts_virtio_ops *ops;
	volatile uint8_t *base;   /* transport registers (mapped by the transport) */
	volatile uint8_t *devcfg; /* device-specific configuration (mapped by the
				   * transport), or NULL */
	volatile uint8_t *notify; /* virtio-pci: the notify area */
	uint32_t notify_mult;     /* virtio-pci: bytes between queues' doorbells */
	uint32_t devcfg_len;      /* bytes of devcfg */
	uint32_t id;              /* TS_VIRTIO_ID_* */
	uint64_t features;        /* negotiated */
};

/*
 * A transport announces itself with TS_VIRTIO_TRANSPORT(name, find) at file
 * scope. find(id, n, dev) looks for the n-th device (from 0) of type id, in
 * the transport's order, maps what it needs and fills *dev: 0, or -ENODEV
 * when the transport has fewer. It may be called more than once and should
 * make repeated calls cheap.
 */
struct ts_virtio_transport {
	const char *name;
	int (*find)(uint32_t id, unsigned n, struct ts_virtio_dev *dev);
};

#define TS_VIRTIO_TRANSPORT(name, find_fn)                                    \
	static const struct ts_virtio_transport ts_virtio_transport_##name    \
		__attribute__((used, section(".ts_virtio_transports"),        \
			       aligned(sizeof(void *)))) = { #name, find_fn }

/*
 * Find the n-th device (from 0) of type id. A machine has one transport
 * (-M microvm: mmio, -M pc: pci), so the first transport that has devices
 * of that type numbers them all. 0, or -ENODEV.
 */
int ts_virtio_find(uint32_t id, unsigned n, struct ts_virtio_dev *dev);

/*
 * Copy len bytes at off of dev's device-specific configuration space
 * (virtio-blk's capacity, virtio-9p's mount tag, ...; devcfg, devcfg_len)
 * into buf. Bytes past what the device has read as 0xff.
 */
void ts_virtio_config(struct ts_virtio_dev *dev, unsigned off, void *buf, unsigned len);

/*
 * Reset dev and negotiate features: VIRTIO_F_VERSION_1 (required) plus
 * whichever of `wanted` the device offers. Leaves the status at
 * FEATURES_OK, ready for queue setup; ts_virtio_ready() finishes. Returns
 * 0, or -ENOTSUP (legacy device, or FEATURES_OK refused; the device is
 * then marked FAILED).
 */
int ts_virtio_negotiate(struct ts_virtio_dev *dev, uint64_t wanted);

/* Set DRIVER_OK: the device may now use its queues. */
void ts_virtio_ready(struct ts_virtio_dev *dev);

/* ---- split virtqueues (virtio 1.x, 2.7) ---- */

struct ts_virtq_desc {
	uint64_t addr; /* guest-physical (= virtual: RAM is identity-mapped) */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
#define TS_VIRTQ_DESC_F_NEXT 1
#define TS_VIRTQ_DESC_F_WRITE 2

struct ts_virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct ts_virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct ts_virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct ts_virtq_used_elem ring[];
};
#define TS_VIRTQ_USED_F_NO_NOTIFY 1

/* TS_VIRTQ_MEM(n): bytes of ring memory a queue of n entries (a power of
 * two, at most 256) needs, laid out by ts_virtq_init. */
#define TS_VIRTQ_MEM(n) (16 * (n) + 4 + 2 * (n) + 6 + 4 + 8 * (n))

struct ts_virtq {
	struct ts_virtq_desc *desc;
	struct ts_virtq_avail *avail;
	struct ts_virtq_used *used;
	uint16_t num;       /* entries: a power of two */
	uint16_t free_head; /* first free descriptor (a chain through next) */
	uint16_t nfree;     /* free descriptors */
	uint16_t last_used; /* used->idx we have processed up to */
	uint16_t avail_idx; /* our copy of avail->idx */
	uint16_t index;     /* the device's number for it (set by setup_queue) */
	volatile uint16_t *doorbell; /* virtio-pci: its notify address (setup_queue) */
};

/*
 * Lay out a queue of num entries (a power of two, 1..256) in mem, which
 * holds TS_VIRTQ_MEM(num) bytes, is 16-byte aligned, zeroed and stays in
 * identity-mapped RAM for the queue's lifetime.
 */
void ts_virtq_init(struct ts_virtq *vq, void *mem, uint16_t num);

/*
 * Publish a chain of nout driver-to-device buffers followed by nin
 * device-writable ones ((addr[i], len[i]), i < nout + nin) to the device.
 * Returns the head descriptor's index (what the used ring will give back),
 * or -ENOSPC when fewer than nout + nin descriptors are free (or none are
 * asked for). The caller notifies the device (ts_virtq_kick) once per
 * batch.
 */
int ts_virtq_add(struct ts_virtq *vq, const uint64_t *addr, const uint32_t *len, unsigned nout,
		 unsigned nin);

/* ts_virtq_add with driver-to-device buffers only. */
static inline int ts_virtq_add_out(struct ts_virtq *vq, const uint64_t *addr,
				   const uint32_t *len, unsigned n)
{
	return ts_virtq_add(vq, addr, len, n, 0);
}

/*
 * Publish one device-writable buffer (addr, len) for the device to fill
 * (a receive buffer). Returns its descriptor index, or -ENOSPC when none
 * is free. The caller notifies the device (ts_virtq_kick).
 */
static inline int ts_virtq_add_in(struct ts_virtq *vq, uint64_t addr, uint32_t len)
{
	return ts_virtq_add(vq, &addr, &len, 0, 1);
}

/* Notify the device of new buffers unless it asked not to be (one register
 * write, a VM exit, when it does). */
void ts_virtq_kick(struct ts_virtq *vq, struct ts_virtio_dev *dev);

/*
 * Take one completed chain back from the used ring, freeing its
 * descriptors: its head index, -EAGAIN when none is complete yet, or -EIO
 * when the used ring names a descriptor we did not post (the queue is
 * broken: stop using it).
 */
int ts_virtq_reclaim(struct ts_virtq *vq);

/* As ts_virtq_reclaim, also giving the bytes the device says it wrote
 * into the chain (*written, when written is not NULL; the caller checks
 * it against what it posted: the device is not trusted to stay within
 * the buffer). */
int ts_virtq_reclaim_len(struct ts_virtq *vq, uint32_t *written);

#endif
