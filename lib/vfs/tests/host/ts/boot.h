/* Host-test stand-in for <ts/boot.h>: init calls become constructors run
 * in level and priority order before main, as the kernel's init table. */
#ifndef TS_BOOT_H
#define TS_BOOT_H

#include <stdio.h>
#include <stdlib.h>

#define TS_INIT_EARLY  1
#define TS_INIT_PLAT   2
#define TS_INIT_LIB    3
#define TS_INIT_ROOTFS 4
#define TS_INIT_SYS    5
#define TS_INIT_LATE   6

#define TS_INITCALL(fn, level, prio)                                            \
	__attribute__((constructor(1000 + (level) * 10 + (prio)))) static void \
	ts__host_init_##fn(void)                                                \
	{                                                                       \
		int r_ = fn();                                                  \
		if (r_ < 0) {                                                   \
			fprintf(stderr, "init call %s failed: %d\n", #fn, r_); \
			abort();                                                \
		}                                                               \
	}

#endif
