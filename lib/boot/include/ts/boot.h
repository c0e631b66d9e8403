/* lib/boot: the boot sequence, init/fini tables and kernel options. */
#ifndef TS_BOOT_H
#define TS_BOOT_H

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
 * message naming it and the error.
 */
#define TS_INITCALL(fn, level, prio) \
	TS__INITCALL(fn, ".ts_inittab." TS__STR(level) "." TS__STR(prio))

/*
 * Register fn to run at shutdown (ts_boot_exit); levels run in reverse,
 * so a library's terminator runs before those of the levels below it.
 * fn's return value is ignored.
 */
#define TS_FINICALL(fn, level) \
	TS__INITCALL(fn, ".ts_fini." TS__STR(level))

/*
 * Value of kernel option `name` from the command line ("name=value" gives
 * "value", a bare "name" gives ""), or NULL when absent. Asking marks the
 * option as known. By the time main starts, unclaimed NAME=value options
 * have become the environment (environ) and any other unclaimed option is
 * reported as unknown; a later ts_boot_param() call still finds it.
 */
const char *ts_boot_param(const char *name);

/*
 * Called by the platform once the memory map is known. cmdline is the
 * NUL-terminated kernel command line, which lib/boot splits in place: it
 * must stay writable and untouched by anyone else for the VM's lifetime
 * (argv points into it).
 */
_Noreturn void ts_boot_start(char *cmdline);

/*
 * Run main(argc, argv) and return its status. The default (weak) calls it
 * on the boot stack; a scheduler library replaces it to give main a thread.
 */
int ts_boot_call_main(int argc, char *argv[]);

/*
 * Run the terminators and stop the VM with status & 0xff, which reaches
 * the host unchanged (0..255, as a Linux process's exit status).
 * The libc's exit() calls this after its own atexit handlers and flushing.
 */
_Noreturn void ts_boot_exit(int status);

#endif
