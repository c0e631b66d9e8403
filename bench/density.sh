#!/usr/bin/env bash
# density.sh: start DENSITY (default 1000) sleeping helloworld instances on
# tvm at once; report the time until all run, the memory they take, the host
# CPU they use while asleep, and whether all exit cleanly.
set -u
. "$(dirname "$0")/lib.sh"
N=${DENSITY:-1000}
SLEEP_MS=${DENSITY_SLEEP_MS:-30000}
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "  density needs KVM (/dev/kvm not usable): skipped"; exit 0; }
[ -x "$ROOT/bin/tvm" ] || { echo "  bin/tvm missing: run make"; exit 1; }
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello-tvm" --vmm tvm >/dev/null || exit 1
IMG=$OUT/hello-tvm/helloworld_tvm-x86_64
D=$OUT/density
rm -rf "$D"; mkdir -p "$D"
ulimit -n 65536 2>/dev/null

mem_avail() { awk '/^MemAvailable/ { print $2 }' /proc/meminfo; }
# cpu_ticks PID...: user+system clock ticks of those processes
cpu_ticks() { for p in "$@"; do cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null; done | awk '{ s += $1 + $2 } END { print s + 0 }'; }

header "Density: $N sleeping helloworld instances on tvm (-m 2M, ${SLEEP_MS} ms sleep)"
before=$(mem_avail)
t0=$(now_ns)
pids=()
for i in $(seq "$N"); do
	"$ROOT/bin/tvm" -m 2M -a "-- --sleep $SLEEP_MS" "$IMG" >"$D/$i.out" 2>&1 &
	pids+=($!)
	[ $((i % 100)) -eq 0 ] && progress "launched $i"
done
# All running = every instance has printed its greeting.
deadline=$(( $(date +%s) + SLEEP_MS / 1000 - 2 ))
while :; do
	up=$(grep -l 'Hello, world!' "$D"/*.out 2>/dev/null | wc -l)
	[ "$up" -ge "$N" ] && break
	[ "$(date +%s)" -ge "$deadline" ] && break
	sleep 0.05
done
t1=$(now_ns)
after=$(mem_avail)
progress "$up of $N running; measuring CPU while they sleep"
c0=$(cpu_ticks "${pids[@]}")
sleep 5
c1=$(cpu_ticks "${pids[@]}")
hz=$(getconf CLK_TCK)
cpu_pct=$(echo "($c1 - $c0) * 100 / $hz / 5" | bc -l)
progress "waiting for all to exit"
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done

row "instances running" "$up/$N" "" "$N" "$([ "$up" -eq "$N" ] && echo met || echo MISSED)"
row "time until all run" "$(echo "($t1 - $t0) / 1000000000" | bc -l | xargs printf %.2f)" s "" ""
row "memory used by all (MemAvailable drop)" "$(echo "($before - $after) / 1024" | bc -l | xargs printf %.0f)" MiB "" ""
row "per instance" "$(echo "($before - $after) / $N" | bc -l | xargs printf %.0f)" KiB "" ""
judge "host CPU while all sleep (5 s)" "$(printf %.2f "$cpu_pct")" "%" "<= 5"
row "exited with status 0" "$ok/$N" "" "$N" "$([ "$ok" -eq "$N" ] && echo met || echo MISSED)"
