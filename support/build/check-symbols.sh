#!/bin/sh
# check-symbols.sh: the symbol table is linked in a second pass; make sure
# that adding it moved no code or data, or the table would lie.
# Usage: check-symbols.sh <pass1.elf> <final.elf>
set -eu
# The symbols defined after the table (image.ld) move with its size.
syms() { nm -n --defined-only "$1" | awk '$3 !~ /^__ts_(symtab_end|bigpt_start|bigpt_end|image_end|big_regions|ram_map_start|ram_map_pde)$/ { print $1, $3 }'; }
if [ "$(syms "$1" | md5sum)" != "$(syms "$2" | md5sum)" ]; then
	echo "error: adding the symbol table moved other symbols (see support/build/image.ld)" >&2
	exit 1
fi
