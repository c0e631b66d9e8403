/* abort.c: abnormal termination with the crash status. */
#include <stdio.h>
#include <stdlib.h>
#include <ts/plat/lifecycle.h>

_Noreturn void abort(void)
{
	/* stderr flushes stdout first, so the output before the abort survives. */
	fputs("abort() called\n", stderr);
	ts_plat_halt(TS_EXIT_CRASH);
}
