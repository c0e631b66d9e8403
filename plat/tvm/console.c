/* console.c: console output through the CONSOLE_WRITE hypercall. */
#include <ts/errno.h>
#include <ts/plat/console.h>
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
