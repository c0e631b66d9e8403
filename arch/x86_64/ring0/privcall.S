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
#define PDE_2M_RW_NX_LO		0xe7	/* P RW US A D PS; NX goes in bit 63 */
#define ENOSYS			38
#define EPERM			1

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
