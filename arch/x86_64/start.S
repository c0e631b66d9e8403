/* start.S: first CPL-3 code — zero the BSS, then enter the platform. */

/* The boot stack (ts_plat_entry, lib/boot, and main when no scheduler is
 * linked) and the crash report's own stack. Each is whole pages and gets a
 * guard page below it (support/build/image.ld). */
	.section .stack.boot, "aw", @nobits
	.balign 4096
	.skip 32768
	.globl __ts_boot_stack_top
__ts_boot_stack_top:

	.section .stack.crash, "aw", @nobits
	.balign 4096
	.skip 8192
	.globl __ts_crash_stack_top
__ts_crash_stack_top:

	.text
	.globl ts_arch_start
	.type ts_arch_start, @function
/* rdi = boot info from the loader, rsi = TSC at entry. */
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
