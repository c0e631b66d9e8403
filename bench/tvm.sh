#!/usr/bin/env bash
# tvm.sh: start-up, boot time and memory of tvm against QEMU, a bare KVM VM
# and a static Linux process, all measured in this run.
set -u
. "$(dirname "$0")/lib.sh"
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "  tvm benchmarks need KVM (/dev/kvm not usable): skipped"; exit 0; }
[ -x "$ROOT/bin/tvm" ] || { echo "  bin/tvm missing: run make"; exit 1; }
cc_q() { gcc -O2 -Wall -Wextra -Werror "$@" || exit 1; }
cc_q -o "$OUT/timeit" "$ROOT/bench/timeit.c"
cc_q -o "$OUT/kvm-floor" "$ROOT/bench/kvm-floor.c"
cc_q -static -o "$OUT/hello-static" "$ROOT/bench/hello-static.c"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello-tvm" --vmm tvm >/dev/null || exit 1
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu >/dev/null || exit 1
TVM_IMG=$OUT/hello-tvm/helloworld_tvm-x86_64
qemu_cmd=$("$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu -v 2>&1 >/dev/null | grep -m1 '^qemu-system')
read -r -a QEMU <<<"$qemu_cmd"

# timeit LABEL STATUS CMD...: "median min" in ms, failing runs reported
timeit() {
	local r
	r=$("$OUT/timeit" "$RUNS" "$@") || exit 1
	set -- $r
	[ "$3" -eq 0 ] || echo "  warning: $3 of $RUNS runs ended with an unexpected status" >&2
	echo "$1"
}

header "Launch to exit, helloworld (median of $RUNS, ms)"
progress "static Linux process"
linux=$(timeit 0 "$OUT/hello-static")
progress "bare KVM VM"
floor=$(timeit 0 "$OUT/kvm-floor")
progress "tvm"
tvm=$(timeit 0 "$ROOT/bin/tvm" -m 2M "$TVM_IMG")
# What tvm adds to the floor, drift-free: the two alternately, median of
# the per-pair differences (the host's own speed wanders by ~0.5 ms here).
progress "tvm and the floor, alternately"
above=$(for i in $(seq "$RUNS"); do
	f=$("$OUT/timeit" 1 0 "$OUT/kvm-floor") t=$("$OUT/timeit" 1 0 "$ROOT/bin/tvm" -m 2M "$TVM_IMG")
	awk -v f="${f%% *}" -v t="${t%% *}" 'BEGIN { printf "%.3f\n", t - f }'
done | median)
progress "QEMU microvm"
qemu=$(timeit 1 "${QEMU[@]}")
ratio=$(echo "$qemu / $tvm" | bc -l)
row "static Linux hello process" "$linux" ms "" "reference"
row "bare KVM: create VM, one instruction, exit" "$floor" ms "" "floor"
judge "tvm, helloworld" "$tvm" ms "<= 2"
row "tvm above the floor (alternate pairs)" "$above" ms "" ""
row "QEMU microvm + KVM, helloworld" "$qemu" ms "" ""
judge "QEMU / tvm" "$(printf %.1f "$ratio")" x ">= 10"

header "Guest time from entry to main on tvm (median of $RUNS, microseconds)"
boot=$(for i in $(seq "$RUNS"); do
	"$ROOT/bin/tvm" -m 2M -a "loglevel=debug" "$TVM_IMG" 2>&1 | sed -n 's/.*boot: \([0-9.]*\) us from entry.*/\1/p'
done | median)
judge "helloworld on tvm" "$boot" us "<= 50"

header "Host memory of a sleeping helloworld (-m 2M)"
"$ROOT/bin/tvm" -m 2M -a "-- --sleep 3000" "$TVM_IMG" >/dev/null 2>&1 &
pid=$!
sleep 1
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status 2>/dev/null)
wait $pid
rss_mib=$(echo "${rss:-0} / 1024" | bc -l)
judge "tvm RSS" "$(printf %.2f "$rss_mib")" MiB "<= 3"
