/* Architecture contract: stack walking and symbol lookup for reports. */
#ifndef TS_ARCH_BACKTRACE_H
#define TS_ARCH_BACKTRACE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Look up the function containing addr in the image's embedded symbol table.
 * Returns its name and stores addr's offset into it in *off, or returns NULL
 * when the image has no symbol table (CONFIG_CRASH_SYMBOLS=n) or addr lies
 * outside every known function.
 */
const char *ts_arch_symbolize(uintptr_t addr, uintptr_t *off);

/*
 * Print "  #N 0xADDR name+0xOFF" lines for rip and then for each frame of
 * the frame-pointer chain starting at rbp, at most 32 frames. When rsp is
 * given (non-zero) and the word there is a return address the chain would
 * skip (a leaf function or a call to a bad address), it is printed as
 * frame #1, marked as such. Output goes straight to the platform console.
 * A corrupt chain ends the walk early.
 */
void ts_arch_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp);

/* Print "*** thread NAME" for the running thread: the scheduler's name
 * for it when one is linked, else the boot stack's name (below). For crash
 * reports and panics. */
void ts_arch_crash_put_thread(void);

/*
 * Name the code on the boot stack, for crash reports and panics without a
 * scheduler: "boot" until lib/boot calls main there and names it "main".
 * name must stay valid for the rest of the run. A linked scheduler names
 * its threads itself, and this name is not used.
 */
void ts_arch_crash_set_boot_name(const char *name);

/* Minimal console writers for crash paths: no formatting library needed. */
void ts_arch_crash_puts(const char *s);
void ts_arch_crash_puthex(uint64_t v, int digits);

#endif
