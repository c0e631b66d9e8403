/* plat/common: acting on the host's request to shut down (tess stop). */
#ifndef TS_STOP_H
#define TS_STOP_H

/*
 * Poll ts_plat_stop_requested() and act on a request, once: with
 * lib/posix-signal, SIGTERM to the program (its handler runs as a system
 * call returns; a blocked call is interrupted); without it, the fini
 * handlers run and the instance exits with status 143, as SIGTERM's
 * default action would end it. Called where the guest waits (the idle
 * loop, console input), so a compute-bound guest never sees it: the host
 * kills it after its timeout. Returns 1 when it has just sent the signal
 * (a waiter then returns early, so the scheduler runs the interrupted
 * thread), else 0.
 */
int ts_stop_check(void);

#endif
