/* Architecture contract: switching between thread contexts at CPL 3. */
#ifndef TS_ARCH_CONTEXT_H
#define TS_ARCH_CONTEXT_H

#include <stdint.h>

/* FXSAVE area: x87, MXCSR and the 16 XMM registers (512 bytes). */
#define TS_ARCH_FPU_SIZE 512

struct ts_arch_ctx {
	uint64_t rsp;    /* saved stack pointer; callee-saved registers are on the stack */
	uint64_t fsbase; /* thread pointer (%fs base), switched where FSGSBASE exists */
	uint8_t fpu[TS_ARCH_FPU_SIZE] __attribute__((aligned(16)));
};

/*
 * Prepare ctx to start fn(arg) on the stack [stack, stack + size) the first
 * time it is switched to; fn must never return (exit the thread instead).
 */
void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *stack, uint64_t size,
		      void (*fn)(void *), void *arg);

/*
 * Save the running context (callee-saved registers, FPU/SSE state, %fs
 * base) in from and resume to. Returns when something switches back to
 * from. Runs entirely at CPL 3: no trap.
 */
void ts_arch_ctx_switch(struct ts_arch_ctx *from, struct ts_arch_ctx *to);

#endif
