/* Platform contract: the kernel console (byte-oriented output). */
#ifndef TS_PLAT_CONSOLE_H
#define TS_PLAT_CONSOLE_H

#include <stddef.h>

/*
 * Write len bytes from buf to the platform console.
 * Never fails from the caller's point of view: a console that cannot take
 * the bytes drops them. Safe to call from any CPL-3 context, including the
 * crash handler. Does not append or translate newlines.
 */
void ts_plat_console_write(const char *buf, size_t len);

#endif
