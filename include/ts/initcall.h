/* Init and fini tables: registration by linker section, the table bounds, and the shutdown walk. */
#ifndef TS_INITCALL_H
#define TS_INITCALL_H

/* Init levels, run in this order after the platform's own setup. */
#define TS_INIT_EARLY  1 /* before anything may allocate */
#define TS_INIT_PLAT   2 /* platform devices and clocks */
#define TS_INIT_LIB    3 /* libraries */
#define TS_INIT_ROOTFS 4 /* root filesystem */
#define TS_INIT_SYS    5 /* system services */
#define TS_INIT_LATE   6 /* right before main */

struct ts_initcall {
	int (*fn)(void); /* 0 or positive on success, -errno on failure */
	const char *name;
};

#define TS__STR(x) #x
/* Table entries are explicitly 8-aligned: gcc would otherwise align larger
 * objects to 16 or 32 bytes, leaving holes that break walking the table. */
#define TS__INITCALL(fn, sec) \
	static const struct ts_initcall __ts_init_##fn \
	__attribute__((used, aligned(8), section(sec))) = { fn, #fn }

/*
 * Register fn to run at level (TS_INIT_*) with priority prio (0..9, lower
 * first) within the level. A failing init call stops the boot with a
 * message naming it and the error. lib/boot runs the table.
 */
#define TS_INITCALL(fn, level, prio) \
	TS__INITCALL(fn, ".ts_inittab." TS__STR(level) "." TS__STR(prio))

/*
 * Register fn to run at shutdown (exit, after the atexit handlers and the
 * flush of stdio); levels run in reverse, so a library's terminator runs
 * before those of the levels below it. fn's return value is ignored.
 */
#define TS_FINICALL(fn, level) \
	TS__INITCALL(fn, ".ts_fini." TS__STR(level))

/* The tables' bounds, set by support/build/image.ld in every image (an
 * empty table when nothing registers: the default needs no library). */
extern const struct ts_initcall __ts_inittab_start[], __ts_inittab_end[];
extern const struct ts_initcall __ts_fini_start[], __ts_fini_end[];

/*
 * Run the fini table, last entry first. For the C library's exit(), which
 * walks the table itself (as musl's exit runs .fini_array), so that the C
 * library does not depend on lib/boot.
 */
static inline void ts_finicalls_run(void)
{
	for (const struct ts_initcall *c = __ts_fini_end; c > __ts_fini_start;)
		(--c)->fn();
}

#endif
