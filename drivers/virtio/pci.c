/* pci.c: the virtio-pci transport (modern, virtio 1.x) on QEMU's -M pc. */
#include <ts/errno.h>
#include <ts/arch/cpu.h>
#include <ts/arch/privcall.h>
#include <ts/virtio.h>

/* PCI configuration mechanism #1: ports 0xcf8 (address) and 0xcfc (data),
 * which the TSS's I/O bitmap opens to CPL 3 (support/build/image.ld). */
#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc
#define PCI_VENDOR_VIRTIO 0x1af4
#define PCI_DEVICE_MODERN 0x1040 /* + the virtio device type */
#define PCI_COMMAND 0x04
#define PCI_CMD_MEMORY 0x2
#define PCI_CMD_MASTER 0x4
#define PCI_STATUS_CAPS 0x100000 /* in the dword at 0x04: a capability list */
#define PCI_BAR0 0x10
#define PCI_CAP_PTR 0x34
#define PCI_CAP_VENDOR 0x09

/* virtio_pci_cap.cfg_type (virtio 1.x, 4.1.4). */
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_DEVICE 4

/* Common configuration offsets (virtio 1.x, 4.1.4.3). */
#define C_DEV_FEATURES_SEL 0x00
#define C_DEV_FEATURES 0x04
#define C_DRV_FEATURES_SEL 0x08
#define C_DRV_FEATURES 0x0c
#define C_STATUS 0x14
#define C_QUEUE_SEL 0x16
#define C_QUEUE_SIZE 0x18
#define C_QUEUE_ENABLE 0x1c
#define C_QUEUE_NOTIFY_OFF 0x1e
#define C_QUEUE_DESC 0x20
#define C_QUEUE_DRIVER 0x28
#define C_QUEUE_DEVICE 0x30

static uint32_t cfg_read(unsigned dev, unsigned off)
{
	ts_arch_outl(PCI_ADDR, 0x80000000u | dev << 11 | (off & 0xfc));
	return ts_arch_inl(PCI_DATA);
}

static void cfg_write(unsigned dev, unsigned off, uint32_t v)
{
	ts_arch_outl(PCI_ADDR, 0x80000000u | dev << 11 | (off & 0xfc));
	ts_arch_outl(PCI_DATA, v);
}

static volatile uint32_t *r32(struct ts_virtio_dev *dev, unsigned off)
{
	return (volatile uint32_t *)(dev->base + off);
}

static volatile uint16_t *r16(struct ts_virtio_dev *dev, unsigned off)
{
	return (volatile uint16_t *)(dev->base + off);
}

static uint64_t pci_features(struct ts_virtio_dev *dev)
{
	return ts_virtio_features_get(r32(dev, C_DEV_FEATURES_SEL), r32(dev, C_DEV_FEATURES));
}

static void pci_set_features(struct ts_virtio_dev *dev, uint64_t f)
{
	ts_virtio_features_put(r32(dev, C_DRV_FEATURES_SEL), r32(dev, C_DRV_FEATURES), f);
}

static uint8_t pci_status(struct ts_virtio_dev *dev)
{
	return dev->base[C_STATUS];
}

static void pci_set_status(struct ts_virtio_dev *dev, uint8_t s)
{
	dev->base[C_STATUS] = s;
}

static void put64(struct ts_virtio_dev *dev, unsigned off, const void *p)
{
	*r32(dev, off) = (uint32_t)(uintptr_t)p;
	*r32(dev, off + 4) = (uint32_t)((uint64_t)(uintptr_t)p >> 32);
}

static int pci_setup_queue(struct ts_virtio_dev *dev, unsigned idx, struct ts_virtq *vq)
{
	*r16(dev, C_QUEUE_SEL) = (uint16_t)idx;
	if (*r16(dev, C_QUEUE_ENABLE))
		return -EBUSY;
	if (*r16(dev, C_QUEUE_SIZE) < vq->num) /* 0: no such queue */
		return -ENOENT;
	*r16(dev, C_QUEUE_SIZE) = vq->num;
	put64(dev, C_QUEUE_DESC, vq->desc);
	put64(dev, C_QUEUE_DRIVER, vq->avail);
	put64(dev, C_QUEUE_DEVICE, vq->used);
	vq->doorbell = (volatile uint16_t *)(dev->notify +
					     (uint32_t)*r16(dev, C_QUEUE_NOTIFY_OFF) * dev->notify_mult);
	*r16(dev, C_QUEUE_ENABLE) = 1;
	vq->index = (uint16_t)idx;
	return 0;
}

static void pci_notify(struct ts_virtio_dev *dev, struct ts_virtq *vq)
{
	(void)dev;
	*vq->doorbell = vq->index;
}

static const struct ts_virtio_ops pci_ops = {
	pci_features, pci_set_features, pci_status, pci_set_status,
	pci_setup_queue, pci_notify,
};

/* Where unassigned memory BARs go: qboot leaves virtio-pci's 64-bit BAR
 * at 0. [0xfe000000, 0xfe200000) lies in -M pc's 32-bit PCI hole (RAM
 * stops at 0xe0000000 at most, the I/O APIC starts at 0xfec00000) and in
 * one 2 MiB region, as MAP_MMIO wants. */
