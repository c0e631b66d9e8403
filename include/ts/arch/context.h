/* Architecture contract: switching between thread contexts at CPL 3. */
#ifndef TS_ARCH_CONTEXT_H
#define TS_ARCH_CONTEXT_H

#include <stdint.h>

/* XSAVE area for x87, SSE and AVX (512 legacy + 64 header + 256 AVX bytes,
 * rounded up); FXSAVE uses its first 512 bytes where there is no XSAVE. */
#define TS_ARCH_FPU_SIZE 1024

/* Put it 64-byte aligned, as XSAVE needs: allocate the struct that holds it
 * with 64-byte alignment. */
struct ts_arch_ctx {
	uint8_t fpu[TS_ARCH_FPU_SIZE] __attribute__((aligned(64)));
	uint64_t rsp;    /* saved stack pointer; callee-saved registers are on the stack */
	uint64_t fsbase; /* thread pointer (%fs base) */
};

/* Nonzero once AVX is enabled (XSAVE switches save it); set up by the first
 * ts_arch_ctx_init. */
int ts_arch_avx_enabled(void);

/*
 * Prepare ctx to start fn(arg) on the stack [stack, stack + size) the first
 * time it is switched to; fn must never return (exit the thread instead).
 */
void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *stack, uint64_t size,
		      void (*fn)(void *), void *arg);

/*
 * The thread pointer (%fs base) of the running context: set it (wrfsbase,
 * or a privcall on CPUs without it; 0 or -EINVAL for an address outside
 * the user half) and read it. A new context starts with its creator's.
 */
int ts_arch_set_tp(uint64_t tp);
uint64_t ts_arch_get_tp(void);

/*
 * Save the running context (callee-saved registers, FPU/SSE state, %fs
 * base) in from and resume to. Returns when something switches back to
 * from. Runs entirely at CPL 3: no trap.
 */
void ts_arch_ctx_switch(struct ts_arch_ctx *from, struct ts_arch_ctx *to);

#endif
