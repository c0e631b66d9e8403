/* virtio.c: the virtio core — finding a device on the linked transports and feature negotiation. */
#include <ts/errno.h>
#include <ts/virtio.h>

extern const struct ts_virtio_transport __ts_virtio_transports_start[];
extern const struct ts_virtio_transport __ts_virtio_transports_end[];

int ts_virtio_find(uint32_t id, unsigned n, struct ts_virtio_dev *dev)
{
	const struct ts_virtio_transport *t;

	for (t = __ts_virtio_transports_start; t < __ts_virtio_transports_end; t++) {
		if (t->find(id, n, dev) == 0)
			return 0;
		if (n && t->find(id, 0, dev) == 0)
			return -ENODEV; /* this machine's transport has fewer */
	}
	return -ENODEV;
}

/* Byte-wise copy from a configuration area: the spec allows any access
 * width for device configuration, and bytes keep transports simple. */
void ts_virtio_config(struct ts_virtio_dev *dev, unsigned off, void *buf, unsigned len)
{
	uint8_t *out = buf;

	for (unsigned i = 0; i < len; i++)
		out[i] = dev->devcfg && off + i < dev->devcfg_len ? dev->devcfg[off + i] : 0xff;
}

/* virtio 1.x, 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK and
 * read it back. Legacy devices do not offer VERSION_1: refused. */
int ts_virtio_negotiate(struct ts_virtio_dev *dev, uint64_t wanted)
{
	const struct ts_virtio_ops *ops = dev->ops;
	uint64_t offered;

	ops->set_status(dev, 0);
	ops->set_status(dev, TS_VIRTIO_S_ACKNOWLEDGE);
	ops->set_status(dev, TS_VIRTIO_S_ACKNOWLEDGE | TS_VIRTIO_S_DRIVER);
	offered = ops->features(dev);
	if (!(offered & TS_VIRTIO_F_VERSION_1))
		goto fail;
	dev->features = offered & (wanted | TS_VIRTIO_F_VERSION_1);
	ops->set_features(dev, dev->features);
	ops->set_status(dev, TS_VIRTIO_S_ACKNOWLEDGE | TS_VIRTIO_S_DRIVER | TS_VIRTIO_S_FEATURES_OK);
	if (ops->status(dev) & TS_VIRTIO_S_FEATURES_OK)
		return 0;
fail:
	ops->set_status(dev, TS_VIRTIO_S_FAILED);
	return -ENOTSUP;
}

void ts_virtio_ready(struct ts_virtio_dev *dev)
{
	dev->ops->set_status(dev, TS_VIRTIO_S_ACKNOWLEDGE | TS_VIRTIO_S_DRIVER |
				       TS_VIRTIO_S_FEATURES_OK | TS_VIRTIO_S_DRIVER_OK);
}
