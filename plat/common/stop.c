/* stop.c: acting on the host's request to shut down (tess stop) where the guest waits. */
#include <ts/hooks.h>
#include <ts/initcall.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>
#include <ts/stop.h>

#define STATUS_SIGTERM 143 /* 128 + SIGTERM, as a shell shows it */

int ts_stop_check(void)
{
	static int taken;

	if (taken || !ts_plat_stop_requested())
		return 0;
	taken = 1;
	ts_pr_debug("stop: requested by the host\n");
	if (ts_signal_stop_request_hook) {
		ts_signal_stop_request_hook();
		return 1;
	}
	ts_pr_err("stop: requested by the host; the program ends with status %d\n", STATUS_SIGTERM);
	ts_finicalls_run();
	ts_plat_halt(STATUS_SIGTERM);
}
