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
#define PRIVCALL_TIMER_ON	5
#define PRIVCALL_TIMER_ARM	6
#define PRIVCALL_PREEMPT_RETURN	7
#define PRIVCALL_IRQ_ON		8
#define PRIVCALL_XSAVE_ON	9
#define PRIVCALL_MAP_MMIO	10
#define PRIVCALL_SET_FSBASE	11
#define PRIVCALL_PROTECT	12
#define PRIVCALL_MAP_RAM_HIGH	13
#define PRIVCALL_CLEAN		14
#define MSR_FS_BASE		0xc0000100

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
	cmp $PRIVCALL_TIMER_ARM, %eax
	je timer_arm
	cmp $PRIVCALL_PREEMPT_RETURN, %eax
	je preempt_return
	cmp $PRIVCALL_TIMER_ON, %eax
	je timer_on
	cmp $PRIVCALL_IRQ_ON, %eax
	je irq_on
	cmp $PRIVCALL_XSAVE_ON, %eax
	je xsave_on
	cmp $PRIVCALL_KVMCLOCK, %eax
	je kvmclock
	cmp $PRIVCALL_MAP_MMIO, %eax
	je map_mmio
	cmp $PRIVCALL_SET_FSBASE, %eax
	je set_fsbase
	cmp $PRIVCALL_PROTECT, %eax
	je protect
	cmp $PRIVCALL_MAP_RAM_HIGH, %eax
	je map_ram_high
	cmp $PRIVCALL_CLEAN, %eax
	je clean
	cmp $PRIVCALL_MAP_RAM, %eax
	jne 9f

	/* MAP_RAM(end): map [start, end) with 2 MiB pages, user RW, never
	 * executable, end clamped to 4 GiB; start is 2 MiB, or the end of
	 * the image's last 2 MiB region for an image ending above 2 MiB
	 * (image.ld: __ts_ram_map_start). Allowed once: the platform calls it
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
	mov $(__ts_ram_map_start + PDE_2M_RW_NX_LO), %eax
	mov $__ts_ram_map_pde, %ecx
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
9:
enosys:	mov $-ENOSYS, %rax
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

	/* Set up the local APIC once: x2APIC mode (all MSRs, no MMIO page to
	 * map), TSC-deadline timer on TIMER_VECTOR. Returns with CF clear when
	 * ready, CF set where the CPU has no x2APIC or TSC-deadline timer.
	 * Clobbers rax, rcx, rdx. */
apic_init:
	cmpb $1, apic_state
	je 8f
	cmpb $2, apic_state
	je 9f
	push %rbx
	mov $1, %eax
	cpuid
	pop %rbx
	movb $2, apic_state
	bt $21, %ecx			/* x2APIC */
	jnc 9f
	bt $24, %ecx			/* TSC-deadline timer */
	jnc 9f
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
8:	clc
	ret
9:	stc
	ret

/* Program the TSC-deadline timer with rdi (0 disarms). Clobbers rax, rcx, rdx. */
set_deadline:
	mov $MSR_TSC_DEADLINE, %ecx
	mov %edi, %eax
	mov %rdi, %rdx
	shr $32, %rdx
	wrmsr
	ret

	/* IDLE(deadline): halt the vCPU until the TSC reaches deadline (or any
	 * interrupt). -ENOSYS without a usable APIC timer (the caller spins). */
idle:
	call apic_init
	jc 5f
	call set_deadline
	sti
	hlt
	cli
	xor %eax, %eax
	iretq
5:	mov $-ENOSYS, %rax
	iretq

	/* TIMER_ON: from now on CPL-3 code runs with interrupts enabled, so the
	 * APIC timer can interrupt it (preemption). IF is set in the RFLAGS
	 * this privcall returns with: popf/sti at CPL 3 would need an IOPL that
	 * nested hosts do not honour. */
timer_on:
	call apic_init
	jc 5b
	orq $0x200, 16(%rsp)
	xor %eax, %eax
	iretq

	/* IRQ_ON: interrupts on at CPL 3, for a timer the monitor provides
	 * (tvm); no local APIC involved. */
irq_on:
	orq $0x200, 16(%rsp)
	xor %eax, %eax
	iretq

	/* XSAVE_ON: enable XSAVE and the AVX state (CR4.OSXSAVE, XCR0 = x87 |
	 * SSE | AVX) where the CPU has both, so threads can use AVX and
	 * switches save it. 0, or -ENOSYS without XSAVE or AVX. */
xsave_on:
	push %rbx
	mov $1, %eax
	cpuid
	pop %rbx
	bt $26, %ecx			/* XSAVE */
	jnc 5b
	bt $28, %ecx			/* AVX */
	jnc 5b
	mov %cr4, %rax
	or $0x40000, %rax		/* OSXSAVE */
	mov %rax, %cr4
	xor %ecx, %ecx
	mov $7, %eax
	xor %edx, %edx
	xsetbv
	xor %eax, %eax
	iretq

	/* SET_FSBASE(base): the thread pointer, where the CPU lacks
	 * wrfsbase. Only user-half canonical addresses: %fs reaches memory
	 * through the page tables like any access, so no check beyond that
	 * is needed. */
set_fsbase:
	mov $0x800000000000, %rcx
	cmp %rcx, %rdi
	jae 70f
	mov $MSR_FS_BASE, %ecx
	mov %rdi, %rax
	mov %rdi, %rdx
	shr $32, %rdx
	wrmsr
	xor %eax, %eax
	iretq
