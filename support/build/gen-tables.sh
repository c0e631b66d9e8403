#!/bin/sh
# gen-tables.sh: emit the linker-script fragment that lays out the boot page
# table and the IDT at link time. Computing them here costs the ring-0 boot
# path nothing (every ring-0 instruction is emulated on nested hosts).
set -eu
NX=0x8000000000000000
# Flags: P=1 RW=2 US=4 A=0x20 D=0x40. Pre-set A/D so the MMU never writes them.
echo "/* first 2 MiB, 4 KiB pages: null page and stack guard pages unmapped, W^X per image section */"
echo "__ts_boot_pt = .;"
echo "QUAD(0)"
i=1
while [ $i -lt 512 ]; do
	a=$((i * 4096))
	printf 'QUAD((%d == __ts_boot_stack_guard || %d == __ts_crash_stack_guard || %d == __ts_r0stack_guard || %d == __ts_iststack_guard) ? 0 : ' \
		$a $a $a $a
	printf '(%d | (%d < 0x100000 ? (%s | 0x67) : %d < __ts_r0text_end ? 0x21 : %d < __ts_text_end ? 0x25 : %d < __ts_rodata_end ? (%s | 0x25) : %d < __ts_r0data_end ? (%s | 0x63) : %d < __ts_user_end ? (%s | 0x67) : %d < __ts_r0bss_end ? (%s | 0x63) : %d < __ts_symtab_end ? (%s | 0x25) : (%s | 0x67))))\n' \
		$a $a $NX $a $a $a $NX $a $NX $a $NX $a $NX $a $NX $NX
	i=$((i + 1))
done
echo "/* IDT: interrupt gates to 16-byte stubs; NMI, #DF and #MC on IST1 */"
echo ". = ALIGN(16);"
echo "__ts_idt = .;"
v=0
while [ $v -lt 64 ]; do
	case $v in 2|8|18) ist=1 ;; *) ist=0 ;; esac
	s="(ts_isr_stubs + $v * 16)"
	printf 'QUAD((%s & 0xffff) | (0x08 << 16) | (%d << 32) | (0x8e << 40) | (((%s >> 16) & 0xffff) << 48))\nQUAD(%s >> 32)\n' "$s" $ist "$s" "$s"
	v=$((v + 1))
done
echo "__ts_idt_end = .;"
