/* panic.c: stop the VM on a broken invariant, with a backtrace. */
#include <stdio.h>
#include <ts/arch/backtrace.h>
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>

_Noreturn void ts__panic(const char *file, int line, const char *fmt, ...)
{
	static int panicking;
	char buf[512];
	va_list ap;
	if (panicking++)
		ts_plat_halt(TS_EXIT_CRASH);
	fflush(stdout);
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	(void)n;
	ts_arch_crash_puts("\nPANIC: ");
	ts_arch_crash_puts(buf);
	n = snprintf(buf, sizeof(buf), " (%s:%d)\n", file, line);
	ts_arch_crash_puts(buf);
	ts_arch_crash_put_thread();
	/* Start at our caller: its return address and its saved frame. */
	ts_arch_backtrace_print((uintptr_t)__builtin_return_address(0) - 1,
				*(uintptr_t *)__builtin_frame_address(0), 0);
	ts_plat_halt(TS_EXIT_CRASH);
}
