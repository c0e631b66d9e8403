/* pvh_refuse.S: what an image built for tvm does when QEMU boots it instead.
 *
 * QEMU's -kernel looks for a PVH entry note. The tvm image has one that
 * leads here (tvm itself starts the image at ts_arch_start, from the note
 * in note.c, and never runs this): print one line on the COM1 UART, then
 * stop QEMU — isa-debug-exit with the crash status if the device is there
 * (QEMU exits 255), else the machine's ACPI power-off, else halt with
 * interrupts off, which uses no CPU. The machine is told by its PCI host
 * bridge: pc and q35 have one at the 0xcf8 ports, and the PM1a control
 * register at 0x604, where their firmware puts it; microvm has neither,
 * but an ACPI GED, whose sleep control register is at a fixed address.
 * (Writing the other machine's register could hit a device.)
 *
 * In: 32-bit protected mode, paging off, ring 0, no stack (none is used). */

#define COM1		0x3f8
#define COM1_LSR	(COM1 + 5)
#define LSR_THRE	0x20
#define EXIT_PORT	0xf4		/* isa-debug-exit: QEMU exits (v << 1) | 1 */
#define EXIT_CRASH	127		/* what a crash writes there (plat/kvm/lifecycle.c) */
#define PCI_CONFIG_ADDR	0xcf8
#define PCI_CONFIG_DATA	0xcfc
#define PM1A_CNT	0x604		/* -M pc, q35: SLP_EN, SLP_TYP 0 = soft off */
#define PM1_SLP_EN	0x2000
#define GED_SLEEP_CTL	0xfea00200	/* -M microvm: ACPI GED registers */
#define GED_SLP_S5	((5 << 2) | 0x20)	/* SLP_TYP S5 | SLP_EN */

	.section .note.Xen, "a"
	.balign 4
	.long 4, 4, 18		/* namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long ts_tvm_pvh_refuse

	.section .ring0.text.pvh_refuse, "ax"
	.code32
	.globl ts_tvm_pvh_refuse
ts_tvm_pvh_refuse:
	cli
	mov $message, %esi
1:	movzbl (%esi), %eax
	test %eax, %eax
	jz 3f
	mov $COM1_LSR, %edx
	mov $100000, %ecx	/* a bounded wait: no UART reads as 0xff (ready) */
2:	in %dx, %al
	test $LSR_THRE, %al
	loopz 2b
	movzbl (%esi), %eax
	mov $COM1, %edx
	out %al, %dx
	inc %esi
	jmp 1b

3:	mov $EXIT_CRASH, %eax
	out %eax, $EXIT_PORT
	mov $PCI_CONFIG_ADDR, %edx
	mov $0x80000000, %eax	/* bus 0, device 0, function 0, register 0 */
	out %eax, %dx
	mov $PCI_CONFIG_DATA, %edx
	in %dx, %eax
	cmp $0xffffffff, %eax	/* nothing answers: no PCI host bridge */
	je 4f
	mov $PM1A_CNT, %edx
	mov $PM1_SLP_EN, %eax
	out %ax, %dx
	jmp 5f
4:	movb $GED_SLP_S5, GED_SLEEP_CTL
5:	hlt
	jmp 5b

message:
	.ascii "error: this image is for tvm, not QEMU: run it with bin/tvm IMAGE "
	.asciz "or tess run --vmm tvm\r\n"
	.code64
