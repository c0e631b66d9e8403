/* drivers/virtio: virtio-rng, the host's random bytes (a seed source for lib/random). */
#ifndef TS_VIRTIO_RNG_H
#define TS_VIRTIO_RNG_H

#include <stddef.h>

/*
 * Fill buf with len bytes from the first virtio-rng device. The first call
 * sets the device up (a few VM exits); each 64 bytes is then one request
 * and one notify, waited for by polling (at most about a second). Returns
 * 0, or -ENODEV (no usable device), -EIO (the device did not answer, or
 * claimed more bytes than asked: it is given up).
 */
int ts_virtio_rng_read(void *buf, size_t len);

#endif
