/* privcall.S: the privileged services CPL-3 code may ask for.
 *
 * CPL-3 code executes `hlt`, which faults with #GP; the #GP stub sends the
 * fault here, and a #GP from CPL 3 on a `hlt` instruction is taken as a
 * privcall (any other #GP is a crash). Software interrupts (int $n) would be
 * the classic way, but PVM-style nested KVM turns them into #UD, while
 * exceptions are delivered everywhere.
 *
 * ABI (see <ts/arch/privcall.h>): eax = service number, rdi = argument;
 * result in rax (0 or -errno); rcx, rdx and rsi are clobbered. Every service
 * validates its argument here, in ring 0. */

#define PRIVCALL_MAP_RAM	1
#define PRIVCALL_KVMCLOCK	2
#define PDE_2M_RW_NX_LO		0xe7	/* P RW US A D PS; NX goes in bit 63 */
#define PTE_TABLE		0x7	/* P RW US */
#define ENOSYS			38
#define EPERM			1
#define EINVAL			22

	.section .ring0.bss, "aw", @nobits
ram_mapped:	.skip 1

	.section .ring0.text, "ax"
	.code64
/* Stack: error code, rip, cs, rflags, rsp, ss. */
	.globl ts_gp_entry
ts_gp_entry:
	testb $3, 16(%rsp)		/* from CPL 3? */
	jz 1f
	push %rcx
	mov 16(%rsp), %rcx		/* faulting rip */
	cmpb $0xf4, (%rcx)		/* hlt */
	pop %rcx
	jne 1f
	add $8, %rsp			/* drop the error code */
	incq (%rsp)			/* return after the hlt */
	jmp privcall
1:	pushq $13
	jmp ts_trap_common

privcall:
	cmp $PRIVCALL_KVMCLOCK, %eax
	je kvmclock
	cmp $PRIVCALL_MAP_RAM, %eax
	jne 9f

	/* MAP_RAM(end): map [2 MiB, end) with 2 MiB pages, user RW, never
	 * executable, end clamped to 4 GiB. Allowed once: the platform calls it
	 * at boot, before any application code runs. */
	cmpb $0, ram_mapped
	jne 8f
	movb $1, ram_mapped
	mov $0x100000000, %rcx
	cmp %rcx, %rdi
	cmova %rcx, %rdi
	/* PDPT entries for the PDs of the second to fourth GiB; the boot
	 * code hooked up only the first. */
	movl $(__ts_boot_pd + 0x1000 + PTE_TABLE), __ts_boot_pdpt + 8
	movl $(__ts_boot_pd + 0x2000 + PTE_TABLE), __ts_boot_pdpt + 16
	movl $(__ts_boot_pd + 0x3000 + PTE_TABLE), __ts_boot_pdpt + 24
	mov $(0x200000 | PDE_2M_RW_NX_LO), %eax
	mov $(__ts_boot_pd + 8), %ecx
	mov $0x8000000000000000, %rdx
1:	cmp %rdi, %rax
	jae 2f
	mov %rax, %rsi
	or %rdx, %rsi
	mov %rsi, (%rcx)
	add $8, %rcx
	add $0x200000, %rax
	jmp 1b
2:	xor %eax, %eax
	iretq

8:	mov $-EPERM, %rax
	iretq
9:	mov $-ENOSYS, %rax
	iretq

	/* KVMCLOCK(addr): where KVM offers kvmclock, have it keep the 32-byte
	 * structure at addr up to date. KVM writes there from outside the
	 * page tables, so addr must be 32-byte aligned and inside the image's
	 * user data (.data/.bss): pointed at a page table, it would undo the
	 * protection this ring exists for. */
kvmclock:
	test $31, %dil
	jnz 6f
	cmp $__ts_r0data_end, %rdi
	jb 6f
	lea 32(%rdi), %rcx
	cmp $__ts_user_end, %rcx
	ja 6f
	push %rbx
	mov %rdi, %rsi
	mov $0x40000000, %eax
	cpuid
	cmp $0x4b4d564b, %ebx		/* "KVMK" */
	jne 7f
	mov $0x40000001, %eax
	cpuid
	test $8, %al			/* KVM_FEATURE_CLOCKSOURCE2 */
	jz 7f
	mov $0x4b564d01, %ecx		/* MSR_KVM_SYSTEM_TIME_NEW */
	lea 1(%rsi), %eax		/* bit 0: enable; the image is below 4 GiB */
	xor %edx, %edx
	wrmsr
	pop %rbx
	xor %eax, %eax
	iretq
7:	pop %rbx
	mov $-ENOSYS, %rax
	iretq
6:	mov $-EINVAL, %rax
	iretq
