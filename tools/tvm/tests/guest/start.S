/* start.S: tvm test guest: CPL-3 entry and the ring-0 trap stubs (tests only).
 * Every trap stub loads an empty IDT and faults again: any exception becomes
 * a triple fault, which tvm must report as a crash (exit status 127). */
	.section .ring0.text, "ax"
	.balign 16
	.globl isr_stubs
isr_stubs:
	.rept 64
	.balign 16
	lidt empty_idtr(%rip)
	ud2
	.endr
	.balign 16
empty_idtr:
	.quad 0, 0

	.text
	.globl _start
_start:
	call guest_main		/* rdi = boot info; rsp = stack top (16-aligned) */
	ud2
