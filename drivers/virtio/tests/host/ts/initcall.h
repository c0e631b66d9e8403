/* Host-test stand-in for <ts/initcall.h>: the test calls init functions itself. */
#ifndef TS_INITCALL_H
#define TS_INITCALL_H

#define TS_INIT_PLAT 2
#define TS_INITCALL(fn, level, prio) static int (*const fn##_initcall)(void) __attribute__((unused)) = fn

#endif
