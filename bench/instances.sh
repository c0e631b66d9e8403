#!/usr/bin/env bash
# instances.sh: background instances — tess run -d to "running", tess ps
# with 1,000 instances, and tess run's own cost over its monitor (QEMU here:
# TCG without KVM). Not in bench/run's default list: bench/run instances.
set -u
. "$(dirname "$0")/lib.sh"
gcc -O2 -Wall -Wextra -Werror -o "$OUT/timeit" "$ROOT/bench/timeit.c" || exit 1
export TESS_STATE_DIR=$OUT/instances-state
ACCEL=tcg
[ -r /dev/kvm ] && [ -w /dev/kvm ] && ACCEL=kvm
W=$ROOT/tests/apps/waiter
"$TESS" build "$W" -O "$OUT/waiter" --vmm qemu >/dev/null 2>&1 || { echo "  waiter build failed"; exit 1; }
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu >/dev/null 2>&1 || exit 1
# Instances of an interrupted run end with their supervisors.
cleanup() {
	local f p
	for f in "$TESS_STATE_DIR"/*/state; do
		[ -f "$f" ] || continue
		p=$(sed -n 's/^sup_pid=//p' "$f")
		[ -n "$p" ] && grep -q '^phase=running' "$f" && kill -9 "$p" 2>/dev/null
	done
	[ -n "${SLEEPER:-}" ] && kill "$SLEEPER" 2>/dev/null
	rm -rf "$TESS_STATE_DIR"
}
trap cleanup EXIT
cleanup

ms_since() { echo "($(now_ns) - $1) / 1000000" | bc -l; }

one() { "$OUT/timeit" 1 "$@" | cut -d' ' -f1; }

header "tess run -d to running (QEMU/$ACCEL, tests/apps/waiter; median of $RUNS, ms)"
# The no-op build and the launch alternately, the median of the per-pair
# differences: the build's own time wanders by tens of ms here.
progress "tess build (no-op) and tess run -d, alternately"
for i in $(seq "$RUNS"); do
	b=$(one 0 "$TESS" build "$W" -O "$OUT/waiter" --vmm qemu)
	t=$(now_ns)
	"$TESS" run -d --name "b$i" "$W" -O "$OUT/waiter" --vmm qemu >/dev/null 2>&1 </dev/null || exit 1
	l=$(ms_since "$t")
	"$TESS" stop -t 0 "b$i" >/dev/null 2>&1; "$TESS" rm "b$i" >/dev/null 2>&1
	echo "$b $l"
done >"$OUT/launch.txt"
launch=$(awk '{ print $2 }' "$OUT/launch.txt" | median)
build=$(awk '{ print $1 }' "$OUT/launch.txt" | median)
own=$(awk '{ print $2 - $1 }' "$OUT/launch.txt" | median)
row "tess run -d: returns with the monitor running" "$(printf %.1f "$launch")" ms "" ""
row "  the no-op build alone (tess build)" "$(printf %.1f "$build")" ms "" ""
judge "  tess run -d above its build (pairs)" "$(printf %.1f "$own")" ms "<= 50"

# 1,000 state entries: 950 ended (a state file each, as the supervisor
# writes it), 50 running (their supervisor pid is a live process with its
# real start time, so ps checks /proc for each).
header "tess ps with 1,000 instances (950 ended, 50 running; median of $RUNS, ms)"
sleep 600 &
SLEEPER=$!
start=$(awk '{ sub(/.*\) /, ""); split($0, f, " "); print f[20] }' /proc/$SLEEPER/stat)
now=$(date +%s)
mkdir -p "$TESS_STATE_DIR"
for i in $(seq 1000); do
	d=$TESS_STATE_DIR/i$i
	mkdir "$d"
	if [ "$i" -le 50 ]; then
		phase=running result= status= ended=
	else
		phase=ended result=exited status=$((i % 256)) ended=$now
	fi
	printf 'tessera-instance 1\nname=i%s\napp=apps/app%s\nvmm=qemu\nimage=/x/img\ndbg=/x/img.dbg\ngdb_port=\nmem_kib=2048\nports=\ncreated=%s\nphase=%s\nsup_pid=%s\nsup_start=%s\nmon_pid=%s\nmon_start=%s\nstarted=%s\nresult=%s\nstatus=%s\nended=%s\n' \
		"$i" "$i" "$((now - 1000 + i))" "$phase" "$SLEEPER" "$start" "$SLEEPER" "$start" "$now" "$result" "$status" "$ended" \
		>"$d/state"
	: >"$d/console.log"
done
[ "$("$TESS" ps | sed 1d | wc -l)" -eq 50 ] && [ "$("$TESS" ps -a | sed 1d | wc -l)" -eq 1000 ] ||
	{ echo "  ps does not list the 1,000 entries as expected"; exit 1; }
ps_run=$("$OUT/timeit" "$RUNS" 0 "$TESS" ps | cut -d' ' -f1)
ps_all=$("$OUT/timeit" "$RUNS" 0 "$TESS" ps -a | cut -d' ' -f1)
ps_json=$("$OUT/timeit" "$RUNS" 0 "$TESS" ps -a --format json | cut -d' ' -f1)
judge "tess ps (the 50 running)" "$ps_run" ms "<= 100"
judge "tess ps -a (all 1,000)" "$ps_all" ms "<= 100"
judge "tess ps -a --format json (all 1,000)" "$ps_json" ms "<= 100"
kill "$SLEEPER"; SLEEPER=
rm -rf "$TESS_STATE_DIR"

# tess run against the monitor it starts, both to the guest's exit.
header "Launch to exit, helloworld on QEMU/$ACCEL: tess run vs the monitor directly (median of $RUNS, ms)"
qemu_cmd=$("$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu -v 2>&1 >/dev/null </dev/null | grep -m1 '^qemu-system')
eval "QEMU=($qemu_cmd)"
# QEMU, the no-op build and tess run alternately; tess's overhead is the
# median of (tess run - QEMU) and of (tess run - QEMU - build) per round.
progress "QEMU directly, tess build (no-op) and tess run, alternately"
for i in $(seq "$RUNS"); do
	q=$(one 1 "${QEMU[@]}")
	b=$(one 0 "$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu)
	t=$(one 0 "$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" --vmm qemu)
	echo "$q $b $t"
done >"$OUT/overhead.txt"
direct=$(awk '{ print $1 }' "$OUT/overhead.txt" | median)
via=$(awk '{ print $3 }' "$OUT/overhead.txt" | median)
hbuild=$(awk '{ print $2 }' "$OUT/overhead.txt" | median)
over=$(awk '{ print $3 - $1 }' "$OUT/overhead.txt" | median)
own=$(awk '{ print $3 - $1 - $2 }' "$OUT/overhead.txt" | median)
row "QEMU (tess's command line), directly" "$direct" ms "" "reference"
row "tess run (a no-op build, checks, QEMU)" "$via" ms "" ""
judge "tess run's overhead, with its no-op build" "$(printf %.1f "$over")" ms "<= 1"
row "  the no-op build alone (tess build)" "$hbuild" ms "" ""
judge "tess run's overhead above the build (rounds)" "$(printf %.1f "$own")" ms "<= 1"
