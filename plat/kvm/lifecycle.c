/* lifecycle.c: stop the VM and hand the exit status to the host. */
#include <ts/arch/cpu.h>
#include <ts/arch/backtrace.h>
#include <ts/plat/lifecycle.h>
#include "pvh.h"

/* "exit N\n" or "crash\n" into buf (at least 10 bytes); returns its length. */
static size_t status_line(int status, char *buf)
{
	static const char crash[] = "crash\n";
	size_t n = 0;
	if (status == TS_EXIT_CRASH) {
		for (; crash[n]; n++)
			buf[n] = crash[n];
		return n;
	}
	const char *w = "exit ";
	while (*w)
		buf[n++] = *w++;
	if (status >= 100)
		buf[n++] = (char)('0' + status / 100);
	if (status >= 10)
		buf[n++] = (char)('0' + status / 10 % 10);
	buf[n++] = (char)('0' + status % 10);
	buf[n++] = '\n';
	return n;
}

/* The full status goes to the status port when tess added one (an
 * isa-debugcon there, docs/tess.md); isa-debug-exit, which makes QEMU exit
 * with (s << 1) | 1, carries only 7 bits of it. */
_Noreturn void ts_plat_halt(int status)
{
	if (status != TS_EXIT_CRASH)
		status &= 0xff;
	ts_kvm_console_flush(); /* QEMU stops at the exit port: output first */
	if (ts_kvm_debugcon_present(CONFIG_PLAT_KVM_STATUS_PORT)) {
		char line[16];
		ts_arch_outsb(CONFIG_PLAT_KVM_STATUS_PORT, line, status_line(status, line));
	}
	ts_arch_outl(CONFIG_PLAT_KVM_EXIT_PORT, status == TS_EXIT_CRASH ? 127 : (uint32_t)status & 0x7f);
	/* Still running: no isa-debug-exit device. Try ACPI power-off on -M pc. */
	ts_arch_outl(0x604, 0x2000);
	ts_arch_crash_puts("\nhalted: the VM has no isa-debug-exit device at port 0xf4; stop it by hand\n");
	for (;;)
		ts_arch_pause();
}
