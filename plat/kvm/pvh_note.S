/* pvh_note.S: the PVH entry note — QEMU starts the image at ts_pvh_entry
 * (arch/x86_64/ring0/entry.S) in 32-bit protected mode. */
	.section .note.Xen, "a"
	.balign 4
	.long 4, 4, 18		/* namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long ts_pvh_entry
