/* Platform contract: stopping the virtual machine. */
#ifndef TS_PLAT_LIFECYCLE_H
#define TS_PLAT_LIFECYCLE_H

/*
 * Not an exit status (those are 0..255): ts_plat_halt(TS_EXIT_CRASH)
 * reports a crash (exception, panic, abort(), failed assertion). The host
 * shows it as status 127 with a "guest crashed" message, so that it stays
 * distinct from a program that exits with 127 (docs/tess.md).
 */
#define TS_EXIT_CRASH 0x100

/*
 * Stop the VM now and hand status to the host: 0..255 as the exit status
 * (any other value but TS_EXIT_CRASH is reduced modulo 256, as on Linux),
 * or TS_EXIT_CRASH. Does not flush anything: callers flush their own
 * buffers first (the C library's exit does it for normal shutdown).
 */
_Noreturn void ts_plat_halt(int status);

/*
 * Has the host asked the instance to shut down (tess stop, on a background
 * instance)? 1 from the request on, else 0. Cheap enough for the idle
 * loop: on QEMU a poll of the stop port's used ring, on tvm a flag the
 * last wait hypercall set. plat/common's ts_stop_check() acts on it.
 */
int ts_plat_stop_requested(void);

#endif
