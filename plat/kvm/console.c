/* console.c: the basic console — QEMU's isa-debugcon when present, else the 16550 UART; waiting for input. */
#include <ts/arch/cpu.h>
#include <ts/hooks.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include "pvh.h"

/* A UART takes one exit per byte (and a status read per 16); isa-debugcon
 * takes a whole `rep outsb` batch (up to a page) per exit, so it is used
 * whenever QEMU has one. Probed once, at the first write: one port read. */
long ts_kvm_basic_console_write(const char *buf, size_t len)
{
	static int debugcon = -1;
	if (debugcon < 0)
		debugcon = ts_kvm_debugcon_present(CONFIG_PLAT_KVM_DEBUGCON_PORT);
	if (!debugcon)
		return ts_kvm_uart_write(buf, len);
	ts_arch_outsb(CONFIG_PLAT_KVM_DEBUGCON_PORT, buf, len);
	return (long)len;
}

int ts_kvm_debugcon_present(uint16_t port)
{
	return ts_arch_inb(port) == 0xe9; /* isa-debugcon's readback; no device reads 0xff */
}

/* No input interrupt is wired up: a reader polls, sleeping in between
 * when there is a scheduler (other threads run), spinning otherwise. */
void ts_plat_console_wait(uint64_t deadline_ns)
{
	if (ts_thread_sleep_until_hook)
		ts_thread_sleep_until_hook(deadline_ns);
	else
		ts_plat_wait_until(deadline_ns);
}
