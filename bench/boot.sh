#!/usr/bin/env bash
# boot.sh: guest time from entry to main, and the wall time of tess run's
# QEMU invocation against an empty PVH kernel that exits at once.
set -u
. "$(dirname "$0")/lib.sh"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" >/dev/null || exit 1
IMG=$OUT/hello/helloworld_kvm-x86_64
gcc -nostdlib -static -no-pie -Wl,-Ttext=0x100000 -Wl,-e,entry -Wl,--build-id=none \
	-o "$OUT/empty-pvh.elf" "$ROOT/bench/empty-pvh.S" || exit 1

accels=tcg
[ -r /dev/kvm ] && [ -w /dev/kvm ] && accels="kvm tcg"

header "Guest time from entry to main (-M microvm, median of $RUNS, microseconds)"
for accel in $accels; do
	progress "entry-to-main, $accel"
	med=$(for i in $(seq "$RUNS"); do
		"$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --accel $accel -k loglevel=debug 2>&1 |
			sed -n 's/.*boot: \([0-9.]*\) us from entry to main.*/\1/p'
	done | median)
	if [ $accel = kvm ]; then judge "helloworld, KVM" "$med" us "<= 500"
	else row "helloworld, TCG" "$med" us "" ""; fi
done

# The exact QEMU command tess runs (from -v), reused for both kernels. The
# two are run alternately, so drift on a shared machine hits both alike;
# the figure is the median of the per-pair differences.
# QEMU's own launch jitters by several ms here: take many pairs.
PAIRS=$(( RUNS > 41 ? RUNS : 41 ))
header "Wall time of the QEMU invocation, launch to exit (median of $PAIRS pairs, ms)"
for accel in $accels; do
	cmd=$("$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --accel $accel -v 2>&1 >/dev/null | grep -m1 '^qemu-system') || true
	[ -n "$cmd" ] || { echo "  cannot get the QEMU command line from tess run -v"; exit 1; }
	read -r -a hello_argv <<<"$cmd"
	floor_argv=("${hello_argv[@]}")
	for i in "${!floor_argv[@]}"; do
		[ "${floor_argv[$i]}" = -kernel ] && floor_argv[$((i + 1))]=$OUT/empty-pvh.elf
	done
	ms() { local t0 t1; t0=$(now_ns); "$@" >/dev/null 2>&1 </dev/null; t1=$(now_ns); echo "($t1 - $t0) / 1000000" | bc -l; }
	progress "QEMU wall time, $accel"
	: >"$OUT/pairs-$accel"
	for i in $(seq "$PAIRS"); do
		f=$(ms "${floor_argv[@]}"); h=$(ms "${hello_argv[@]}")
		echo "$f $h" >>"$OUT/pairs-$accel"
	done
	floor=$(awk '{ print $1 }' "$OUT/pairs-$accel" | median)
	hello=$(awk '{ print $2 }' "$OUT/pairs-$accel" | median)
	diff=$(awk '{ print $2 - $1 }' "$OUT/pairs-$accel" | median)
	row "empty PVH kernel (floor), $accel" "$(printf %.2f "$floor")" ms "" ""
	row "helloworld, $accel" "$(printf %.2f "$hello")" ms "" ""
	if [ $accel = kvm ]; then
		judge "helloworld above the floor, kvm" "$(printf %.2f "$diff")" ms "<= 2"
	else
		row "helloworld above the floor, tcg" "$(printf %.2f "$diff")" ms "" ""
	fi
done
