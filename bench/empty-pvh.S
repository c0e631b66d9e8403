/* empty-pvh.S: the floor for boot benchmarks — a PVH kernel whose first
 * instruction sequence writes status 0 to isa-debug-exit. */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4, 4, 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long entry

	.text
	.code32
	.globl entry
entry:
	mov $0xf4, %dx
	xor %eax, %eax
	outl %eax, %dx
	hlt
