#!/bin/bash
# run.sh: build tvm's fuzzers, run each for a while, then replay the regression corpus.
# Usage: tools/tvm/fuzz/run.sh OUTDIR [SECONDS] [FUZZER...]   (from anywhere; SECONDS per
# fuzzer, default 20; fuzzers: elf hc p9, default elf hc — p9, the 9P server's, runs in
# tests/groups/volume.sh)
# Needs clang (libFuzzer) and gcc. Exits non-zero if a fuzzer finds a crash
# or a corpus input fails. Crash inputs are left in OUTDIR/crash-*; add them
# to corpus/{elf,hc}/ as hex (xxd -p) once the bug is fixed.
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

unhex() { # unhex FILE.hex OUT
	if command -v xxd >/dev/null; then
		xxd -r -p "$1" > "$2"
	else
		perl -ne 's/\s+//g; print pack("H*", $_)' "$1" > "$2" # perl-base is always there
	fi
}

build() { # build NAME SOURCES...
	local name=$1
	shift
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I "$root/include" -I "$tvm" \
		"$here/fuzz_$name.c" "$@" -o "$out/fuzz_$name" || { echo "FAIL build fuzz_$name"; exit 1; }
}

for f in $fuzzers; do
	case $f in
	elf) build elf "$tvm/elf.c" "$tvm/paging.c" ;;
	hc) build hc "$tvm/hypercall.c" "$tvm/paging.c" ;;
	p9) build p9 "$tvm/p9.c" "$tvm/p9host.c" ;;
	*) echo "FAIL unknown fuzzer $f"; exit 1 ;;
	esac
done

# Seeds: the regression corpus, plus the test guest built now (a real gcc-linked image).
for f in $fuzzers; do
	mkdir -p "$out/seeds/$f" "$out/corpus/$f" "$out/regress/$f"
	for h in "$here/corpus/$f"/*.hex; do
		[ -f "$h" ] || continue
		unhex "$h" "$out/regress/$f/$(basename "$h" .hex)"
		cp "$out/regress/$f/$(basename "$h" .hex)" "$out/seeds/$f/"
	done
done
case " $fuzzers " in *" elf "*)
	"$tvm/tests/build-guest.sh" "$out/seeds/elf" >/dev/null || echo "note: test guest not built; seeding from the corpus only"
esac

for f in $fuzzers; do
	echo "== fuzz_$f for ${secs}s"
	(cd "$out" && ASAN_OPTIONS=detect_leaks=1 "./fuzz_$f" -max_total_time="$secs" -print_final_stats=0 \
		"corpus/$f" "seeds/$f" > "fuzz_$f.log" 2>&1)
	if [ $? -ne 0 ]; then
		echo "FAIL fuzz_$f: a crash; see $out/fuzz_$f.log and $out/crash-*"
		status=1
	else
		echo "ok fuzz_$f: $(grep -o 'Done [0-9]* runs' "$out/fuzz_$f.log" | tail -1)"
	fi
	for input in "$out/regress/$f"/*; do
		[ -f "$input" ] || continue
		if "$out/fuzz_$f" "$input" > "$out/regress-$f.log" 2>&1; then
			echo "ok corpus $f/$(basename "$input")"
		else
			echo "FAIL corpus $f/$(basename "$input"); see $out/regress-$f.log"
			status=1
		fi
	done
done
exit $status
