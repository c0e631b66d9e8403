/* exit.c: exit and exit_group — the instance ends with the status (the C library has already run atexit and flushed stdio). */
#include <ts/initcall.h>
#include <ts/plat/lifecycle.h>
#include <ts/syscall.h>

/* The whole instance is one process: ending it is the VM's exit. */
TS_SYSCALL_DEFINE1(exit_group, "d:d", int, status)
{
	ts_finicalls_run();
	ts_plat_halt(status & 0xff); /* as on Linux: exit(256) is 0 */
}
