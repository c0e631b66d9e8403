/* tempmask.c: the temporary signal mask of ppoll, pselect6 and epoll_pwait — in place for the wait, the handlers of what it lets through run under it, then the old mask is back. */
#include <errno.h>
#include "signal_impl.h"

int ts_signal_mask_swap(uint64_t mask, uint64_t *old)
{
	struct sigthread *t = sig_self();
	if (!t)
		return -ENOMEM;
	ts_sched_atomic_begin();
	*old = t->mask;
	t->mask = mask & ~UNBLOCKABLE;
	/* A signal the new mask unblocks came before the wait: it must end
	 * the wait as one arriving during it would (Linux checks for pending
	 * signals before it sleeps). */
	int now = sig_deliverable(t) != 0;
	ts_sched_atomic_end();
	if (now)
		ts_thread_interrupt(ts_thread_self());
	return 0;
}

void ts_signal_mask_restore(uint64_t old, int interrupted)
{
	struct sigthread *t = sig_self_peek();
	int restart;

	if (!t)
		return;
	/* Interrupted: what the temporary mask let through is taken now,
	 * while it is still the mask, as Linux delivers it before restoring
	 * the saved mask. */
	if (interrupted)
		sig_deliver(t, &restart);
	ts_sched_atomic_begin();
	t->mask = old;
	int pending = sig_deliverable(t) != 0;
	sig_update_work();
	ts_sched_atomic_end();
	/* An interrupt kept for a signal the old mask blocks again would end
	 * the thread's next unrelated wait. */
	if (!pending)
		ts_thread_interrupt_clear();
}
