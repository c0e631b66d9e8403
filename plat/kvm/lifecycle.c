/* lifecycle.c: stop the VM and hand the exit status to the host. */
#include <ts/arch/cpu.h>
#include <ts/arch/backtrace.h>
#include <ts/arch/trap.h>
#include <ts/plat/lifecycle.h>
#include "pvh.h"

/* What the status port reads back (isa-debugcon's readback property):
 * 0xe9 normally; STATUS_HOLD when tess wants a crashed guest kept
 * for a core dump (tess run --core). A port read costs one exit, so it is
 * read only here, once the VM stops. */
#define STATUS_NORMAL 0xe9
#define STATUS_HOLD 0xcd

/* Append s to buf at *n. */
static void put_str(char *buf, size_t *n, const char *s)
{
	while (*s)
		buf[(*n)++] = *s++;
}

/* "exit N\n", "crash\n" or "crash core 0x<frame>\n" into buf (at least 40
 * bytes); returns its length. */
static size_t status_line(int status, const struct ts_trap_frame *frame, char *buf)
{
	size_t n = 0;
	if (status == TS_EXIT_CRASH) {
		put_str(buf, &n, "crash");
		if (frame) {
			put_str(buf, &n, " core 0x");
			for (int shift = 60; shift >= 0; shift -= 4)
				buf[n++] = "0123456789abcdef"[((uintptr_t)frame >> shift) & 15];
		}
		buf[n++] = '\n';
		return n;
	}
	put_str(buf, &n, "exit ");
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
 * with (s << 1) | 1, carries only 7 bits of it. A crash with tess waiting
 * for a core names the crash's registers (a trap frame in RAM, which
 * tess reads with the rest of memory) and stays here, spinning, until
 * tess has taken the memory and ends QEMU. */
_Noreturn void ts_plat_halt(int status)
{
	if (status != TS_EXIT_CRASH)
		status &= 0xff;
	ts_kvm_console_flush(); /* QEMU stops at the exit port: output first */
	uint8_t readback = ts_arch_inb(CONFIG_PLAT_KVM_STATUS_PORT);
	if (readback == STATUS_NORMAL || readback == STATUS_HOLD) {
		int hold = readback == STATUS_HOLD && status == TS_EXIT_CRASH;
		char line[48];
		ts_arch_outsb(CONFIG_PLAT_KVM_STATUS_PORT, line,
			      status_line(status, hold ? ts_arch_crash_frame() : NULL, line));
		while (hold)
			ts_arch_pause();
	}
	ts_arch_outl(CONFIG_PLAT_KVM_EXIT_PORT, status == TS_EXIT_CRASH ? 127 : (uint32_t)status & 0x7f);
	/* Still running: no isa-debug-exit device. Try ACPI power-off on -M pc. */
	ts_arch_outl(0x604, 0x2000);
	ts_arch_crash_puts("\nhalted: the VM has no isa-debug-exit device at port 0xf4; stop it by hand\n");
	for (;;)
		ts_arch_pause();
}