#define BAR_WINDOW 0xfe000000u
#define BAR_WINDOW_END 0xfe200000u
static uint32_t bar_next = BAR_WINDOW;

/* Give an unassigned memory BAR an address in the window (memory decode
 * stays off while it is sized): the address, or 0 when it does
 * not fit. */
static uint64_t bar_assign(unsigned dev, unsigned bar, uint32_t lo)
{
	unsigned off = PCI_BAR0 + 4 * bar;
	uint32_t cmd = cfg_read(dev, PCI_COMMAND) & 0xffff, size, at;

	cfg_write(dev, PCI_COMMAND, cmd & ~PCI_CMD_MEMORY); /* no decode while sizing */
	cfg_write(dev, off, 0xffffffffu);
	size = ~(cfg_read(dev, off) & ~0xfu) + 1;
	cfg_write(dev, PCI_COMMAND, cmd);
	at = (bar_next + size - 1) & ~(size - 1);
	if (size < 16 || at < bar_next || at + (uint64_t)size > BAR_WINDOW_END) {
		cfg_write(dev, off, lo);
		return 0;
	}
	cfg_write(dev, off, at | (lo & 0xf));
	if ((lo & 6) == 4)
		cfg_write(dev, off + 4, 0);
	bar_next = at + size;
	return at;
}

/* A memory BAR's address (64-bit BARs take the next one too), assigning
 * one when the firmware did not; 0 for an I/O BAR or no room. */
static uint64_t bar_addr(unsigned dev, unsigned bar)
{
	uint32_t lo = cfg_read(dev, PCI_BAR0 + 4 * bar);
	uint64_t a;

	if (lo & 1)
		return 0;
	a = lo & ~0xfull;
	if ((lo & 6) == 4 && bar < 5)
		a |= (uint64_t)cfg_read(dev, PCI_BAR0 + 4 * bar + 4) << 32;
	return a ? a : bar_assign(dev, bar, lo);
}

/* Map [pa, pa + len) for CPL 3 through MAP_MMIO: 0, or -ENODEV when it
 * refuses (above 4 GiB, across a 2 MiB boundary, ...). */
static int map(uint64_t pa, uint32_t len)
{
	uint64_t first = pa & ~0xfffull, pages = (pa + len - first + 0xfff) >> 12;

	if (!len || pages > 512)
		return -ENODEV;
	return ts_arch_privcall(TS_PRIVCALL_MAP_MMIO, first | (pages - 1)) == 0 ? 0 : -ENODEV;
}

/* Walk slot's vendor capabilities for the common, notify and device
 * areas, map them and fill *dev: 0, or -ENODEV. */
static int attach(unsigned slot, struct ts_virtio_dev *dev)
{
	volatile uint8_t *common = 0;
	unsigned p, guard;
	uint32_t cmd;

	if (!(cfg_read(slot, PCI_COMMAND) & PCI_STATUS_CAPS))
		return -ENODEV;
	cmd = cfg_read(slot, PCI_COMMAND) & 0xffff;
	p = cfg_read(slot, PCI_CAP_PTR) & 0xfc;
	for (guard = 0; p && guard < 48; guard++) {
		uint32_t head = cfg_read(slot, p);
		unsigned type = (head >> 24) & 0xff, bar = cfg_read(slot, p + 4) & 0xff;
		uint32_t off = cfg_read(slot, p + 8), len = cfg_read(slot, p + 12);
		uint64_t base;

		if ((head & 0xff) == PCI_CAP_VENDOR &&
		    (type == CAP_COMMON || type == CAP_NOTIFY || type == CAP_DEVICE) &&
		    bar < 6 && (base = bar_addr(slot, bar)) != 0 && map(base + off, len) == 0) {
			volatile uint8_t *at = (volatile uint8_t *)(uintptr_t)(base + off);

			if (type == CAP_COMMON)
				common = at;
			else if (type == CAP_NOTIFY) {
				dev->notify = at;
				dev->notify_mult = cfg_read(slot, p + 16);
			} else {
				dev->devcfg = at;
				dev->devcfg_len = len;
			}
		}
		p = (head >> 8) & 0xfc;
	}
	if (!common || !dev->notify)
		return -ENODEV;
	if ((cmd & (PCI_CMD_MEMORY | PCI_CMD_MASTER)) != (PCI_CMD_MEMORY | PCI_CMD_MASTER))
		cfg_write(slot, PCI_COMMAND, cmd | PCI_CMD_MEMORY | PCI_CMD_MASTER);
	dev->base = common;
	dev->ops = &pci_ops;
	return 0;
}

/* Bus 0 only: QEMU's -M pc puts -device cards there. */
static int pci_find(uint32_t id, unsigned n, struct ts_virtio_dev *dev)
{
	unsigned slot;

	for (slot = 0; slot < 32; slot++) {
		uint32_t vd = cfg_read(slot, 0);

		if ((vd & 0xffff) != PCI_VENDOR_VIRTIO || vd >> 16 != PCI_DEVICE_MODERN + id)
			continue;
		if (n--)
			continue;
		*dev = (struct ts_virtio_dev){ 0 };
		if (attach(slot, dev) < 0)
			return -ENODEV;
		dev->id = id;
		return 0;
	}
	return -ENODEV;
}

TS_VIRTIO_TRANSPORT(pci, pci_find);
