/* preempt_entry.S: where the timer interrupt diverts CPL-3 code for preemption.
 * The ring-0 stub left [rip, rflags, rsp] of the interrupted code on its
 * stack; save every register and the FPU state above them, call the hook
 * (which may switch threads and come back much later), restore the FPU and
 * let ring 0 restore the rest exactly (PREEMPT_RETURN privcall). */

#define PRIVCALL_PREEMPT_RETURN 7

	.text
	.globl ts_arch_preempt_tramp
	.type ts_arch_preempt_tramp, @function
ts_arch_preempt_tramp:
	push %r15
	push %r14
	push %r13
	push %r12
	push %r11
	push %r10
	push %r9
	push %r8
	push %rbp
	push %rdi
	push %rsi
	push %rdx
	push %rcx
	push %rbx
	push %rax
	mov %rsp, %rbx			/* the block PREEMPT_RETURN restores */
	sub $1024, %rsp
	and $-64, %rsp			/* XSAVE wants 64-byte alignment */
	cmpb $0, ts_arch_xsave(%rip)
	je 1f
	/* xsave leaves most of the 64-byte XSAVE header alone, and xrstor
	 * faults if those reserved bytes are not zero: clear stack garbage. */
	xor %eax, %eax
	mov $8, %ecx
	lea 512(%rsp), %rdi
	rep stosq
	mov $7, %eax
	xor %edx, %edx
	xsave64 (%rsp)
	jmp 2f
1:	fxsave64 (%rsp)
2:	cld
	call *ts_arch_preempt_hook(%rip)
	cmpb $0, ts_arch_xsave(%rip)
	je 3f
	mov $7, %eax
	xor %edx, %edx
	xrstor64 (%rsp)
	jmp 4f
3:	fxrstor64 (%rsp)
4:
	mov %rbx, %rdi
	mov $PRIVCALL_PREEMPT_RETURN, %eax
	hlt				/* privcall: back into the interrupted code */
	ud2
	.size ts_arch_preempt_tramp, . - ts_arch_preempt_tramp
