/* entry.S: PVH entry — 32-bit protected mode to long mode, then drop to CPL 3.
 *
 * Everything here runs at CPL 0, which nested hosts emulate one instruction
 * at a time, so this path is kept to about sixty instructions: the page
 * table for the first 2 MiB, the GDT, TSS and IDT are laid out by the linker
 * (support/build/gen-tables.sh); we hook up the upper page tables, switch
 * modes and leave (an image ending above 2 MiB has the rest of itself
 * mapped by ring0/bigmap.c on the way). RAM above the image is mapped
 * later through a privcall, by the platform, which reads the memory map at
 * native speed (reading it here cost about 90 us). BSS is zeroed later, at
 * CPL 3.
 *
 * In:  ebx = physical address of the PVH hvm_start_info (paging off).
 * Out: ts_arch_start(start_info, entry_tsc) at CPL 3 with IOPL 3, IF=0. */

#define SI_MEMMAP	40	/* hvm_start_info.memmap_paddr */
#define PTE_TABLE	0x7	/* P RW US: rights are decided at the leaves */
#define PDE_2M_BOOT	0xe3	/* P RW A D PS, supervisor: only until bigmap.c */

/* The PVH note that points QEMU here is the platform's (plat/kvm/pvh_note.S):
 * an image for tvm has another one, which only explains itself. */

/* Each trap stack has a guard page below it, left not present by the boot
 * page table (gen-tables.sh): an overflow faults (a double fault, on IST1)
 * instead of overwriting the page tables or the other stack. */
	.section .ring0.bss, "aw", @nobits
	.balign 4096
	.globl __ts_boot_pml4, __ts_boot_pdpt, __ts_boot_pd
__ts_boot_pml4:	.skip 4096
__ts_boot_pdpt:	.skip 4096
__ts_boot_pd:	.skip 4 * 4096	/* maps up to 4 GiB */
	.globl __ts_r0stack_guard, __ts_r0stack_top
__ts_r0stack_guard:
	.skip 4096
	.skip 4096
__ts_r0stack_top:
	.globl __ts_iststack_guard, __ts_iststack_top
__ts_iststack_guard:
	.skip 4096
	.skip 4096
__ts_iststack_top:

	.section .ring0.entry, "ax"
	.code32
	.globl ts_pvh_entry
ts_pvh_entry:
	rdtsc
	mov %eax, %esi
	mov %edx, %edi		/* edi:esi = TSC at entry */

	/* Page 0 stays unmapped to catch null pointers, unless the loader put
	 * start_info or its memory map there (QEMU -M pc does): then it is
	 * user read-only, so null writes still fault. */
	mov SI_MEMMAP(%ebx), %edx
	cmp %ebx, %edx
	cmova %ebx, %edx
	cmp $0x1000, %edx
	jae 7f
	movl $0x25, __ts_boot_pt
	movl $0x80000000, __ts_boot_pt + 4
7:
	/* An image ending above 2 MiB: map its further 2 MiB regions with
	 * supervisor pages for the switch (the GDT, this stack, the user
	 * entry may lie there); __ts_ring0_bigmap gives them their rights once
	 * in long mode. For a smaller image this is two instructions. */
	mov $__ts_big_regions, %ecx
	jecxz 6f
	mov $(__ts_boot_pd + 8), %edx
	mov $(0x200000 + PDE_2M_BOOT), %eax
5:	mov %eax, (%edx)
	add $8, %edx
	add $0x200000, %eax
	loop 5b
6:
	movl $(__ts_boot_pdpt + PTE_TABLE), __ts_boot_pml4
	movl $(__ts_boot_pd + PTE_TABLE), __ts_boot_pdpt	/* the rest: privcall.S */
	movl $(__ts_boot_pt + PTE_TABLE), __ts_boot_pd
	mov $__ts_boot_pml4, %eax
	mov %eax, %cr3

	/* CR4: PAE, OSFXSR, OSXMMEXCPT, and FSGSBASE where the CPU has it */
	mov %ebx, %ebp
	mov $7, %eax
	xor %ecx, %ecx
	cpuid
	mov $0x620, %eax
	test $1, %bl
	jz 8f
	or $0x10000, %eax
8:	mov %eax, %cr4

	/* EFER: long mode, no-execute. Written outright, not read-modified:
	 * PVH enters with EFER clear, and an rdmsr is one more emulated exit. */
	mov $0xc0000080, %ecx
	mov $0x900, %eax
	xor %edx, %edx
	wrmsr

	/* CR0: PG WP NE ET MP PE (FPU on, supervisor writes honour RO pages) */
	mov $0x80010033, %eax
	mov %eax, %cr0
	lgdt __ts_gdtr
	ljmp $0x08, $10f

	.code64
10:	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov $0x30, %eax
	ltr %ax
	lidt __ts_idtr

	/* iretq into ts_arch_start at CPL 3, IOPL 3, interrupts off */
	mov $__ts_r0stack_top, %esp
	mov $__ts_big_regions, %ecx
	jrcxz 11f
	push %rsi
	push %rdi
	call __ts_ring0_bigmap
	pop %rdi
	pop %rsi
	mov %cr3, %rax		/* drop the temporary 2 MiB pages */
	mov %rax, %cr3
11:
	pushq $0x23
	pushq $__ts_boot_stack_top
	pushq $0x3002
	pushq $0x2b
	pushq $ts_arch_start
	mov %esi, %esi
	shl $32, %rdi
	or %rdi, %rsi		/* rsi = entry TSC */
	mov %ebp, %edi		/* rdi = start_info */
	iretq
