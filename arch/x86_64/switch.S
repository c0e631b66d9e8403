/* switch.S: thread switch at CPL 3 — callee-saved registers on the stack,
 * FPU/SSE state with fxsave/fxrstor, %fs base with rd/wrfsbase when the CPU
 * allows it (ts_arch_fsgsbase, set by context.c). */

#define CTX_RSP		0
#define CTX_FSBASE	8
#define CTX_FPU		16

	.text
	.globl ts_arch_ctx_switch
	.type ts_arch_ctx_switch, @function
/* rdi = from, rsi = to */
ts_arch_ctx_switch:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	fxsave64 CTX_FPU(%rdi)
	cmpb $0, ts_arch_fsgsbase(%rip)
	je 1f
	rdfsbase %rax
	mov %rax, CTX_FSBASE(%rdi)
	mov CTX_FSBASE(%rsi), %rax
	wrfsbase %rax
1:	mov %rsp, CTX_RSP(%rdi)
	mov CTX_RSP(%rsi), %rsp
	fxrstor64 CTX_FPU(%rsi)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size ts_arch_ctx_switch, . - ts_arch_ctx_switch

	.globl ts_arch_ctx_trampoline
	.type ts_arch_ctx_trampoline, @function
/* First return of a new context lands here with fn in r12, arg in r13. */
ts_arch_ctx_trampoline:
	mov %r13, %rdi
	xor %ebp, %ebp		/* ends backtraces here */
	call *%r12
	ud2			/* fn must not return */
	.size ts_arch_ctx_trampoline, . - ts_arch_ctx_trampoline
