/* Platform contract: the kernel console (byte-oriented output). */
#ifndef TS_PLAT_CONSOLE_H
#define TS_PLAT_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * Console input, without waiting: up to len bytes into buf. Returns the
 * bytes read (> 0); 0 at the end of the input (the host's input ended:
 * tess forwards its standard input on QEMU, tvm reads its own; every
 * later call gives 0 too); -EAGAIN when nothing is waiting now; -ENODEV
 * when the platform has no console input. Not thread-safe: callers
 * serialise (lib/devfs's /dev/console does).
 */
long ts_plat_console_read(char *buf, size_t len);

/*
 * For blocking reads: return once console input may be waiting, or at
 * deadline_ns (ts_plat_monotonic_ns time) at the latest; it may return
 * early, so read again and wait again. tvm: the vCPU sleeps in the
 * monitor until tvm's stdin has input (no host CPU used, other threads do
 * not run meanwhile). QEMU: there is no input interrupt; the calling
 * thread sleeps until the deadline (other threads run) or, without a
 * scheduler, spins: the caller polls with short deadlines.
 */
void ts_plat_console_wait(uint64_t deadline_ns);

#endif
