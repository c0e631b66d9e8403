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
#define PRIVCALL_IDLE		3
#define PRIVCALL_GUARD		4

#define MSR_APIC_BASE		0x1b
#define MSR_TSC_DEADLINE	0x6e0
#define MSR_X2APIC_EOI		0x80b
#define MSR_X2APIC_SVR		0x80f
#define MSR_X2APIC_LVT_TIMER	0x832
#define TIMER_VECTOR		32
#define SPURIOUS_VECTOR		63
#define PDE_2M_RW_NX_LO		0xe7	/* P RW US A D PS; NX goes in bit 63 */
#define PTE_TABLE		0x7	/* P RW US */
#define ENOSYS			38
#define EPERM			1
#define EINVAL			22

	.section .ring0.bss, "aw", @nobits
ram_mapped:	.skip 1
apic_state:	.skip 1		/* 0 unknown, 1 ready, 2 unsupported */

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
	incq ts_ring0_entries(%rip)
	cmp $PRIVCALL_IDLE, %eax
	je idle
	cmp $PRIVCALL_GUARD, %eax
	je guard
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

	/* IDLE(deadline): halt the vCPU until the TSC reaches deadline (or any
	 * interrupt), with the local APIC's TSC-deadline timer in x2APIC mode —
	 * all MSRs, no MMIO page to map. Set up once; -ENOSYS where the CPU
	 * has no x2APIC or TSC-deadline timer (the caller then spins). */
idle:
	cmpb $1, apic_state
	je 2f
	cmpb $2, apic_state
	je 5f
	push %rbx
	mov %rdi, %rsi
	mov $1, %eax
	cpuid
	pop %rbx
	movb $2, apic_state
	bt $21, %ecx			/* x2APIC */
	jnc 5f
	bt $24, %ecx			/* TSC-deadline timer */
	jnc 5f
	mov $MSR_APIC_BASE, %ecx
	rdmsr
	or $0xc00, %eax			/* enable, x2APIC mode */
	wrmsr
	mov $MSR_X2APIC_SVR, %ecx
	mov $(0x100 | SPURIOUS_VECTOR), %eax
	xor %edx, %edx
	wrmsr
	mov $MSR_X2APIC_LVT_TIMER, %ecx
	mov $(TIMER_VECTOR | (2 << 17)), %eax	/* TSC-deadline mode */
	wrmsr
	movb $1, apic_state
	mov %rsi, %rdi
2:	mov $MSR_TSC_DEADLINE, %ecx
	mov %edi, %eax
	mov %rdi, %rdx
	shr $32, %rdx
	wrmsr
	sti
	hlt
	cli
	xor %eax, %eax
	iretq
5:	mov $-ENOSYS, %rax
	iretq

	/* GUARD(page | on): in C (guard.c). The C call may clobber more than
	 * the privcall ABI allows, so save the rest of the caller-saved set. */
guard:
	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	call ts_ring0_guard
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	iretq

	/* The timer interrupt: acknowledge it and go back (into the idle
	 * privcall above, after its hlt). */
	.globl ts_timer_entry
ts_timer_entry:
	push %rax
	push %rcx
	push %rdx
	incq ts_ring0_entries(%rip)
	mov $MSR_X2APIC_EOI, %ecx
	xor %eax, %eax
	xor %edx, %edx
	wrmsr
	pop %rdx
	pop %rcx
	pop %rax
	iretq

	/* Entries into ring 0 since boot (privcalls and interrupts), kept in a
	 * user-readable page so the kernel can report them. */
	.data
	.globl ts_ring0_entries
	.balign 8
ts_ring0_entries:	.quad 0
