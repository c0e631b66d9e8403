/* setup.c: first platform code at CPL 3 — check the PVH hand-over, bring up
 * the console and memory, then start the kernel proper. */
#include <stddef.h>
#include <ts/boot.h>
#include <ts/plat/lifecycle.h>
#include <ts/arch/backtrace.h>
#include "pvh.h"

uint64_t ts_kvm_boot_tsc;

/* The command line lives in low memory that the heap never covers (the
 * loader puts it there: QEMU's firmware copies the whole -append string);
 * it is handed to lib/boot in place. It is input: one that is not
 * terminated within PVH_MAX_CMDLINE bytes, or before the image at 1 MiB,
 * stops the boot rather than reach main cut short. */
static char *pvh_cmdline(const struct pvh_start_info *si)
{
	static char empty[1];
	if (!si->cmdline_paddr || si->cmdline_paddr >= 0x100000)
		return empty;
	char *s = (char *)(uintptr_t)si->cmdline_paddr;
	size_t room = 0x100000 - si->cmdline_paddr, n = 0;
	if (room > PVH_MAX_CMDLINE)
		room = PVH_MAX_CMDLINE;
	while (n < room && s[n])
		n++;
	if (n == room) {
		ts_arch_crash_puts("error: the command line is longer than 128 KiB or unterminated\n");
		ts_plat_halt(TS_EXIT_CRASH);
	}
	return s;
}

_Noreturn void ts_plat_entry(const struct pvh_start_info *si, uint64_t tsc0);

_Noreturn void ts_plat_entry(const struct pvh_start_info *si, uint64_t tsc0)
{
	ts_kvm_boot_tsc = tsc0;
	if ((uintptr_t)si < 0x1000 || (uintptr_t)si >= 0x100000 || si->magic != PVH_START_MAGIC) {
		ts_arch_crash_puts("error: not started through the PVH boot protocol (bad start_info)\n");
		ts_plat_halt(TS_EXIT_CRASH);
	}
	ts_kvm_memory_init(si);
	ts_boot_start(pvh_cmdline(si));
}
