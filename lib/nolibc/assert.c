/* assert.c: the report of a failed assert(). */
#include <assert.h>
#include <stdio.h>
#include <ts/plat/lifecycle.h>

_Noreturn void ts_nolibc_assert_fail(const char *expr, const char *file,
				     unsigned int line, const char *func)
{
	/* stderr flushes stdout first, so the output before the failure survives. */
	fprintf(stderr, "Assertion failed: %s (%s:%u: %s)\n", expr, file, line, func);
	ts_plat_halt(TS_EXIT_CRASH);
}
