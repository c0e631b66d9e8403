/* elfcore.h - writing an ELF core file of a Tessera guest (shared by tess and tvm). */
#ifndef TS_ELFCORE_H
#define TS_ELFCORE_H

#include <stddef.h>
#include <stdint.h>

#include "ts/arch/trap.h"

/* The crashing context's registers, as gdb reads them from NT_PRSTATUS. */
struct ts_elfcore_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags, cs, ss, fs_base, gs_base;
};

/* One range of guest memory: guest virtual address vaddr (Tessera guests
 * map RAM at its physical address), size bytes at data. */
struct ts_elfcore_seg {
	uint64_t vaddr;
	const uint8_t *data;
	uint64_t size;
};

/* Fill r from a guest trap frame (the layout of <ts/arch/trap.h>, which the
 * guest hands over on a crash: docs/tess.md "Core dumps"). */
void ts_elfcore_regs_from_frame(const struct ts_trap_frame *f, struct ts_elfcore_regs *r);

/* The signal a crash looks like to gdb, from the frame's vector: SIGSEGV
 * for page and protection faults, SIGILL, SIGFPE, SIGTRAP, SIGBUS; SIGABRT
 * for a crash that was no trap (TS_TRAP_NONE: a panic, abort(), ...). */
int ts_elfcore_signal(uint64_t vector);

/*
 * Write an ELF64 x86-64 core file (ET_CORE) to fd, which must be empty and
 * positioned at 0: one PT_NOTE holding NT_PRSTATUS (signal signo, pid 1,
 * registers r), then one PT_LOAD (read, write, execute) per segment,
 * page-aligned in the file. Pages that are all zero are left as holes (the
 * file is sparse). Returns 0, or -errno of the failed write, seek or
 * truncate.
 */
int ts_elfcore_write(int fd, const struct ts_elfcore_regs *r, int signo,
		     const struct ts_elfcore_seg *seg, size_t nseg);

#endif
