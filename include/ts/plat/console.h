/* Platform contract: the kernel console (byte-oriented output). */
#ifndef TS_PLAT_CONSOLE_H
#define TS_PLAT_CONSOLE_H

#include <stddef.h>

/*
 * Write len bytes from buf to the platform console. Safe to call from any
 * CPL-3 context, including the crash handler. Does not append or translate
 * newlines.
 * Returns len, or a negative errno when the host could not take the output
 * (tvm: its standard output failed, e.g. -ENOSPC on /dev/full, -EBADF when
 * closed, -EPIPE). Bytes that were not taken are dropped; callers that
 * cannot do anything about it (the kernel log, crash reports) ignore the
 * result, the C library reports it to the program (ferror, EOF).
 */
long ts_plat_console_write(const char *buf, size_t len);

/*
 * Called by the crash handler before its report: hand what the console
 * still holds to the host (a bounded wait), then make later writes take
 * the platform's simplest path, one that needs no state a wild write may
 * have broken (QEMU: isa-debugcon or the UART instead of virtio-console).
 * Output order is kept.
 */
void ts_plat_console_crash(void);

#endif
