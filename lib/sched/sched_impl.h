/* sched_impl.h: lib/sched's private thread state and internal calls. */
#ifndef LIBSCHED_IMPL_H
#define LIBSCHED_IMPL_H

#include <ts/arch/context.h>
#include <ts/sched.h>
#include <ts/sched_policy.h>

enum thread_state { T_READY, T_RUNNING, T_BLOCKED, T_SLEEPING, T_EXITED };

struct ts_thread {
	struct ts_arch_ctx ctx;          /* first: 64-byte aligned XSAVE area inside */
	char name[24];
	int prio;
	enum thread_state state;
	struct ts_thread *runq_next;     /* the policy's run queue */
	struct ts_thread *q_prev, *q_next; /* the wait queue it blocks on */
	struct ts_waitq *waitq;
	struct ts_thread *s_next;        /* the sleep list, by deadline */
	uint64_t deadline;               /* 0: none */
	int timed_out;
	int intr_wait;                   /* in ts_waitq_wait_intr */
	int interrupted;                 /* ts_thread_interrupt came, not yet seen */
	void (*fn)(void *);
	void *arg, *retval;
	void *stack;                     /* usable stack, above the guard page */
	void *stack_base;                /* the allocation, guard page first */
	size_t stack_pages;              /* usable pages */
	int guarded;
	int caller_stack;                /* attr.stack_top: not ours to free */
	int detached, joined;
	struct ts_waitq joiners;
	struct ts_thread *zombie_next;
	unsigned int atomic;             /* open critical sections */
	int need_resched;                /* preempted inside one: yield at its end */
	uint64_t cpu_tsc;                /* TSC ticks it ran, up to its last switch out */
	uint64_t run_tsc;                /* TSC when it was last switched in */
	void *tls[TS_TLS_KEYS];
};

extern struct ts_thread *ts_sched_current;

/* Give the CPU away: run the next runnable thread (waiting for sleepers if
 * none is). The caller has already set its own state and queued itself. */
void ts_sched_reschedule(void);

/* Make t runnable (it must not be in the run queue). */
void ts_sched_make_ready(struct ts_thread *t);

/* Sleep list: add t (deadline set) / take it out if it is on it. */
void ts_sched_sleep_add(struct ts_thread *t);
void ts_sched_sleep_remove(struct ts_thread *t);

/* Waitq: unlink t from the queue it waits on (timeouts). */
void ts_waitq_remove(struct ts_thread *t);

/* Stacks (stack.c): fill t's stack fields for `pages` usable pages, or
 * return -1 when out of memory; give them back. */
int ts_sched_stack_get(struct ts_thread *t, size_t pages);
void ts_sched_stack_put(struct ts_thread *t);

/* Arm the preemption timer if it is needed and not armed (no-op when the
 * scheduler is cooperative). */
void ts_sched_arm_timer(void);

/* Free the stacks and state of exited detached threads (not the current). */
void ts_sched_reap(void);
void ts_sched_zombie_add(struct ts_thread *t);
void ts_thread_free(struct ts_thread *t);

#endif
