#!/usr/bin/env bash
# console.sh: time for 10 MB of console output (tests/apps/console: 100,000
# numbered 100-byte lines, through printf) on tvm and on QEMU (microvm and
# pc: virtio-mmio and virtio-pci consoles), each monitor
# the way `tess run` starts it, into a file. One run each: they are long.
# LINES=N changes the amount.
. "$(dirname "$0")/lib.sh"
LINES=${LINES:-100000}
APP=$ROOT/tests/apps/console
KVM_OK=1
[ -r /dev/kvm ] && [ -w /dev/kvm ] || KVM_OK=0

# secs VMM-OPTIONS...: seconds for the whole run, or nan if it failed
secs() {
	local t0 t1
	"$TESS" build "$APP" -O "$OUT/console-$1" --vmm "$1" >/dev/null 2>&1 || { echo nan; return; }
	t0=$(now_ns)
	"$TESS" run "$APP" -O "$OUT/console-$1" --vmm "$@" -- lines "$LINES" >"$OUT/console.out" 2>/dev/null </dev/null ||
		{ echo nan; return; }
	t1=$(now_ns)
	[ "$(wc -l <"$OUT/console.out")" -eq "$LINES" ] || { echo nan; return; }
	echo "($t1 - $t0) / 1000000000" | bc -l | xargs printf '%.2f'
}

header "Console output: $LINES lines of 100 bytes, launch to exit (s)"
tvm=nan
if [ $KVM_OK = 1 ]; then
	progress "tvm"
	tvm=$(secs tvm)
	row "tvm" "$tvm" s "" ""
	progress "QEMU microvm, KVM"
	q=$(secs qemu --accel kvm)
	row "QEMU microvm, KVM" "$q" s "<= $tvm" "$(verdict "$q" "<= $tvm")"
else
	row "tvm and QEMU/KVM" "-" "" "" "no KVM here"
fi
progress "QEMU microvm, TCG"
row "QEMU microvm, TCG" "$(secs qemu --accel tcg)" s "" ""
progress "QEMU pc, TCG"
row "QEMU pc, TCG" "$(secs qemu --accel tcg --machine pc)" s "" ""
