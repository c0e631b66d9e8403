/* drivers/virtio: virtio-console output and input, for the platform console. */
#ifndef TS_VIRTIO_CONSOLE_H
#define TS_VIRTIO_CONSOLE_H

#include <stddef.h>

/*
 * Write len bytes to port 1 of the first virtio-console device. The first
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

/*
 * Read console input without waiting: up to len bytes from port 2 of the
 * first virtio-console device (tess feeds it from its standard input).
 * The first call sets the input up (a few VM exits) and only then does
 * the host start reading its input. Returns the bytes read (> 0), 0 once
 * the host has closed the port (its input ended: every later call gives
 * 0 too), -EAGAIN when nothing is waiting, -ENODEV when there is no
 * usable device or it broke (claimed more bytes than the buffer holds).
 * Not thread-safe: callers serialise.
 */
long ts_virtio_console_read(char *buf, size_t len);

/*
 * Stop requests (tess run -d): open port `port` (not 0, 1 or 2; QEMU's
 * virtserialport nr=port must exist, which tess says with the kernel
 * option tess.stop=PORT) and give it a buffer. 0, or -ENODEV.
 */
int ts_virtio_console_stop_setup(unsigned port);

/* 1 once the host has written to the stop port (and from then on), else
 * 0. A poll of the used ring: no VM exit. */
int ts_virtio_console_stop_poll(void);

#endif
