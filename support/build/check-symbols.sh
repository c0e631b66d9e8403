#!/bin/sh
# check-symbols.sh: the symbol table is linked in a second pass; make sure
# that adding it moved no code or data, or the table would lie.
# Usage: check-symbols.sh <pass1.elf> <final.elf>
set -eu
syms() { nm -n --defined-only "$1" | awk '$3 != "__ts_symtab_end" && $3 != "__ts_image_end" { print $1, $3 }'; }
if [ "$(syms "$1" | md5sum)" != "$(syms "$2" | md5sum)" ]; then
	echo "error: adding the symbol table moved other symbols (see support/build/image.ld)" >&2
	exit 1
fi
