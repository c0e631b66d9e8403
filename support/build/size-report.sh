#!/bin/sh
# size-report.sh: bytes each component contributes to the final image, from
# the linker map (after --gc-sections), as a table.
# Usage: size-report.sh <image.map> <tessera root> <build dir>
set -eu
awk -v root="$2/" -v obj="$3/obj/" '
# The map lists the sections --gc-sections dropped first, under "Discarded
# input sections", in the same format: only what follows "Linker script and
# memory map" is in the image.
/^Linker script and memory map/ { inmap = 1; next }
!inmap { next }
# Input-section lines: " .text.foo  0xADDR  0xSIZE  /path/file.o", the name
# sometimes on a line of its own with the rest on the next.
/^ \.[^ ]+$/ { pending = $1; next }
{
	if (pending != "" && $1 ~ /^0x/) { sec = pending; addr = $1; size = $2; file = $3 }
	else if ($1 ~ /^\./ && $2 ~ /^0x/ && $3 ~ /^0x/) { sec = $1; addr = $2; size = $3; file = $4 }
	else { pending = ""; next }
	pending = ""
	if (file == "" || size == "0x0" || sec ~ /^\.(debug|comment|note\.GNU)/) next
	n = strtonum_(size)
	if (index(file, obj) == 1) { c = substr(file, length(obj) + 1); sub(/\/[^\/]*$/, "", c); sub(/\/(ring0|tests)$/, "", c) }
	else if (file ~ /symtab\.o$/) c = "(symbol table)"
	else if (file ~ /libgcc/) c = "(libgcc)"
	else c = "(linker)"
	if (sec ~ /^\.(bss|ring0\.bss|stack)/) bss[c] += n; else img[c] += n
	comps[c] = 1
}
function strtonum_(h,   i, v, d) {
	v = 0; h = tolower(substr(h, 3))
	for (i = 1; i <= length(h); i++) { d = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + d }
	return v
}
END {
	for (c in comps) { printf "%-28s %10d %10d\n", c, img[c], bss[c]; ti += img[c]; tb += bss[c] }
	printf "~total %d %d\n", ti, tb
}' "$1" | sort -k2,2nr >"$3/.size.tmp"
printf '%-28s %10s %10s\n' component image bss
grep -v '^~total' "$3/.size.tmp"
grep '^~total' "$3/.size.tmp" | { read -r _ ti tb; printf '%-28s %10d %10d\n' "total (unaligned)" "$ti" "$tb"; }
rm -f "$3/.size.tmp"
