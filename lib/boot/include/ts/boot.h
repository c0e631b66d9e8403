/* lib/boot: the boot sequence (runs the init table, calls main) and kernel options. */
#ifndef TS_BOOT_H
#define TS_BOOT_H

#include <stdint.h>
#include <ts/initcall.h> /* TS_INITCALL, TS_FINICALL, the init levels */

/*
 * Value of kernel option `name` from the command line ("name=value" gives
 * "value", a bare "name" gives ""), or NULL when absent. Asking marks the
 * option as known. By the time main starts, unclaimed NAME=value options
 * have become the environment (environ) and any other unclaimed option is
 * reported as unknown; a later ts_boot_param() call still finds it.
 * For options that may be given more than once, ts_boot_param_nth gives
 * the n-th (from 0) `name` option's value, NULL when there are fewer;
 * ts_boot_param is its first.
 */
const char *ts_boot_param_nth(const char *name, unsigned int n);

static inline const char *ts_boot_param(const char *name)
{
	return ts_boot_param_nth(name, 0);
}

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

/* The command line's bytes [*start, *end) (its NUL included), where argv
 * and the environment's strings point: both 0 before the boot has it.
 * lib/syscall accepts pointers into it when it lies below the image. */
void ts_boot_cmdline_span(uintptr_t *start, uintptr_t *end);

/* main's arguments (argv[argc] is NULL), valid from just before main;
 * NULL with *argc 0 before. For /proc/self/cmdline. */
char *const *ts_boot_argv(int *argc);

#endif
