/* console.c: console output through the CONSOLE_WRITE hypercall. */
#include <ts/plat/console.h>
#include "tvm.h"

void ts_plat_console_write(const char *buf, size_t len)
{
	struct tvm_hc hc = { .nr = TVM_HC_CONSOLE_WRITE };
	while (len) {
		hc.arg[0] = (uintptr_t)buf;
		hc.arg[1] = len;
		long n = ts_tvm_hypercall(&hc);
		if (n <= 0)
			return; /* tvm refused: nothing better to do with the bytes */
		buf += n;
		len -= (size_t)n;
	}
}
