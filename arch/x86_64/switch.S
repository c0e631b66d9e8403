/* switch.S: thread switch at CPL 3 — callee-saved registers on the stack,
 * FPU/SSE/AVX state with xsave/xrstor (fxsave/fxrstor without XSAVE), %fs base with rd/wrfsbase when the CPU
 * allows it (ts_arch_fsgsbase, set by context.c), else through a privcall when it changes. */

#define CTX_FPU		0
#define CTX_RSP		1024
#define CTX_FSBASE	1032

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
	cmpb $0, ts_arch_xsave(%rip)
	je 2f
	mov $7, %eax			/* x87 | SSE | AVX */
	xor %edx, %edx
	xsave64 CTX_FPU(%rdi)
	jmp 3f
2:	fxsave64 CTX_FPU(%rdi)
3:
	cmpb $0, ts_arch_fsgsbase(%rip)
	je 6f
	rdfsbase %rax
	mov %rax, CTX_FSBASE(%rdi)
	mov CTX_FSBASE(%rsi), %rax
	wrfsbase %rax
	jmp 1f
	/* Without wrfsbase, ts_arch_tp shadows the %fs base and a privcall
	 * changes it, only when the two threads' differ. */
6:	mov ts_arch_tp(%rip), %rax
	mov %rax, CTX_FSBASE(%rdi)
	mov CTX_FSBASE(%rsi), %rdx
	cmp %rax, %rdx
	je 1f
	push %rdi
	push %rsi
	mov %rdx, ts_arch_tp(%rip)
	mov %rdx, %rdi
	mov $11, %eax			/* TS_PRIVCALL_SET_FSBASE */
	hlt
	pop %rsi
	pop %rdi
1:	mov %rsp, CTX_RSP(%rdi)
	mov CTX_RSP(%rsi), %rsp
	cmpb $0, ts_arch_xsave(%rip)
	je 4f
	mov $7, %eax
	xor %edx, %edx
	xrstor64 CTX_FPU(%rsi)
	jmp 5f
4:	fxrstor64 CTX_FPU(%rsi)
5:
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
