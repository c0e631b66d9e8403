/* Platform contract: stopping the virtual machine. */
#ifndef TS_PLAT_LIFECYCLE_H
#define TS_PLAT_LIFECYCLE_H

/*
 * Exit statuses with a fixed meaning. The guest status reaches the host
 * modulo 128 (QEMU's isa-debug-exit carries 7 bits), so statuses are kept
 * in 0..127 and the top value is reserved for crashes.
 */
#define TS_EXIT_CRASH 127 /* exception, panic, abort(), failed assertion */

/*
 * Stop the VM now and hand status (0..127; higher values are reduced
 * modulo 128) to the host. Does not flush anything: callers flush their own
 * buffers first (lib/boot's ts_boot_exit does it for normal shutdown).
 */
_Noreturn void ts_plat_halt(int status);

#endif
