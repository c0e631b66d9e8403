/* sigmask.c: the temporary signal mask of ppoll, pselect6 and epoll_pwait, through lib/posix-signal. */
#include <errno.h>
#include <ts/posix_signal.h>
#include "event.h"

int ev_sigmask_set(const void *mask, size_t sigsetsize, struct ev_sigsave *save)
{
	int r = ev_sigmask_ok(mask, sigsetsize);

	save->swapped = 0;
	if (r || !mask)
		return r;
	r = ts_signal_mask_swap(*(const uint64_t *)mask, &save->old);
	save->swapped = r == 0;
	return r;
}

void ev_sigmask_restore(const struct ev_sigsave *save, long r)
{
	if (save->swapped)
		ts_signal_mask_restore(save->old, r == -EINTR);
}
