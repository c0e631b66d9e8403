/* deliver.c: running handlers and default actions as a system call returns, and restarting calls a handler interrupted (SA_RESTART). */
#include <errno.h>
#include <string.h>
#include <ts/initcall.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "signal_impl.h"

static const char *const names[32] = {
	NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
	"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
	"SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

/* Signals whose default action on Linux dumps core: here they end the
 * instance like the others, and the message says what Linux would do. */
static int dumps_core(int sig)
{
	switch (sig) {
	case TS_SIGQUIT: case TS_SIGILL: case TS_SIGTRAP: case TS_SIGABRT: case TS_SIGBUS:
	case TS_SIGFPE: case TS_SIGSEGV: case TS_SIGXCPU: case TS_SIGXFSZ: case TS_SIGSYS:
		return 1;
	default:
		return 0;
	}
}

void sig_default(int sig)
{
	if (sig_ignored(sig))
		return;
	/* Terminate: the status a shell shows for a process a signal killed. */
	if (sig < 32)
		ts_pr_err("signal: %s (%d)%s: the program ends with status %d\n", names[sig], sig,
			  dumps_core(sig) ? ", core dump not supported" : "", 128 + sig);
	else
		ts_pr_err("signal: real-time signal %d: the program ends with status %d\n", sig, 128 + sig);
	ts_finicalls_run();
	ts_plat_halt(128 + sig);
}

int sig_on_altstack(const struct sigthread *t, uint64_t sp)
{
	return !(t->alt.ss_flags & TS_SS_DISABLE) && sp - t->alt.ss_sp < t->alt.ss_size;
}

/* Block what the handler of sig blocks while it runs; returns the mask to
 * give back. */
static uint64_t handler_mask(struct sigthread *t, int sig, const struct ts_ksigaction *act)
{
	ts_sched_atomic_begin();
	uint64_t old = t->mask;
	t->mask |= act->mask | (act->flags & TS_SA_NODEFER ? 0 : TS_SIGBIT(sig));
	t->mask &= ~UNBLOCKABLE;
	ts_sched_atomic_end();
	return old;
}

/* Call the handler (its mask already set; old is the mask before) and
 * take the mask it leaves in uc. */
static void call_handler(struct sigthread *t, int sig, const struct ts_ksigaction *act,
			 struct ts_siginfo *info, struct ts_ucontext *uc, uint64_t old)
{
	uint64_t here = (uint64_t)__builtin_frame_address(0);
	uc->uc_sigmask = old;
	uc->uc_stack = t->alt;
	if (sig_on_altstack(t, here))
		uc->uc_stack.ss_flags |= TS_SS_ONSTACK;
	if (!uc->fpregs)
		uc->fpregs = uc->fpregs_mem;
	void (*fn)(int, struct ts_siginfo *, struct ts_ucontext *) =
		(void (*)(int, struct ts_siginfo *, struct ts_ucontext *))act->handler;
	/* Handlers get the three arguments whether or not SA_SIGINFO asked
	 * for them, as Linux passes them. */
	if ((act->flags & TS_SA_ONSTACK) && !(t->alt.ss_flags & TS_SS_DISABLE) && !sig_on_altstack(t, here)) {
		struct ts_kstack saved = t->alt;
		if (t->alt.ss_flags & TS_SS_AUTODISARM)
			t->alt.ss_flags = TS_SS_DISABLE, t->alt.ss_sp = 0, t->alt.ss_size = 0;
		ts_signal_call_on_stack((void *)fn, sig, info, uc, (saved.ss_sp + saved.ss_size) & ~15ull);
		if (saved.ss_flags & TS_SS_AUTODISARM)
			t->alt = saved;
	} else {
		fn(sig, info, uc);
	}
	/* What the handler left in uc_sigmask is the mask from now on (Linux
	 * restores it from the frame the same way). */
	ts_sched_atomic_begin();
	t->mask = uc->uc_sigmask & ~UNBLOCKABLE;
	sig_update_work();
	ts_sched_atomic_end();
}

void sig_run_handler(struct sigthread *t, int sig, const struct ts_ksigaction *act,
		     struct ts_siginfo *info, struct ts_ucontext *uc)
{
	call_handler(t, sig, act, info, uc, handler_mask(t, sig, act));
}

/*
 * Signals 32 and 33 are the C libraries' own (musl: 32 timers, 33 thread
 * cancellation; glibc: 32 cancellation, 33 setxid). Their handlers decide
 * by the address of the interrupted instruction — musl's cancellation
 * handler, installed with SA_RESTART, moves the program counter of a call
 * interrupted inside a cancellation point to the cancellation, and Linux
 * then does not restart it. A signal delivered as a call returns has no
 * such address to give: instead, a call they interrupt is never
 * restarted, so it returns EINTR, which musl's cancellation point turns
 * into the cancellation.
 */
static int libc_internal(int sig)
{
	return sig == TS_SIGRTMIN || sig == TS_SIGRTMIN + 1;
}

/*
 * Deliver in Linux's order. Linux takes the lowest pending signal, sets
 * up its handler's frame and mask, and before returning to the program
 * takes the next one that mask lets through, whose frame goes on top and
 * runs first: with USR1, USR2 and a real-time signal pending, the
 * real-time handler runs first and USR1's last. Here the same happens by
 * recursion: the handler of the signal taken runs after everything its
 * mask lets through has been delivered.
 */
static int deliver_level(struct sigthread *t, int *restart)
{
	int ran = 0;
	for (;;) {
		struct ts_siginfo info;
		struct ts_ksigaction act;
		ts_sched_atomic_begin();
		int sig = sig_dequeue(t, ~t->mask, &info);
		if (sig) {
			act = sig_actions[sig];
			if (act.handler > TS_SIG_IGN && (act.flags & TS_SA_RESETHAND)) {
				sig_actions[sig].handler = TS_SIG_DFL;
				sig_actions[sig].flags &= ~TS_SA_SIGINFO;
			}
		}
		ts_sched_atomic_end();
		if (!sig)
			return ran;
		if (act.handler == TS_SIG_IGN)
			continue;
		if (act.handler == TS_SIG_DFL) {
			sig_default(sig); /* returns only for the ignored ones */
			continue;
		}
		struct ts_ucontext uc;
		memset(&uc, 0, sizeof(uc));
		uint64_t old = handler_mask(t, sig, &act);
		ran += deliver_level(t, restart);
		call_handler(t, sig, &act, &info, &uc, old);
		ran++;
		if (!(act.flags & TS_SA_RESTART) || libc_internal(sig))
			*restart = 0;
	}
}

int sig_deliver(struct sigthread *t, int *restart)
{
	*restart = 1;
	int ran = deliver_level(t, restart);
	/* Any kept interrupt was for what was just delivered. */
	ts_thread_interrupt_clear();
	return ran;
}

/* Calls Linux never restarts after a handler, whatever SA_RESTART says:
 * sleeps, waits with a timeout or for signals, and the multiplexers. */
static int never_restarted(long n)
{
	switch (n) {
	case TS_NR_nanosleep: case TS_NR_clock_nanosleep: case TS_NR_pause:
	case TS_NR_rt_sigsuspend: case TS_NR_rt_sigtimedwait:
	case TS_NR_poll: case TS_NR_ppoll: case TS_NR_select: case TS_NR_pselect6:
	case TS_NR_epoll_wait: case TS_NR_epoll_pwait: case TS_NR_epoll_pwait2:
	case TS_NR_io_getevents: case TS_NR_msgrcv: case TS_NR_msgsnd: case TS_NR_semtimedop:
		return 1;
	default:
		return 0;
	}
}

long ts_signal_syscall_exit(long n, long ret, const long a[6])
{
	struct sigthread *t = sig_self();
	if (!t || !sig_deliverable(t))
		return ret;
	int restart;
	int ran = sig_deliver(t, &restart);
	if (ret != -EINTR || !ran || !restart || never_restarted(n))
		return ret;
	/* Every handler that ran asked for SA_RESTART: make the call again
	 * (its own return delivers what comes meanwhile). */
	return __tessera_syscall(n, a[0], a[1], a[2], a[3], a[4], a[5]);
}
