/* start.S: first CPL-3 code — zero the BSS, then enter the platform. */

	.section .stack, "aw", @nobits
	.balign 16
	.skip 32768
	.globl __ts_boot_stack_top
__ts_boot_stack_top:
	.skip 8192
	.globl __ts_crash_stack_top
__ts_crash_stack_top:

	.text
	.globl ts_arch_start
	.type ts_arch_start, @function
/* rdi = boot info from the loader, rsi = TSC at entry. Our own stack lives
 * in the BSS we are about to clear, which is fine: nothing is on it yet. */
ts_arch_start:
	mov %rdi, %r12
	mov %rsi, %r13
	lea __ts_bss_start(%rip), %rdi
	lea __ts_bss_end(%rip), %rcx
	sub %rdi, %rcx
	xor %eax, %eax
	cld
	rep stosb
	mov %r12, %rdi
	mov %r13, %rsi
	xor %ebp, %ebp		/* ends the frame-pointer chain */
	call ts_plat_entry
	ud2
	.size ts_arch_start, . - ts_arch_start
