/* mmio.c: the virtio-mmio transport (version 2, modern) on QEMU's -M microvm. */
#include <ts/errno.h>
#include <ts/arch/privcall.h>
#include <ts/virtio.h>

/* Register offsets (virtio 1.x, 4.2.2). */
#define R_MAGIC 0x000
#define R_VERSION 0x004
#define R_DEVICE_ID 0x008
#define R_DEV_FEATURES 0x010
#define R_DEV_FEATURES_SEL 0x014
#define R_DRV_FEATURES 0x020
#define R_DRV_FEATURES_SEL 0x024
#define R_QUEUE_SEL 0x030
#define R_QUEUE_NUM_MAX 0x034
#define R_QUEUE_NUM 0x038
#define R_QUEUE_READY 0x044
#define R_QUEUE_NOTIFY 0x050
#define R_STATUS 0x070
#define R_QUEUE_DESC 0x080
#define R_QUEUE_DRIVER 0x090
#define R_QUEUE_DEVICE 0x0a0
#define R_CONFIG 0x100 /* the device-specific configuration, to the slot's end */
#define MAGIC 0x74726976u /* "virt" */

static volatile uint32_t *reg(struct ts_virtio_dev *dev, unsigned off)
{
	return (volatile uint32_t *)(dev->base + off);
}

static uint64_t mmio_features(struct ts_virtio_dev *dev)
{
	return ts_virtio_features_get(reg(dev, R_DEV_FEATURES_SEL), reg(dev, R_DEV_FEATURES));
}

static void mmio_set_features(struct ts_virtio_dev *dev, uint64_t f)
{
	ts_virtio_features_put(reg(dev, R_DRV_FEATURES_SEL), reg(dev, R_DRV_FEATURES), f);
}

static uint8_t mmio_status(struct ts_virtio_dev *dev)
{
	return (uint8_t)*reg(dev, R_STATUS);
}

static void mmio_set_status(struct ts_virtio_dev *dev, uint8_t s)
{
	*reg(dev, R_STATUS) = s;
}

static void put64(struct ts_virtio_dev *dev, unsigned off, const void *p)
{
	*reg(dev, off) = (uint32_t)(uintptr_t)p;
	*reg(dev, off + 4) = (uint32_t)((uint64_t)(uintptr_t)p >> 32);
}

static int mmio_setup_queue(struct ts_virtio_dev *dev, unsigned idx, struct ts_virtq *vq)
{
	*reg(dev, R_QUEUE_SEL) = idx;
	if (*reg(dev, R_QUEUE_READY))
		return -EBUSY;
	if (*reg(dev, R_QUEUE_NUM_MAX) < vq->num)
		return -ENOENT;
	*reg(dev, R_QUEUE_NUM) = vq->num;
	put64(dev, R_QUEUE_DESC, vq->desc);
	put64(dev, R_QUEUE_DRIVER, vq->avail);
	put64(dev, R_QUEUE_DEVICE, vq->used);
	*reg(dev, R_QUEUE_READY) = 1;
	vq->index = (uint16_t)idx;
	return 0;
}

static void mmio_notify(struct ts_virtio_dev *dev, struct ts_virtq *vq)
{
	*reg(dev, R_QUEUE_NOTIFY) = vq->index;
}

static const struct ts_virtio_ops mmio_ops = {
	mmio_features, mmio_set_features, mmio_status, mmio_set_status,
	mmio_setup_queue, mmio_notify,
};

/* microvm's transports: 512 bytes each from 0xfeb00000, at most 32. QEMU
 * 7.2 has 24 and plugs the first device into the last one (slot 23), so
 * probing goes down from there, then through the rest: one or two
 * register reads (each a VM exit) find the usual single device. */
#define MMIO_BASE 0xfeb00000u
#define SLOT_SIZE 512u
#define SLOTS 32u
#define FIRST_SLOT 23u

static int mmio_find(uint32_t id, unsigned n, struct ts_virtio_dev *dev)
{
	static int mapped; /* 1 mapped, -1 refused: map once */
	unsigned k, i;

	if (!mapped)
		mapped = ts_arch_privcall(TS_PRIVCALL_MAP_MMIO,
					  MMIO_BASE | (SLOTS * SLOT_SIZE / 4096 - 1)) == 0 ? 1 : -1;
	if (mapped < 0)
		return -ENODEV;
	for (k = 0; k < SLOTS; k++) {
		i = (FIRST_SLOT + SLOTS - k) % SLOTS;
		dev->base = (volatile uint8_t *)(uintptr_t)(MMIO_BASE + i * SLOT_SIZE);
		dev->ops = &mmio_ops;
		if (*reg(dev, R_MAGIC) != MAGIC || *reg(dev, R_DEVICE_ID) != id)
			continue;
		if (*reg(dev, R_VERSION) != 2)
			continue; /* legacy transport: QEMU needs virtio-mmio.force-legacy=false */
		if (n--)
			continue;
		dev->id = id;
		dev->devcfg = dev->base + R_CONFIG;
		dev->devcfg_len = SLOT_SIZE - R_CONFIG;
		return 0;
	}
	return -ENODEV;
}

TS_VIRTIO_TRANSPORT(mmio, mmio_find);
