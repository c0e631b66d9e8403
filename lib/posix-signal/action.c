/* action.c: rt_sigaction, rt_sigprocmask, rt_sigpending, sigaltstack, rt_sigreturn — the program's view of its signal state. */
#include <errno.h>
#include <ts/syscall.h>
#include "signal_impl.h"

#define SIGSET_SIZE 8
#define KNOWN_FLAGS (TS_SA_NOCLDSTOP | TS_SA_NOCLDWAIT | TS_SA_SIGINFO | TS_SA_RESTORER | TS_SA_ONSTACK | \
		     TS_SA_RESTART | TS_SA_NODEFER | TS_SA_RESETHAND)
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* SA_RESTORER is accepted and kept but never used: handlers return into
 * the delivery code, not through a restorer and rt_sigreturn. */
TS_SYSCALL_DEFINE4(rt_sigaction, "dppu:d", int, sig, const struct ts_ksigaction *, act,
		   struct ts_ksigaction *, oact, size_t, setsize)
{
	if (setsize != SIGSET_SIZE || sig < 1 || sig > TS_NSIG)
		return -EINVAL;
	if (act && !ts_user_ok(act, sizeof(*act), 0))
		return -EFAULT;
	if (oact && !ts_user_ok(oact, sizeof(*oact), 1))
		return -EFAULT;
	if (act && (sig == TS_SIGKILL || sig == TS_SIGSTOP))
		return -EINVAL;
	/* The flags are an int in the C libraries, which sign-extend it into
	 * the kernel's unsigned long (SA_RESETHAND is bit 31): only the low
	 * 32 bits mean anything. */
	if (act && ((uint32_t)act->flags & ~KNOWN_FLAGS))
		return -EINVAL;
	struct ts_ksigaction n = act ? *act : (struct ts_ksigaction){ 0 };
	n.flags = (uint32_t)n.flags;
	ts_sched_atomic_begin();
	struct ts_ksigaction old = sig_actions[sig];
	if (act) {
		n.mask &= ~UNBLOCKABLE;
		sig_actions[sig] = n;
		/* POSIX: setting "ignore" drops what is pending of it. */
		if (sig_ignored(sig))
			sig_discard(sig);
	}
	ts_sched_atomic_end();
	if (oact)
		*oact = old;
	return 0;
}

TS_SYSCALL_DEFINE4(rt_sigprocmask, "dppu:d", int, how, const uint64_t *, set, uint64_t *, oset, size_t, setsize)
{
	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	if (set && !ts_user_ok(set, sizeof(*set), 0))
		return -EFAULT;
	if (oset && !ts_user_ok(oset, sizeof(*oset), 1))
		return -EFAULT;
	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	uint64_t old = t->mask;
	if (set) {
		uint64_t s = *set;
		ts_sched_atomic_begin();
		t->mask = how == SIG_BLOCK ? t->mask | s : how == SIG_UNBLOCK ? t->mask & ~s : s;
		t->mask &= ~UNBLOCKABLE;
		ts_sched_atomic_end();
	}
	if (oset)
		*oset = old;
	return 0; /* unblocked pending signals are delivered as this returns */
}

/* Pending signals that are blocked (what could not be delivered). */
TS_SYSCALL_DEFINE2(rt_sigpending, "pu:d", uint64_t *, set, size_t, setsize)
{
	if (setsize > SIGSET_SIZE)
		return -EINVAL;
	if (!ts_user_ok(set, setsize, 1))
		return -EFAULT;
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	ts_sched_atomic_begin();
	uint64_t p = (t->pending.bits | sig_proc_pending.bits) & t->mask;
	ts_sched_atomic_end();
	for (size_t i = 0; i < setsize; i++)
		((unsigned char *)set)[i] = (unsigned char)(p >> (8 * i));
	return 0;
}

TS_SYSCALL_DEFINE2(sigaltstack, "pp:d", const struct ts_kstack *, ss, struct ts_kstack *, oss)
{
	if (ss && !ts_user_ok(ss, sizeof(*ss), 0))
		return -EFAULT;
	if (oss && !ts_user_ok(oss, sizeof(*oss), 1))
		return -EFAULT;
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	uint64_t here = (uint64_t)__builtin_frame_address(0);
	int on = sig_on_altstack(t, here);
	struct ts_kstack old = t->alt;
	if (ss) {
		struct ts_kstack n = *ss;
		unsigned int mode = (unsigned int)n.ss_flags & ~TS_SS_AUTODISARM;
		if (mode != 0 && mode != TS_SS_ONSTACK && mode != TS_SS_DISABLE)
			return -EINVAL;
		if (on)
			return -EPERM; /* not while running on it */
		if (mode == TS_SS_DISABLE) {
			n.ss_sp = 0;
			n.ss_size = 0;
			n.ss_flags = TS_SS_DISABLE;
		} else {
			if (n.ss_size < TS_MINSIGSTKSZ)
				return -ENOMEM;
			if (!ts_user_ok((void *)n.ss_sp, n.ss_size, 1))
				return -EFAULT;
			n.ss_flags = (int)((unsigned int)n.ss_flags & TS_SS_AUTODISARM);
		}
		n.pad = 0;
		t->alt = n;
	}
	if (oss) {
		if (old.ss_flags & TS_SS_DISABLE)
			old.ss_sp = 0, old.ss_size = 0;
		if (on)
			old.ss_flags = TS_SS_ONSTACK | (old.ss_flags & (int)TS_SS_AUTODISARM);
		*oss = old;
	}
	return 0;
}

/* Handlers are called as plain functions by lib/posix-signal and return
 * into it, which then restores the mask (and, after a fault, the
 * registers): no restorer runs, so nothing calls this. */
TS_SYSCALL_DEFINE0(rt_sigreturn, ":d")
{
	return -ENOSYS;
}
