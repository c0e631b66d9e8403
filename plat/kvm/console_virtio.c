/* console_virtio.c: the platform console on virtio-console when QEMU has one, else the basic console. */
#include <ts/errno.h>
#include <ts/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>
#include <ts/virtio_console.h>
#include "pvh.h"

/* Polls of the used ring before a crash report or the exit give up on a
 * device that does not complete (about a second). */
#define FLUSH_SPINS 10000000ul

static int crashing;

long ts_plat_console_write(const char *buf, size_t len)
{
	if (!crashing) {
		long r = ts_virtio_console_write(buf, len);

		if (r >= 0)
			return r;
	}
	return ts_kvm_basic_console_write(buf, len);
}

/* Input from virtio-console's input port (tess's stdin, with its end);
 * without the device, whatever the UART receives. */
long ts_plat_console_read(char *buf, size_t len)
{
	long r = ts_virtio_console_read(buf, len);

	return r == -ENODEV ? ts_kvm_uart_read(buf, len) : r;
}

/* The report goes out on the basic console, which needs no state that a
 * wild write could have broken; what virtio still holds goes first, so
 * the order of the output is kept. */
void ts_plat_console_crash(void)
{
	if (!crashing)
		ts_virtio_console_flush(FLUSH_SPINS);
	crashing = 1;
}

void ts_kvm_console_flush(void)
{
	ts_virtio_console_flush(FLUSH_SPINS);
}

/* Under loglevel=debug, say which console is used (tests check it): this
 * probes the device at boot rather than at the first write. */
static int console_report(void)
{
	if (ts_log_enabled(TS_LOG_DEBUG))
		ts_pr_debug("console: %s\n", ts_virtio_console_write("", 0) == 0 ?
				"virtio-console" : "isa-debugcon or UART");
	return 0;
}
TS_INITCALL(console_report, TS_INIT_PLAT, 0);

/* Stop requests: tess run -d adds the kernel option tess.stop=PORT with a
 * virtserialport there (docs/architecture.md, "Stopping an instance"). */
int ts_plat_stop_requested(void)
{
	return ts_virtio_console_stop_poll();
}

static int stop_port_setup(void)
{
	const char *p = ts_boot_param("tess.stop");
	unsigned port = 0;

	if (!p)
		return 0;
	for (; *p >= '0' && *p <= '9' && port < 1000; p++)
		port = port * 10 + (unsigned)(*p - '0');
	ts_pr_debug("stop: port %u\n", port);
	if (*p || ts_virtio_console_stop_setup(port) < 0)
		ts_pr_warn("tess.stop: no stop port %s; tess stop will kill the instance\n",
			   ts_boot_param("tess.stop"));
	return 0;
}
TS_INITCALL(stop_port_setup, TS_INIT_PLAT, 0);
