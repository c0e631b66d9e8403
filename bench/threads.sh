#!/usr/bin/env bash
# threads.sh: thread switch, create+join and 1 ms sleep wake-up latency in a
# Tessera guest on tvm against Linux threads on this host (same run), and
# the host CPU a guest sleeping 10 s costs.
set -u
. "$(dirname "$0")/lib.sh"
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "  thread benchmarks need KVM (/dev/kvm not usable): skipped"; exit 0; }
n=${THREAD_RUNS:-5}
gcc -O2 -Wall -Wextra -Werror -pthread -o "$OUT/linux-threads" "$ROOT/bench/linux-threads.c" || exit 1
"$TESS" build "$ROOT/bench/apps/threadbench" -O "$OUT/threadbench" --vmm tvm >/dev/null || exit 1
"$TESS" build "$ROOT/bench/apps/threadbench" -O "$OUT/threadbench-q" --vmm qemu >/dev/null || exit 1
"$TESS" build "$ROOT/bench/apps/threadbench-preempt" -O "$OUT/threadbench-p" --vmm qemu >/dev/null || exit 1
QEMU_TBP=$("$TESS" run "$ROOT/bench/apps/threadbench-preempt" -O "$OUT/threadbench-p" --vmm qemu -v 2>&1 >/dev/null | grep -m1 '^qemu-system')
read -r -a QEMU_TBP <<<"$QEMU_TBP"
QEMU_TB=$("$TESS" run "$ROOT/bench/apps/threadbench" -O "$OUT/threadbench-q" --vmm qemu -v 2>&1 >/dev/null | grep -m1 '^qemu-system')
read -r -a QEMU_TB <<<"$QEMU_TB"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello-tvm" --vmm tvm >/dev/null || exit 1

# field FILE KEY: the median over the runs collected in FILE
field() { awk -v k="$2" '$1 == k { print $2 }' "$1" | median; }
: >"$OUT/tb.guest"; : >"$OUT/tb.linux"; : >"$OUT/tb.qemu"
for i in $(seq "$n"); do
	progress "run $i/$n"
	"$ROOT/bin/tvm" -m 32M "$OUT/threadbench/threadbench_tvm-x86_64" >>"$OUT/tb.guest" || exit 1
	"$OUT/linux-threads" >>"$OUT/tb.linux" || exit 1
done
progress "the same guest on QEMU/KVM, cooperative and preemptive"
"${QEMU_TB[@]}" >>"$OUT/tb.qemu" 2>/dev/null
: >"$OUT/tb.preempt"
"${QEMU_TBP[@]}" >>"$OUT/tb.preempt" 2>/dev/null
header "Threads (median of $n runs; guest on tvm, Linux on this host)"
for k in switch_ns create_join_ns; do
	g=$(field "$OUT/tb.guest" $k) l=$(field "$OUT/tb.linux" $k)
	x=$(echo "$l / $g" | bc -l)
	row "$k: Tessera" "$g" ns "" ""
	row "$k: Linux threads" "$l" ns "" "reference"
	if [ $k = switch_ns ]; then
		judge "switch: Tessera faster by" "$(printf %.1f "$x")" x ">= 5"
	else
		row "create+join: Tessera faster by" "$(printf %.1f "$x")" x "" ""
	fi
done
row "1 ms sleep, wake-up lateness: Tessera" "$(field "$OUT/tb.guest" wake_latency_us)" us "" ""
row "1 ms sleep, wake-up lateness: Linux" "$(field "$OUT/tb.linux" wake_latency_us)" us "" "reference"

row "ring-0 entries/s, idle: tvm / QEMU+KVM" "$(field "$OUT/tb.guest" ring0_idle_per_s) / $(field "$OUT/tb.qemu" ring0_idle_per_s)" "" "" "(one 1 s sleep)"
row "ring-0 entries/s, busy: tvm / QEMU+KVM" "$(field "$OUT/tb.guest" ring0_busy_per_s) / $(field "$OUT/tb.qemu" ring0_busy_per_s)" "" "" ""
row "ring-0 entries/s, busy, schedpreempt (10 ms slices)" "$(field "$OUT/tb.preempt" ring0_busy_per_s)" "" "" "QEMU+KVM"
row "switch on QEMU+KVM (same guest)" "$(field "$OUT/tb.qemu" switch_ns)" ns "" ""
row "switch on QEMU+KVM, schedpreempt" "$(field "$OUT/tb.preempt" switch_ns)" ns "" ""

progress "a guest sleeping 10 s"
TIMEFORMAT='%U %S'
cpu=$( { time "$ROOT/bin/tvm" -m 2M -a "-- --sleep 10000" "$OUT/hello-tvm/helloworld_tvm-x86_64" >/dev/null 2>&1; } 2>&1 | tail -1)
pct=$(echo "$cpu" | awk '{ print ($1 + $2) * 100 / 10 }')
judge "host CPU of a guest sleeping 10 s" "$(printf %.3f "$pct")" "%" "< 1"
