/* exit.c: atexit, exit (handlers, stdio flush, the fini table, halt) and _Exit. */
#include <stdio.h>
#include <stdlib.h>
#include <ts/initcall.h>
#include <ts/plat/lifecycle.h>

#define ATEXIT_MAX 32

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	/*
	 * Each handler leaves the table before it runs, so a handler that
	 * registers another one, or calls exit() itself, does not run twice.
	 */
	while (nhandlers > 0)
		handlers[--nhandlers]();
	fflush(NULL);
	ts_finicalls_run();
	ts_plat_halt(status & 0xff); /* as on Linux: exit(256) is 0, never a crash */
}

_Noreturn void _Exit(int status)
{
	ts_plat_halt(status & 0xff); /* as on Linux; TS_EXIT_CRASH is out of reach */
}
