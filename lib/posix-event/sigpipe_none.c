/* sigpipe_none.c: without lib/posix-signal (and lib/posix-thread) a write to a pipe without readers only fails with EPIPE. */
#include "event.h"

void ev_sigpipe(void)
{
}
