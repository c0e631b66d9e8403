#!/bin/sh
# gen-symtab.sh: assembly for the image's embedded symbol table, from the
# pass-1 link. Layout (read by arch/x86_64/symbols.c): u32 count, u32 pad,
# count sorted {u32 address, u32 name offset}, then the names. The last
# entry is the end of the text so lookups past the last function fail.
# Usage: gen-symtab.sh <pass1.elf>
set -eu
nm -n --defined-only "$1" | awk '
$2 ~ /^[Tt]$/ && $3 !~ /^(\.|__ts_)/ && $1 >= "0000000000100000" { addr[n] = $1; name[n] = $3; n++ }
$3 == "__ts_text_end" { end = $1 }
END {
	print "\t.section .ts_symtab, \"a\""
	print "\t.balign 8"
	printf "\t.long %d, 0\n", n + 1
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.long 0x%s, %d\n", addr[i], off
		off += length(name[i]) + 1
	}
	printf "\t.long 0x%s, %d\n", end, off
	for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
	print "\t.asciz \"\""
}'
