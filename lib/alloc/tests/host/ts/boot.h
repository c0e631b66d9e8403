/* Host-test stand-in for lib/boot: TS_INITCALL only checks the function's type. */
#ifndef TS_BOOT_H
#define TS_BOOT_H

#define TS_INIT_LIB 0
#define TS_INITCALL(fn, level, prio)                                         \
	_Static_assert(__builtin_types_compatible_p(__typeof__(fn), int(void)), \
		       #fn " must be int (void)")

#endif
