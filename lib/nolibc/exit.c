/* exit.c: atexit, exit and _Exit. */
#include <stdio.h>
#include <stdlib.h>
#include <ts/boot.h>
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
	ts_boot_exit(status);
}

_Noreturn void _Exit(int status)
{
	ts_plat_halt(status & 0xff); /* as on Linux; TS_EXIT_CRASH is out of reach */
}
