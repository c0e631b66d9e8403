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
	if [ $accel = kvm ]; then row "helloworld, KVM" "$med" us "<= 500" "$(verdict "$med" 500)"
	else row "helloworld, TCG" "$med" us "" ""; fi
done

# The exact QEMU command tess runs (from -v), reused for both kernels.
header "Wall time of the QEMU invocation, launch to exit (median of $RUNS, ms)"
for accel in $accels; do
	cmd=$("$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --accel $accel -v 2>&1 >/dev/null | grep -m1 '^qemu-system' ) || true
	[ -n "$cmd" ] || { echo "  cannot get the QEMU command line from tess run -v"; exit 1; }
	read -r -a argv <<<"$cmd"
	time_kernel() { # kernel image -> median ms
		local k=$1 a=() x
		for x in "${argv[@]}"; do a+=("$x"); done
		for i in "${!a[@]}"; do [ "${a[$i]}" = -kernel ] && a[$((i + 1))]=$k; done
		for i in $(seq "$RUNS"); do
			t0=$(now_ns); "${a[@]}" >/dev/null 2>&1 </dev/null; t1=$(now_ns)
			echo "($t1 - $t0) / 1000000" | bc -l
		done | median
	}
	progress "QEMU wall time, $accel"
	floor=$(time_kernel "$OUT/empty-pvh.elf")
	hello=$(time_kernel "$IMG")
	diff=$(echo "$hello - $floor" | bc -l)
	row "empty PVH kernel (floor), $accel" "$(printf %.2f "$floor")" ms "" ""
	row "helloworld, $accel" "$(printf %.2f "$hello")" ms "" ""
	if [ $accel = kvm ]; then
		row "helloworld above the floor, kvm" "$(printf %.2f "$diff")" ms "<= 2" "$(verdict "$diff" 2)"
	else
		row "helloworld above the floor, tcg" "$(printf %.2f "$diff")" ms "" ""
	fi
done
