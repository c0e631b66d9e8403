#!/bin/bash
# run.sh: build the initrd fuzzer (gunzip + cpio reader), run it for a while, then replay the regression corpus.
# Usage: lib/cpio/fuzz/run.sh OUTDIR [SECONDS]   (SECONDS default 20)
# Needs clang (libFuzzer); seeds also come from the host's cpio and gzip.
# Crash inputs are left in OUTDIR/crash-*; add them to corpus/ as hex
# (xxd -p) once the bug is fixed.
set -u
out=${1:?usage: run.sh OUTDIR [SECONDS]}
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
status=0
. "$root/support/fuzz/lib.sh"

clang -g -O1 -fsanitize=fuzzer,address,undefined -I "$root/lib/cpio/include" \
	-I "$root/lib/inflate/include" "$here/fuzz_initrd.c" "$root/lib/cpio/reader.c" \
	"$root/lib/inflate/inflate.c" "$root/lib/inflate/gzip.c" "$root/lib/inflate/crc32.c" \
	-o "$out/fuzz_initrd" || { echo "FAIL build fuzz_initrd"; exit 1; }

rm -rf "$out/seeds" "$out/regress"
mkdir -p "$out/seeds" "$out/corpus" "$out/regress"
fuzz_load_corpus "$here/corpus" "$out/regress" "$out/seeds"
# A small real archive, plain and gzipped (-1 and -9), from the host's tools.
if command -v cpio >/dev/null; then
	t=$out/tree
	rm -rf "$t"; mkdir -p "$t/d"
	printf 'hello\n' >"$t/d/f"; ln -s d/f "$t/l"; ln "$t/d/f" "$t/h"; seq 1 50 >"$t/n"
	(cd "$t" && find . | cpio -o -H newc 2>/dev/null) >"$out/seeds/tree.cpio"
	(cd "$t" && find . | cpio -o -H crc 2>/dev/null) >"$out/seeds/tree-crc.cpio"
	gzip -9 -c "$out/seeds/tree.cpio" >"$out/seeds/tree.cpio.gz"
	gzip -1 -c "$out/seeds/tree.cpio" >"$out/seeds/tree1.cpio.gz"
fi

fuzz_run initrd "$secs" "corpus seeds" -max_len=8192
fuzz_replay initrd "$out/regress" ""
exit $status
