/* signal_impl.h: lib/posix-signal's private state — actions, per-thread masks and queues — and the calls its files share. */
#ifndef LIBPOSIX_SIGNAL_IMPL_H
#define LIBPOSIX_SIGNAL_IMPL_H

#include <ts/posix_signal.h>
#include <ts/sched.h>

/* SIGKILL and SIGSTOP can be neither blocked, caught nor ignored. */
#define UNBLOCKABLE (TS_SIGBIT(TS_SIGKILL) | TS_SIGBIT(TS_SIGSTOP))

/* Signals waiting in one place (a thread, or the process): the set of
 * their numbers and the nodes, in the order they came. */
struct pendset {
	uint64_t bits;
	struct ts_signal_node *head, *tail;
};

/* One thread's signal state. Made on first need (its first signal call,
 * or a signal sent to it), found through a lib/sched per-thread slot by
 * the thread itself and through the list by others. */
struct sigthread {
	struct sigthread *next;
	int tid;
	struct ts_thread *t;
	uint64_t mask;          /* blocked signals */
	uint64_t waiting;       /* rt_sigtimedwait's set while it waits */
	struct pendset pending; /* sent to this thread */
	struct ts_kstack alt;   /* sigaltstack; ss_flags TS_SS_DISABLE when none */
};

/* Process-wide state; every access is inside ts_sched_atomic_begin/end. */
extern struct ts_ksigaction sig_actions[TS_NSIG + 1];
extern struct pendset sig_proc_pending;

/* The calling thread's state, made if needed (NULL only without memory).
 * sig_self_peek does not make it (for the fault path). */
struct sigthread *sig_self(void);
struct sigthread *sig_self_peek(void);

/* Thread tid's state (made if the thread exists), or NULL. In a critical
 * section. */
struct sigthread *sig_thread_find(int tid);

/* Signals t may take now, and whether signal sig would be ignored. */
uint64_t sig_deliverable(const struct sigthread *t);
int sig_ignored(int sig);

/* Take the lowest signal of `set` waiting for t (its own first, then the
 * process's) into *info: its number, or 0. In a critical section. */
int sig_dequeue(struct sigthread *t, uint64_t set, struct ts_siginfo *info);

/* Drop every queued instance of sig (its action became "ignore"). */
void sig_discard(int sig);

/* Run the handlers (or default actions) of everything t may take now.
 * Returns how many handlers ran; *restart is cleared when one of them had
 * no SA_RESTART. */
int sig_deliver(struct sigthread *t, int *restart);

/* Run sig's handler (act, copied before) with info on the right stack;
 * uc is the context to hand it (registers of a fault, or zeros). Sets and
 * restores the mask around it. */
void sig_run_handler(struct sigthread *t, int sig, const struct ts_ksigaction *act,
		     struct ts_siginfo *info, struct ts_ucontext *uc);

/* The default action of sig: ends the instance unless it is one of the
 * signals ignored by default (returns then). */
void sig_default(int sig);

/* Whether the stack pointer sp lies on t's alternate stack. */
int sig_on_altstack(const struct sigthread *t, uint64_t sp);

/* Call fn(sig, info, uc) with the stack pointer at sp (16-byte aligned),
 * and come back to the caller's stack (stack.S). */
void ts_signal_call_on_stack(void *fn, long sig, void *info, void *uc, uint64_t sp);

/* Keep ts_syscall_exit_work true exactly while something is pending. */
void sig_update_work(void);

/* Interrupt the first thread that takes sig, the caller included: for a
 * signal sent from outside any system call (the host's stop request,
 * seen in the idle loop while the current thread is blocked), where
 * wake_taker would count on the caller's own system call return. */
void sig_wake_any(int sig);

#endif
