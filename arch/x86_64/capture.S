/* capture.S: the caller's register context as a trap frame, for core dumps of crashes that are not traps.
 *
 * A panic or failed assertion stops the VM from C: there is no trap frame.
 * gdb unwinds from any point given rip, rsp and rbp (and the callee-saved
 * registers), so the caller's state at its call is enough for a backtrace.
 * Offsets follow struct ts_trap_frame in <ts/arch/trap.h>. */

	.text
	.globl ts_arch_capture
	.type ts_arch_capture, @function
/* void ts_arch_capture(struct ts_trap_frame *f) -- f in %rdi */
ts_arch_capture:
	mov %r15, 0(%rdi)
	mov %r14, 8(%rdi)
	mov %r13, 16(%rdi)
	mov %r12, 24(%rdi)
	mov %r11, 32(%rdi)
	mov %r10, 40(%rdi)
	mov %r9, 48(%rdi)
	mov %r8, 56(%rdi)
	mov %rbp, 64(%rdi)
	mov %rdi, 72(%rdi)
	mov %rsi, 80(%rdi)
	mov %rdx, 88(%rdi)
	mov %rcx, 96(%rdi)
	mov %rbx, 104(%rdi)
	mov %rax, 112(%rdi)
	movq $0x100, 120(%rdi)	/* vector: TS_TRAP_NONE, no trap */
	movq $0, 128(%rdi)	/* error */
	mov (%rsp), %rax	/* the caller resumes at the return address */
	mov %rax, 136(%rdi)	/* rip */
	xor %eax, %eax
	mov %cs, %ax
	mov %rax, 144(%rdi)
	pushfq
	popq 152(%rdi)		/* rflags */
	lea 8(%rsp), %rax	/* the caller's rsp once the call has returned */
	mov %rax, 160(%rdi)
	mov %ss, %ax
	mov %rax, 168(%rdi)
	movq $0, 176(%rdi)	/* cr2 */
	ret
	.size ts_arch_capture, . - ts_arch_capture