70:	mov $-EINVAL, %rax
	iretq

	/* TIMER_ARM(deadline): program the timer without halting. */
timer_arm:
	cmpb $1, apic_state
	jne 5b
	call set_deadline
	xor %eax, %eax
	iretq

	/* PREEMPT_RETURN(block): resume what the timer interrupted. block
	 * (the caller's stack) holds rax rbx rcx rdx rsi rdi rbp r8..r15, then
	 * rip, rflags and rsp as saved when the interrupt was diverted. Only
	 * arithmetic flags, DF and IF come from the block; IOPL stays 3. */
preempt_return:
	mov %rdi, %rsi
	mov 15*8(%rsi), %rax
	mov %rax, 0(%rsp)		/* rip */
	mov 16*8(%rsi), %rax
	and $0xed5, %eax		/* CF PF AF ZF SF IF DF OF */
	or $0x3002, %eax
	mov %rax, 16(%rsp)		/* rflags */
	mov 17*8(%rsi), %rax
	mov %rax, 24(%rsp)		/* rsp */
	mov 1*8(%rsi), %rbx
	mov 2*8(%rsi), %rcx
	mov 3*8(%rsi), %rdx
	mov 5*8(%rsi), %rdi
	mov 6*8(%rsi), %rbp
	mov 7*8(%rsi), %r8
	mov 8*8(%rsi), %r9
	mov 9*8(%rsi), %r10
	mov 10*8(%rsi), %r11
	mov 11*8(%rsi), %r12
	mov 12*8(%rsi), %r13
	mov 13*8(%rsi), %r14
	mov 14*8(%rsi), %r15
	mov 0*8(%rsi), %rax
	mov 4*8(%rsi), %rsi
	iretq

	/* GUARD(page | on): in C (guard.c). The C call may clobber more than
	 * the privcall ABI allows, so save the rest of the caller-saved set. */
	/* MAP_MMIO: ring0/mmio.c, linked only when a driver needs it (the
	 * weak reference is then 0 and the call is unknown: -ENOSYS). */
	.weak ts_ring0_map_mmio
map_mmio:
	mov $ts_ring0_map_mmio, %ecx
	test %ecx, %ecx
	jz enosys
	jmp 1f
	/* PROTECT(page | prot, npages in rsi): ring0/protect.c, linked when
	 * lib/posix-memory selects it; the second argument stays in rsi. */
	.weak ts_ring0_protect
protect:
	mov $ts_ring0_protect, %ecx
	test %ecx, %ecx
	jz enosys
	jmp 1f
	/* CLEAN(address): ring0/clean.c, linked with PROTECT. */
	.weak ts_ring0_clean
clean:
	mov $ts_ring0_clean, %ecx
	test %ecx, %ecx
	jz enosys
	jmp 1f
	/* MAP_RAM_HIGH(end): ring0/ramhigh.c. */
map_ram_high:
	mov $ts_ring0_map_ram_high, %ecx
	jmp 1f
guard:
	mov $ts_ring0_guard, %ecx
1:	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	call *%rcx
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	iretq

	/* The timer interrupt: acknowledge it. If it interrupted CPL-3 code
	 * and a preemption handler is registered, divert: save rip, rflags and
	 * rsp below the interrupted stack's red zone and return into the
	 * handler on that stack; it finishes with PREEMPT_RETURN. Interrupts
	 * stay on: the handler saves everything on the stack first, so a nested
	 * diversion is harmless, and a thread it switches to must run with
	 * them on (CPL 3 cannot turn them back on by itself here). Otherwise
	 * (the idle halt) just go back. */
	.globl ts_timer_entry
ts_timer_entry:
	push %rax
	push %rcx
	push %rdx
	incq ts_ring0_entries(%rip)
	cmpb $1, apic_state		/* tvm's injected timer has no APIC to ack */
	jne 2f
	mov $MSR_X2APIC_EOI, %ecx
	xor %eax, %eax
	xor %edx, %edx
	wrmsr
2:	testb $3, 3*8+8(%rsp)		/* cs */
	jz 1f
	mov ts_arch_preempt_handler(%rip), %rax
	test %rax, %rax
	jz 1f
	mov 3*8+24(%rsp), %rcx		/* interrupted rsp */
	lea -128(%rcx), %rdx		/* skip the red zone */
	and $-16, %rdx
	sub $24, %rdx
	mov %rcx, 16(%rdx)		/* rsp */
	mov 3*8+16(%rsp), %rcx
	mov %rcx, 8(%rdx)		/* rflags */
	mov 3*8+0(%rsp), %rcx
	mov %rcx, 0(%rdx)		/* rip */
	mov %rax, 3*8+0(%rsp)		/* resume in the handler... */
	mov %rdx, 3*8+24(%rsp)		/* ...on the same stack */
1:	pop %rdx
	pop %rcx
	pop %rax
	iretq

	/* Entries into ring 0 since boot (privcalls and interrupts), kept in a
	 * user-readable page so the kernel can report them. */
	.data
	.globl ts_ring0_entries
	.balign 8
ts_ring0_entries:	.quad 0
	/* CPL-3 address the timer interrupt diverts to; 0: no preemption. */
	.globl ts_arch_preempt_handler
ts_arch_preempt_handler:	.quad 0
