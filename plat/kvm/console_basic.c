/* console_basic.c: the platform console without virtio — isa-debugcon or the UART only. */
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>
#include "pvh.h"

long ts_plat_console_write(const char *buf, size_t len)
{
	return ts_kvm_basic_console_write(buf, len);
}

void ts_plat_console_crash(void) {}

long ts_plat_console_read(char *buf, size_t len)
{
	return ts_kvm_uart_read(buf, len);
}

void ts_kvm_console_flush(void) {}

/* No virtio-console, no stop port: tess stop kills such an instance. */
int ts_plat_stop_requested(void)
{
	return 0;
}
