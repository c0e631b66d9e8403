#!/bin/bash
# run.sh: build tvm's fuzzers, run each for a while, then replay the regression corpus.
# Usage: tools/tvm/fuzz/run.sh OUTDIR [SECONDS] [FUZZER...]   (from anywhere; SECONDS per
# fuzzer, default 20; fuzzers: elf hc p9 gdb, default elf hc — p9, the 9P server's, runs in
# tests/groups/volume.sh, gdb, the gdb protocol's, in tests/groups/gdb.sh)
# Needs clang (libFuzzer) and gcc. Exits non-zero if a fuzzer finds a crash
# or a corpus input fails. Crash inputs are left in OUTDIR/crash-*; add them
# to corpus/{elf,hc,p9,gdb}/ as hex (xxd -p) once the bug is fixed.
set -u
out=${1:?usage: run.sh OUTDIR [SECONDS]}
secs=${2:-20}
shift 2 2>/dev/null || shift $#
fuzzers=${*:-elf hc}
here=$(cd "$(dirname "$0")" && pwd)
tvm=$(cd "$here/.." && pwd)
root=$(cd "$tvm/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
status=0
. "$root/support/fuzz/lib.sh"

build() { # build NAME SOURCES...
	local name=$1
	shift
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I "$root/include" -I "$root/tools/common" -I "$tvm" \
		"$here/fuzz_$name.c" "$@" -o "$out/fuzz_$name" || { echo "FAIL build fuzz_$name"; exit 1; }
}

for f in $fuzzers; do
	case $f in
	elf) build elf "$tvm/elf.c" "$tvm/paging.c" ;;
	hc) build hc "$tvm/hypercall.c" "$tvm/paging.c" ;;
	p9) build p9 "$tvm/p9.c" "$tvm/p9host.c" ;;
	gdb) build gdb "$tvm/gdb.c" ;;
	*) echo "FAIL unknown fuzzer $f"; exit 1 ;;
	esac
done

# Seeds: the regression corpus, plus the test guest built now (a real gcc-linked image).
for f in $fuzzers; do
	mkdir -p "$out/seeds/$f" "$out/corpus/$f" "$out/regress/$f"
	fuzz_load_corpus "$here/corpus/$f" "$out/regress/$f" "$out/seeds/$f"
done
case " $fuzzers " in *" elf "*)
	"$tvm/tests/build-guest.sh" "$out/seeds/elf" >/dev/null || echo "note: test guest not built; seeding from the corpus only"
esac

for f in $fuzzers; do
	fuzz_run "$f" "$secs" "corpus/$f seeds/$f"
	fuzz_replay "$f" "$out/regress/$f" "$f/"
done
exit $status
