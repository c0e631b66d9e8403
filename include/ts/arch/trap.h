/* Architecture contract: the register state saved when a trap stops the VM. */
#ifndef TS_ARCH_TRAP_H
#define TS_ARCH_TRAP_H

#include <stdint.h>

/* Layout fixed by arch/x86_64/ring0/traps.S (pushed in reverse). */
struct ts_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
	uint64_t cr2;
};

/* The frame of the trap being reported (written by the ring-0 stub). */
extern struct ts_trap_frame ts_trap_frame;

/*
 * CPL-3 landing point of every trap: prints the crash report (vector, error
 * code, registers, faulting address, symbolized backtrace) and stops the VM
 * with TS_EXIT_CRASH. Never returns.
 */
_Noreturn void ts_arch_crash(struct ts_trap_frame *f);

/*
 * The registers of the crash being reported, for a core dump (the
 * platform's halt passes them to the host, docs/tess.md "Core dumps"):
 * the trap's frame while ts_arch_crash reports a trap; otherwise (a panic,
 * abort(), a failed assertion) the caller's own context, captured now
 * (callee-saved registers, rsp, rbp, and rip = the return address; vector
 * TS_TRAP_NONE, error 0). Never NULL; the frame lives in static storage.
 */
#define TS_TRAP_NONE 0x100
const struct ts_trap_frame *ts_arch_crash_frame(void);

/* Fill f with the calling function's context as ts_arch_crash_frame
 * describes it (arch/x86_64/capture.S). */
void ts_arch_capture(struct ts_trap_frame *f);

#endif
