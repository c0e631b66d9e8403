/* Host-test stand-in for <ts/hooks.h>: the scheduler hooks lib/blk uses,
 * as if lib/sched were linked. A critical section is one recursive
 * pthread mutex (on the host threads really run at once); yielding is
 * sched_yield. hooks.c counts the calls. */
#ifndef TS_HOOKS_H
#define TS_HOOKS_H

void host_atomic_begin(void);
void host_atomic_end(void);
void host_yield(void);
extern long host_yields;  /* yields so far */
extern int host_in_atomic; /* critical sections held (by anyone) */

/* Pointers, as the kernel's weak references are (which may be NULL). */
static void (*ts_sched_atomic_begin_hook)(void) __attribute__((unused)) = host_atomic_begin;
static void (*ts_sched_atomic_end_hook)(void) __attribute__((unused)) = host_atomic_end;
static void (*ts_thread_yield_hook)(void) __attribute__((unused)) = host_yield;

#endif
