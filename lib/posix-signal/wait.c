/* wait.c: pause, rt_sigsuspend and rt_sigtimedwait — waiting for signals. */
#include <errno.h>
#include <ts/plat/time.h>
#include <ts/syscall.h>
#include "signal_impl.h"

#define SIGSET_SIZE 8
#define NSEC 1000000000ull

struct ktimespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* Wait until t may take a signal (cond) or the deadline (0: none) passes:
 * 0, or -ETIMEDOUT. Senders interrupt the wait of a thread that may take
 * what they send, so no wake-up is lost between the check and the wait. */
static int wait_for(struct sigthread *t, uint64_t set, uint64_t deadline)
{
	struct ts_waitq q = TS_WAITQ_INIT;
	for (;;) {
		ts_sched_atomic_begin();
		int ready = ((t->pending.bits | sig_proc_pending.bits) & set) != 0;
		ts_sched_atomic_end();
		if (ready)
			return 0;
		if (deadline && ts_plat_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		int r = ts_waitq_wait_intr(&q, deadline);
		if (r == -ETIMEDOUT)
			return r;
	}
}

/* Returns when a handler has run (-EINTR; it runs as the call returns). */
TS_SYSCALL_DEFINE0(pause, ":d")
{
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	for (;;) {
		wait_for(t, ~t->mask, 0);
		/* Deliver here rather than on return, to see whether a handler
		 * ran: pause goes on waiting after an ignored signal. */
		int restart;
		if (sig_deliver(t, &restart))
			return -EINTR;
	}
}

/* The temporary mask holds while the handlers run (they are run here, not
 * as the call returns, for that reason); then the old one comes back. */
TS_SYSCALL_DEFINE2(rt_sigsuspend, "pu:d", const uint64_t *, mask, size_t, setsize)
{
	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	if (!ts_user_ok(mask, sizeof(*mask), 0))
		return -EFAULT;
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	uint64_t old = t->mask;
	ts_sched_atomic_begin();
	t->mask = *mask & ~UNBLOCKABLE;
	ts_sched_atomic_end();
	for (;;) {
		wait_for(t, ~t->mask, 0);
		int restart;
		if (sig_deliver(t, &restart))
			break;
	}
	ts_sched_atomic_begin();
	t->mask = old;
	sig_update_work();
	ts_sched_atomic_end();
	return -EINTR;
}

TS_SYSCALL_DEFINE4(rt_sigtimedwait, "pppu:d", const uint64_t *, set, struct ts_siginfo *, info,
		   const struct ktimespec *, timeout, size_t, setsize)
{
	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	if (!ts_user_ok(set, sizeof(*set), 0))
		return -EFAULT;
	if (info && !ts_user_ok(info, sizeof(*info), 1))
		return -EFAULT;
	if (timeout && !ts_user_ok(timeout, sizeof(*timeout), 0))
		return -EFAULT;
	uint64_t deadline = 0;
	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= (int64_t)NSEC)
			return -EINVAL;
		uint64_t s = (uint64_t)timeout->tv_sec, now = ts_plat_monotonic_ns();
		uint64_t ns = s > (UINT64_MAX / 2) / NSEC ? UINT64_MAX / 2 : s * NSEC + (uint64_t)timeout->tv_nsec;
		deadline = now + ns;
	}
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	uint64_t want = *set & ~UNBLOCKABLE;
	struct ts_siginfo got;
	int sig;
	for (;;) {
		ts_sched_atomic_begin();
		sig = sig_dequeue(t, want, &got);
		t->waiting = sig ? 0 : want;
		ts_sched_atomic_end();
		if (sig)
			break;
		/* A signal it does not wait for but may take ends the wait:
		 * EINTR, and its handler runs as the call returns. */
		if (sig_deliverable(t))
			return t->waiting = 0, -EINTR;
		if (timeout && (deadline <= ts_plat_monotonic_ns() || wait_for(t, want | ~t->mask, deadline) < 0)) {
			t->waiting = 0;
			return -EAGAIN;
		}
		if (!timeout)
			wait_for(t, want | ~t->mask, 0);
	}
	if (info)
		*info = got;
	return sig;
}
