/* console.c: the console through hypercalls — CONSOLE_WRITE out, CONSOLE_READ in (tvm's stdin). */
#include <ts/errno.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include <ts/stop.h>
#include <ts/tvm.h>
#include "tvm.h"

long ts_plat_console_write(const char *buf, size_t len)
{
	struct tvm_hc hc = { .nr = TVM_HC_CONSOLE_WRITE };
	size_t left = len;

	while (left) {
		hc.arg[0] = (uintptr_t)buf;
		hc.arg[1] = left;
		long n = ts_tvm_hypercall(&hc);
		if (n <= 0)
			return n < 0 ? n : -EIO; /* the host's output failed */
		buf += n;
		left -= (size_t)n;
	}
	return (long)len;
}

/* The hypercall needs no guest state: crash reports use the same path. */
void ts_plat_console_crash(void) {}

long ts_plat_console_read(char *buf, size_t len)
{
	return ts_tvm_console_read(buf, len);
}

/* The vCPU sleeps in tvm's ppoll on its stdin: an idle reader costs no
 * host CPU. A stop request ends the wait (TVM_WAIT_STOP) and is acted on
 * here: the reader is then interrupted by SIGTERM, or the instance ends. */
void ts_plat_console_wait(uint64_t deadline_ns)
{
	uint64_t now = ts_plat_monotonic_ns();

	if (deadline_ns == UINT64_MAX)
		ts_tvm_wait_console(UINT64_MAX); /* tvm's "no limit" */
	else if (now < deadline_ns)
		ts_tvm_wait_console(deadline_ns - now);
	ts_stop_check();
}
