/* traps.S: exception and interrupt entry (CPL 0), one 16-byte stub a vector.
 *
 * Every trap is fatal for now: the stub saves the registers, copies them to
 * ts_trap_frame (a user page), and returns with iretq into ts_arch_crash at
 * CPL 3 on its own stack. The report is then printed at native speed instead
 * of being emulated instruction by instruction at CPL 0.
 * The frame layout matches struct ts_trap_frame in <ts/arch/trap.h>. */

#define FRAME_QWORDS	22	/* 15 GPRs, vector, error, rip, cs, rflags, rsp, ss */

	.section .ring0.text, "ax"
	.code64

	.macro stub v
	.balign 16
	.if \v == 13
	jmp ts_gp_entry		/* may be a privcall (privcall.S) */
	.exitm
	.endif
	.if \v == 32
	jmp ts_timer_entry	/* the LAPIC timer that ends an idle wait (privcall.S) */
	.exitm
	.endif
	.if \v == 63
	iretq			/* spurious APIC interrupt: no EOI, nothing to do */
	.exitm
	.endif
	/* these exceptions push an error code; give the others a zero one */
	.if (\v == 8) || (\v >= 10 && \v <= 14) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30)
	.else
	pushq $0
	.endif
	pushq $\v
	jmp ts_trap_common
	.endm

	.balign 16
	.globl ts_isr_stubs
ts_isr_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31, \
		32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stub \v
	.endr

	.globl ts_trap_common
ts_trap_common:
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	cld
	mov %rsp, %rsi
	mov $ts_trap_frame, %edi
	mov $FRAME_QWORDS, %ecx
	rep movsq
	mov %cr2, %rax
	mov %rax, (%rdi)	/* ts_trap_frame.cr2 */

	/* A page fault on a page made inaccessible on purpose (PROT_NONE, a
	 * thread's guard) is a protection fault to the program: pferror.c
	 * reads the page tables, which CPL 3 cannot. The stack is dropped
	 * below (iretq to the crash stack), so aligning it here costs nothing. */
	cmpq $14, ts_trap_frame + 15*8
	jne 1f
	and $-16, %rsp
	mov %rax, %rdi
	mov ts_trap_frame + 16*8, %rsi
	call ts_ring0_pf_error
	mov %rax, ts_trap_frame + 16*8
1:

	/* rsp at ts_arch_crash's entry as after a call: 8 below a 16-byte
	 * boundary (the ABI's; compiled code may keep SSE values in its frame
	 * with aligned stores: an -Og build's console writer did, and each
	 * report then trapped again, for ever). */
	pushq $0x23
	pushq $(__ts_crash_stack_top - 8)
	pushq $0x3002
	pushq $0x2b
	pushq $ts_arch_crash
	mov $ts_trap_frame, %edi
	iretq
