/* sigmask_none.c: without lib/posix-signal no signal is ever delivered, so the temporary masks of ppoll, pselect6 and epoll_pwait are only checked. */
#include "event.h"

int ev_sigmask_set(const void *mask, size_t sigsetsize, struct ev_sigsave *save)
{
	save->swapped = 0;
	return ev_sigmask_ok(mask, sigsetsize);
}

void ev_sigmask_restore(const struct ev_sigsave *save, long r)
{
	(void)save;
	(void)r;
}
