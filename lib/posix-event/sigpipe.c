/* sigpipe.c: SIGPIPE to the thread that wrote to a pipe without readers (with lib/posix-signal). */
#include <ts/posix_signal.h>
#include <ts/posix_thread.h>
#include "event.h"

#define SIGPIPE 13 /* Linux x86_64 */

/* As Linux's send_sig(SIGPIPE, current, 0): si_code SI_USER from pid 1;
 * POSIX names the writing thread. Delivered as the write returns EPIPE
 * (default action: the instance ends with status 141). */
void ev_sigpipe(void)
{
	struct ts_siginfo info = { .si_signo = SIGPIPE, .si_code = TS_SI_USER };

	info.u.kill.pid = 1;
	ts_signal_send(ts_posix_gettid(), &info);
}
