/* lifecycle.c: stop the VM and hand the exit status to the host. */
#include <ts/arch/cpu.h>
#include <ts/arch/backtrace.h>
#include <ts/plat/lifecycle.h>

/* QEMU's isa-debug-exit turns a write of s into exit status (s << 1) | 1. */
_Noreturn void ts_plat_halt(int status)
{
	ts_arch_outl(CONFIG_PLAT_KVM_EXIT_PORT, (uint32_t)status & 0x7f);
	/* Still running: no isa-debug-exit device. Try ACPI power-off on -M pc. */
	ts_arch_outl(0x604, 0x2000);
	ts_arch_crash_puts("\nhalted: the VM has no isa-debug-exit device at port 0xf4; stop it by hand\n");
	for (;;)
		ts_arch_pause();
}
