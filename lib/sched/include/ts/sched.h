/* lib/sched: threads and wait queues (schedulers implement <ts/sched_policy.h>). */
#ifndef TS_SCHED_H
#define TS_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <ts/hooks.h> /* ts_thread_yield, ts_thread_sleep_until, ts_sched_atomic_begin/end */

struct ts_thread;

/* What ts_thread_create needs to know; zero fields take the defaults. */
struct ts_thread_attr {
	const char *name;  /* shown in crash reports; copied (up to 23 bytes) */
	size_t stack_size; /* bytes, rounded up to pages; 0: LIBSCHED_STACK_SIZE */
	int prio;          /* higher runs first under priority schedulers; 0 default */
	/*
	 * Non-NULL: the thread runs on the caller's stack, growing down from
	 * here (16-byte aligned down), instead of one lib/sched allocates;
	 * stack_size is then ignored. lib/sched neither frees it nor guards
	 * it: its owner must keep it until the thread has ended and not free
	 * it while the thread still runs on it (lib/posix-thread: clone runs
	 * musl's thread on the stack musl mapped).
	 */
	void *stack_top;
};

/*
 * Create a thread running fn(arg), runnable at once. *out receives it
 * (out may be NULL when nobody will join it: it is then detached). Returns
 * 0, -ENOMEM when no memory is left for its stack and state, or -EINVAL for
 * a NULL fn. Returning from fn is ts_thread_exit(NULL).
 */
int ts_thread_create(struct ts_thread **out, const struct ts_thread_attr *attr,
		     void (*fn)(void *arg), void *arg);

/* End the calling thread; joiners receive retval. Never returns. */
_Noreturn void ts_thread_exit(void *retval);

/*
 * Wait for t to end, store its exit value in *retval (if not NULL) and free
 * it. Returns 0, or -EINVAL when t is detached, already joined or the
 * caller itself.
 */
int ts_thread_join(struct ts_thread *t, void **retval);

/* Free t by itself when it ends; it can no longer be joined. 0 or -EINVAL. */
int ts_thread_detach(struct ts_thread *t);

/* Let the other runnable threads run first: ts_thread_yield, in <ts/hooks.h>. */

/* Sleep until ts_plat_monotonic_ns() >= deadline_ns (ts_thread_sleep_until,
 * in <ts/hooks.h>) / for ns nanoseconds. */
void ts_thread_sleep_ns(uint64_t ns);

/*
 * Add hook(self), called in every thread that ends (ts_thread_exit or a
 * return from its fn), on that thread, before it is marked ended and
 * before its joiners wake; hooks run in the order they were added. Up to
 * TS_THREAD_EXIT_HOOKS; adding one twice adds it once. Returns 0, or
 * -ENOMEM when all are taken. Not called for the boot context.
 * lib/posix-thread uses one to forget the thread's Linux tid.
 */
#define TS_THREAD_EXIT_HOOKS 4
int ts_thread_add_exit_hook(void (*hook)(struct ts_thread *self));

/* The thread that runs main() (ts_boot_call_main creates it); NULL before
 * it exists and when lib/boot calls main without lib/sched's help. */
struct ts_thread *ts_sched_main_thread(void);

/* The calling thread, and a thread's name. */
struct ts_thread *ts_thread_self(void);
const char *ts_thread_name(const struct ts_thread *t);

/*
 * Per-thread storage: TS_TLS_KEYS slots of one pointer each, NULL in a new
 * thread. ts_tls_key_create gives a fresh key (0 or -EAGAIN when all are
 * taken); get/set act on the calling thread (keys out of range: NULL / -EINVAL).
 */
#define TS_TLS_KEYS 16
int ts_tls_key_create(unsigned int *key);
void *ts_tls_get(unsigned int key);
int ts_tls_set(unsigned int key, void *value);

/*
 * CPU time: nanoseconds t has run (including the current slice when t is
 * running), counted at thread switches from the TSC; and the nanoseconds
 * the CPU idled with no thread runnable since the scheduler started. Time
 * spent in interrupts and ring 0 is charged to the thread they interrupted.
 */
uint64_t ts_thread_cpu_ns(const struct ts_thread *t);
uint64_t ts_sched_idle_ns(void);

/* ---- wait queues: the one way a thread blocks (locks are built on them) ---- */
struct ts_waitq {
	struct ts_thread *head, *tail;
};
#define TS_WAITQ_INIT { NULL, NULL }

/*
 * Block the calling thread on q until ts_waitq_wake_* picks it or, if
 * deadline_ns is not 0, until that monotonic time. Returns 0 when woken,
 * -ETIMEDOUT when the deadline passed first.
 */
int ts_waitq_wait(struct ts_waitq *q, uint64_t deadline_ns);

/*
 * The same wait, interruptible: ts_thread_interrupt(t) ends it with -EINTR
 * (the thread leaves q). An interrupt that comes while t is not in such a
 * wait is kept, and its next interruptible wait returns -EINTR at once,
 * so none is lost between a check and the wait. For blocking system calls
 * that a signal must break (lib/posix-signal interrupts the target).
 */
int ts_waitq_wait_intr(struct ts_waitq *q, uint64_t deadline_ns);

/* Interrupt t's interruptible wait, now or its next one. */
void ts_thread_interrupt(struct ts_thread *t);

/* Drop a kept interrupt of the calling thread; 1 if there was one (the
 * signal library calls it once it has delivered what was pending). */
int ts_thread_interrupt_clear(void);

/* Make the longest-waiting thread (or all) on q runnable; returns how many. */
int ts_waitq_wake_one(struct ts_waitq *q);
int ts_waitq_wake_all(struct ts_waitq *q);

/* Critical sections against preemption: ts_sched_atomic_begin/end, declared
 * in <ts/hooks.h> (malloc uses them when lib/sched is linked). */

/* 1 when timer interrupts preempt threads (a preemptive policy on a
 * platform with timer interrupts), 0 when threads are cooperative. */
int ts_sched_preemptive(void);

#endif
