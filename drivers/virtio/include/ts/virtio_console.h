/* drivers/virtio: virtio-console output (port 0), for the platform console. */
#ifndef TS_VIRTIO_CONSOLE_H
#define TS_VIRTIO_CONSOLE_H

#include <stddef.h>

/*
 * Write len bytes to port 0 of the first virtio-console device. The first
 * call finds and sets the device up (a few VM exits); each call then
 * copies into the driver's bounce buffers and notifies the device once,
 * waiting only when all buffers are still with the device. Returns len, or
 * -ENODEV when there is no usable device or its queue broke (nothing was
 * written; the caller uses another console from then on).
 */
long ts_virtio_console_write(const char *buf, size_t len);

/*
 * Wait until the device has taken everything written so far, at most
 * about `spins` polls of the used ring (each a few hundred ns): 0, or
 * -ETIMEDOUT / -ENODEV (the console is given up). For ordering output on
 * another channel after this one, and before stopping the VM.
 */
int ts_virtio_console_flush(unsigned long spins);

#endif
