/* lifecycle.c: stop the VM with a status through the HALT hypercall. */
#include <ts/arch/cpu.h>
#include <ts/arch/trap.h>
#include <ts/plat/lifecycle.h>
#include "tvm.h"

/* A crash names its registers (arg2: the GPA of a struct ts_trap_frame,
 * RAM being identity-mapped), from which tvm --core writes a core dump. */
_Noreturn void ts_plat_halt(int status)
{
	int crashed = status == TS_EXIT_CRASH;
	struct tvm_hc hc = { .nr = TVM_HC_HALT,
			     .arg = { crashed ? TVM_EXIT_CRASH : (uint64_t)(status & 0xff),
				      crashed ? TVM_HALT_CRASHED : 0,
				      crashed ? (uint64_t)(uintptr_t)ts_arch_crash_frame() : 0 } };
	ts_tvm_hypercall(&hc);
	for (;;) /* tvm never resumes a halted guest */
		ts_arch_pause();
}
