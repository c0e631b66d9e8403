# tests/groups/instances.sh: background instances — tess run -d, ps, logs, stop, rm on QEMU/TCG
# (tvm with KVM), the guest's side of tess stop, bad input, a monitor or supervisor killed, 50 at once.
group "instances: tess run -d, ps, logs, stop, rm"
IB=$OUT/instances
export TESS_STATE_DIR=$IB/state

# Every instance this group started is ended, whatever happened: the
# supervisors are killed (their monitors die with them, PDEATHSIG).
inst_cleanup() {
	local f p
	for f in "$TESS_STATE_DIR"/*/state; do
		[ -f "$f" ] || continue
		p=$(sed -n 's/^sup_pid=//p' "$f")
		[ -n "$p" ] && grep -q "^phase=running" "$f" && kill -9 "$p" 2>/dev/null
	done
	sleep 0.2
	rm -rf "$TESS_STATE_DIR"
}
inst_cleanup
rm -rf "$IB"; mkdir -p "$IB"

# A field of an instance's state file.
inst_field() { sed -n "s/^$2=//p" "$TESS_STATE_DIR/$1/state" 2>/dev/null; }
# ps -a's STATE column of one instance (from the JSON).
inst_state() {
	"$TESS" ps -a --format json 2>/dev/null | python3 -c '
import json, sys
for i in json.load(sys.stdin):
    if i["name"] == sys.argv[1]: print(i["state"])' "$1"
}
# Wait up to $2 seconds (default 60) until the log of $1 holds a line matching $3.
inst_wait_log() {
	local n=$1 secs=$2 pat=$3 i
	for i in $(seq $((secs * 5))); do
		"$TESS" logs "$n" 2>/dev/null | grep -q -- "$pat" && return 0
		sleep 0.2
	done
	return 1
}
# Wait up to 5 s for process $1 to be gone (a zombie counts: its parent
# is gone and init reaps it when it can).
inst_gone() {
	local i
	for i in $(seq 25); do
		[ -e "/proc/$1" ] || return 0
		[ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
		sleep 0.2
	done
	return 1
}
# Start one instance: inst_run NAME APP BUILDDIR [tess run options] [-- args]; sets $irc.
inst_run() {
	local n=$1 app=$2 b=$3; shift 3
	timeout 120 "$TESS" run -d --name "$n" "$app" -O "$b" --vmm qemu "$@" >"$IB/$n.out" 2>"$IB/$n.err" </dev/null
	irc=$?
}

W=tests/apps/waiter WS=tests/apps/waiter-sig
"$TESS" build $W -O "$IB/w" --vmm qemu >"$IB/build-w.log" 2>&1 &&
	"$TESS" build $WS -O "$IB/ws" --vmm qemu >"$IB/build-ws.log" 2>&1
check "tests/apps/waiter and waiter-sig build for QEMU" $? "$(tail -n 3 "$IB"/build-*.log)"

# ---- run -d, ps, logs ----
start=$(date +%s.%N)
inst_run w1 $W "$IB/w"
secs=$(echo "$(date +%s.%N) - $start" | bc)
[ $irc -eq 0 ] && [ "$(cat "$IB/w1.out")" = w1 ] && kill -0 "$(inst_field w1 mon_pid)" 2>/dev/null
check "run -d --name w1: prints the name only, returns (${secs%???????}s) with the monitor running" $? \
	"status $irc, stdout '$(head -c 200 "$IB/w1.out")', $(tail -2 "$IB/w1.err" | tr '\n' '|')"
"$TESS" ps >"$IB/ps.txt" 2>&1
r=$?
[ $r -eq 0 ] && head -1 "$IB/ps.txt" | grep -q '^NAME  *APP  *MONITOR  *STATE  *MEMORY  *UPTIME  *PORTS' &&
	grep -qE "^w1 +$W +qemu +running +2M +[0-9]+s" "$IB/ps.txt"
check "ps: a table with w1 running (app, monitor, memory, uptime)" $? "$(cat "$IB/ps.txt" | tr '\n' '|')"
"$TESS" ps --format json >"$IB/ps.json" 2>&1 &&
python3 - "$IB/ps.json" "$W" <<'EOF'
import json, sys
l = json.load(open(sys.argv[1]))
assert isinstance(l, list) and len(l) == 1, l
i = l[0]
want = {"name": "w1", "app": sys.argv[2], "monitor": "qemu", "state": "running", "status": None,
        "memory_kib": 2048, "ports": [], "gdb_port": None, "message": None, "ended": None}
for k, v in want.items():
    assert i[k] == v, (k, i[k], v)
assert i["image"].endswith("/waiter_kvm-x86_64") and i["dbg"] == i["image"] + ".dbg", i
assert isinstance(i["pid"], int) and isinstance(i["uptime_s"], int) and i["uptime_s"] >= 0, i
assert isinstance(i["created"], int) and isinstance(i["started"], int), i
EOF
check "ps --format json: one array, w1's documented fields (python3 json.load)" $? "$(head -c 300 "$IB/ps.json")"
inst_wait_log w1 60 '^waiter: sleep$'
check "logs: the guest's console output" $? "$("$TESS" logs w1 2>&1 | head -3 | tr '\n' '|')"

# logs -f follows until the instance ends; stop asks the guest (fini handlers, status 143).
timeout 60 "$TESS" logs -f w1 >"$IB/follow.log" 2>&1 &
fpid=$!
sleep 0.5
start=$(date +%s.%N)
timeout 60 "$TESS" stop w1 >"$IB/stop.out" 2>&1
r=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
[ $r -eq 0 ] && [ "$(cat "$IB/stop.out")" = w1 ] && [ "$(inst_state w1)" = "exited (143)" ] &&
	"$TESS" logs w1 | grep -qx 'waiter: fini handler ran'
check "stop (nolibc, sleeping): fini handler ran, exited (143), in ${secs%???????}s" $? \
	"status $r, state '$(inst_state w1)', log: $("$TESS" logs w1 2>&1 | tail -3 | tr '\n' '|')"
wait $fpid
r=$?
[ $r -eq 0 ] && grep -qx 'waiter: sleep' "$IB/follow.log" && grep -qx 'waiter: fini handler ran' "$IB/follow.log"
check "logs -f: followed to the end, then status 0" $? "status $r: $(tail -3 "$IB/follow.log" | tr '\n' '|')"
"$TESS" ps >"$IB/ps2.txt" 2>&1 && ! grep -q '^w1 ' "$IB/ps2.txt" && "$TESS" ps -a | grep -qE '^w1 .* exited \(143\) .* [0-9]+s ago'
check "ps leaves out an ended instance; ps -a shows it ('exited (143)', its age)" $? "$(cat "$IB/ps2.txt" | tr '\n' '|')"

# The musl program: tess stop is SIGTERM (a handler, the default action, a blocking read).
inst_stop_case() { # NAME WANT_STATE LOG_LINE -- guest args
	local n=$1 want=$2 line=$3; shift 4
	inst_run "$n" $WS "$IB/ws" -- "$@"
	inst_wait_log "$n" 60 '^waiter-sig: ' || { fail "$n: started" "no output: $(tail -2 "$IB/$n.err")"; return; }
	timeout 60 "$TESS" stop -t 20 "$n" >/dev/null 2>&1
	[ "$(inst_state "$n")" = "$want" ] && "$TESS" logs "$n" | grep -qx -- "$line"
	check "stop, musl, $*: $want, '$line'" $? \
		"state '$(inst_state "$n")', log: $("$TESS" logs "$n" 2>&1 | tail -3 | tr '\n' '|')"
}
inst_stop_case sig-h "exited (7)" "waiter-sig: atexit handler ran" -- handler sleep
inst_stop_case sig-hr "exited (7)" "waiter-sig: got signal 15, cleaning up" -- handler read
inst_stop_case sig-d "exited (143)" "error: signal: SIGTERM (15): the program ends with status 143" -- default sleep

# A guest that ignores the request, or never waits: killed after -t.
for c in "sig-i $WS $IB/ws ignore" "spin $W $IB/w spin"; do
	set -- $c
	inst_run "$1" "$2" "$3" -- "$4"
	inst_wait_log "$1" 60 ": $4" >/dev/null
	start=$(date +%s.%N)
	timeout 60 "$TESS" stop -t 1 "$1" >/dev/null 2>&1
	r=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	mp=$(inst_field "$1" mon_pid)
	[ $r -eq 0 ] && [ "$(inst_state "$1")" = killed ] && inst_gone "$mp" &&
		[ "$(echo "$secs < 5" | bc)" = 1 ]
	check "stop -t 1 of a guest that $( [ "$4" = spin ] && echo "never waits" || echo "ignores SIGTERM"): killed in ${secs%???????}s, monitor gone" $? \
		"status $r, state '$(inst_state "$1")', ${secs}s"
done

# --initrd DIR: the packed archive outlives tess run -d (kept in the instance's folder).
mkdir -p "$IB/rd" && echo hi >"$IB/rd/f"
inst_run rd $W "$IB/w" --initrd "$IB/rd"
inst_wait_log rd 60 '^waiter: sleep$' && [ "$(inst_state rd)" = running ] && [ -s "$TESS_STATE_DIR/rd/initrd.cpio" ]
check "run -d --initrd DIR: the archive is kept for the monitor, the guest runs" $? \
	"status $irc, state '$(inst_state rd)': $(tail -2 "$IB/rd.err" | tr '\n' '|')"
"$TESS" rm -f rd >/dev/null 2>&1

# ---- bad input ----
"$TESS" stop w1 >"$IB/bad.out" 2>"$IB/bad.err"
r=$?
[ $r -eq 1 ] && [ "$(wc -l <"$IB/bad.err")" -eq 1 ] && grep -q "w1 is not running (exited (143)); nothing to stop" "$IB/bad.err"
check "stop of an exited instance: one line, status 1" $? "status $r: $(cat "$IB/bad.err")"
for cmd in "logs nosuch" "stop nosuch" "rm nosuch" "logs -f nosuch"; do
	"$TESS" $cmd >"$IB/bad.out" 2>"$IB/bad.err"
	r=$?
	[ $r -eq 1 ] && [ "$(wc -l <"$IB/bad.err")" -eq 1 ] && grep -q "no instance named 'nosuch'" "$IB/bad.err"
	check "tess $cmd: one line, status 1" $? "status $r: $(cat "$IB/bad.err")"
done
for name in "a/b" "-x" ".hidden" "a b" "$(printf 'x%.0s' $(seq 65))" "é"; do
	"$TESS" logs -- "$name" >"$IB/bad.out" 2>"$IB/bad.err"
	r=$?
	"$TESS" run -d --name "$name" $W -O "$IB/w" --vmm qemu >"$IB/bad2.out" 2>"$IB/bad2.err" </dev/null
	r2=$?
	[ $r -eq 2 ] && [ $r2 -eq 125 ] && [ "$(cat "$IB/bad.err" "$IB/bad2.err" | wc -l)" -eq 2 ] &&
		grep -q "not an instance name" "$IB/bad2.err" && [ ! -s "$IB/bad2.out" ]
	check "bad name '${name:0:20}': one line (logs: 2, run -d: 125), nothing started" $? \
		"status $r/$r2: $(cat "$IB/bad.err" "$IB/bad2.err" | tr '\n' '|')"
done
"$TESS" run --name x $W -O "$IB/w" --vmm qemu >/dev/null 2>"$IB/bad.err" </dev/null
r=$?
[ $r -eq 125 ] && grep -q "use it with -d" "$IB/bad.err"
check "--name without -d: refused in one line" $? "status $r: $(cat "$IB/bad.err")"
inst_run w1 $W "$IB/w"
[ $irc -eq 125 ] && [ "$(wc -l <"$IB/w1.err")" -eq 1 ] && grep -q "the name 'w1' is already in use" "$IB/w1.err" &&
	[ "$(inst_state w1)" = "exited (143)" ] && [ ! -s "$IB/w1.out" ]
check "run -d with a name in use: one line, status 125, the old instance untouched" $? \
	"status $irc: $(cat "$IB/w1.err")"
# Two at once with one name: one winner, one clear error.
timeout 120 "$TESS" run -d --name race $W -O "$IB/w" --vmm qemu >"$IB/race1.out" 2>"$IB/race1.err" </dev/null &
p1=$!
timeout 120 "$TESS" run -d --name race $W -O "$IB/w" --vmm qemu >"$IB/race2.out" 2>"$IB/race2.err" </dev/null &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
[ "$(echo $r1 $r2 | tr ' ' '\n' | sort | tr '\n' ' ')" = "0 125 " ] &&
	[ "$(cat "$IB/race1.out" "$IB/race2.out")" = race ] &&
	grep -h "race" "$IB/race1.err" "$IB/race2.err" | grep -q "already in use" &&
	[ "$(ls -A "$TESS_STATE_DIR" | grep -c race)" -eq 1 ] && [ "$(inst_state race)" = running ]
check "two run -d --name race at once: one runs, the other says the name is in use" $? \
	"statuses $r1 $r2: $(cat "$IB"/race?.err | grep tess: | tr '\n' '|'); $(ls -A "$TESS_STATE_DIR" | tr '\n' ' ')"
"$TESS" rm race >/dev/null 2>"$IB/rm.err"
r=$?
[ $r -eq 1 ] && [ "$(wc -l <"$IB/rm.err")" -eq 1 ] && grep -q "race is running" "$IB/rm.err" && [ "$(inst_state race)" = running ]
check "rm of a running instance: refused in one line, still running" $? "status $r: $(cat "$IB/rm.err")"
mp=$(inst_field race mon_pid)
"$TESS" rm -f race >/dev/null 2>&1
r=$?
[ $r -eq 0 ] && [ ! -e "$TESS_STATE_DIR/race" ] && inst_gone "$mp"
check "rm -f: stopped, then removed (monitor gone)" $? "status $r; $(ls "$TESS_STATE_DIR")"

# The log removed: logs says so in one line.
rm -f "$TESS_STATE_DIR/w1/console.log"*
"$TESS" logs w1 >"$IB/bad.out" 2>"$IB/bad.err"
r=$?
[ $r -eq 1 ] && [ "$(wc -l <"$IB/bad.err")" -eq 1 ] && grep -q "w1: no console log" "$IB/bad.err"
check "logs of an instance whose log was removed: one line, status 1" $? "status $r: $(cat "$IB/bad.err")"
"$TESS" rm w1 >/dev/null 2>&1 && [ ! -e "$TESS_STATE_DIR/w1" ] && ! "$TESS" ps -a | grep -q '^w1 '
check "rm of an exited instance: its state is gone" $? "$(ls "$TESS_STATE_DIR")"

# State from another version, and garbage: listed as unknown, never a crash; rm removes it.
mkdir -p "$TESS_STATE_DIR/old" "$TESS_STATE_DIR/junk" "$TESS_STATE_DIR/empty" "$TESS_STATE_DIR/.new-x-1"
printf 'tessera-instance 0\nname=old\n' >"$TESS_STATE_DIR/old/state"
head -c 3000 /dev/urandom >"$TESS_STATE_DIR/junk/state"
"$TESS" ps -a >"$IB/ps3.txt" 2>&1 && "$TESS" ps -a --format json >"$IB/ps3.json" 2>&1 &&
	grep -qE '^old .*unknown state.*another version' "$IB/ps3.txt" && grep -qE '^junk .*unknown state' "$IB/ps3.txt" &&
	grep -qE '^empty .*unknown state.*no state file' "$IB/ps3.txt" && ! grep -q '^\.new' "$IB/ps3.txt" &&
	python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); u=[i for i in l if i["state"]=="unknown state"]; assert len(u)==3 and all(i["message"] for i in u), l' "$IB/ps3.json"
check "state of another version, garbage, none: 'unknown state' with the reason (table and JSON)" $? \
	"$(cat "$IB/ps3.txt" | tr '\n' '|')"
"$TESS" stop old >/dev/null 2>"$IB/bad.err"
r=$?
"$TESS" rm old junk empty >/dev/null 2>&1
r2=$?
[ $r -eq 1 ] && grep -q "unknown state" "$IB/bad.err" && [ $r2 -eq 0 ] && [ ! -e "$TESS_STATE_DIR/old" ] &&
	[ ! -e "$TESS_STATE_DIR/junk" ] && [ ! -e "$TESS_STATE_DIR/empty" ]
check "an unknown state: stop refuses in one line, rm removes it" $? "status $r/$r2: $(cat "$IB/bad.err")"
rm -rf "$TESS_STATE_DIR/.new-x-1"

# ---- a monitor or a supervisor killed with SIGKILL ----
inst_run km $W "$IB/w"
inst_wait_log km 60 '^waiter: sleep$' >/dev/null
kill -9 "$(inst_field km mon_pid)"
sleep 1
[ "$(inst_state km)" = "monitor died" ] && [ "$(inst_field km status)" = 137 ]
check "monitor killed with SIGKILL: 'monitor died' (status 137)" $? "state '$(inst_state km)'"
inst_run ks $W "$IB/w"
mp=$(inst_field ks mon_pid)
kill -9 "$(inst_field ks sup_pid)"
sleep 1
inst_gone "$mp" && [ "$(inst_state ks)" = "monitor died" ]
check "supervisor killed with SIGKILL: its monitor ends too, 'monitor died'" $? "state '$(inst_state ks)'"
"$TESS" stop ks >/dev/null 2>"$IB/bad.err"
r=$?
"$TESS" rm km ks >/dev/null 2>&1 && inst_run ks $W "$IB/w" && [ $irc -eq 0 ] && [ "$(inst_state ks)" = running ]
check "after rm, the name is free again (no stale entry)" $? "status $irc: $(cat "$IB/ks.err")"
[ $r -eq 1 ] && grep -q "ks is not running (monitor died)" "$IB/bad.err"
check "stop of a dead instance: one line, status 1" $? "status $r: $(cat "$IB/bad.err")"
"$TESS" rm -f ks >/dev/null 2>&1

# ---- the log's cap: 10 MB of numbered lines, the newest 4 to 8 MiB kept ----
"$TESS" run -d --name big tests/apps/console -O "$IB/console" --vmm qemu -- lines 100000 \
	>/dev/null 2>"$IB/big.err" </dev/null
for i in $(seq 300); do [ "$(inst_state big)" = "exited (0)" ] && break; sleep 0.2; done
"$TESS" logs big >"$IB/big.log" 2>&1
sz=$(stat -c %s "$IB/big.log")
first=$(head -1 "$IB/big.log" | awk '{print $1+0}')
awk -v f="$first" 'NR > 1 && $1 + 0 != f + NR - 1 { bad = 1 } END { exit bad }' "$IB/big.log"
r=$?
[ "$(inst_state big)" = "exited (0)" ] && [ $r -eq 0 ] && [ "$sz" -le $((8 << 20)) ] && [ "$sz" -ge $((4 << 20)) ] &&
	tail -1 "$IB/big.log" | grep -q '^0*100000\b\|^100000'
check "log cap: 10 MB written, $((sz >> 10)) KiB kept, the newest lines in order to the last" $? \
	"state '$(inst_state big)', $sz bytes, first '$(head -c 40 "$IB/big.log")', last '$(tail -1 "$IB/big.log" | head -c 40)'"
"$TESS" rm big >/dev/null 2>&1

# ---- 50 at once ----
# QEMU's TCG offers no timer the guest can halt on (no x2APIC or
# TSC-deadline timer), so an idle guest spins: without KVM each QEMU is
# frozen (SIGSTOP) once started, and let go (SIGCONT) for the stop, so that
# 50 spinning guests do not starve the launches and the rest of the
# machine. The launches run one after the other: each one's no-op build
# takes the build folder's lock anyway.
"$TESS" rm -f $("$TESS" ps -a | awk 'NR > 1 { print $1 }') >/dev/null 2>&1
MANY=${TS_INST_MANY:-50}
start=$(date +%s.%N)
for i in $(seq 1 $MANY); do
	timeout 120 "$TESS" run -d --name "many-$i" $W -O "$IB/w" --vmm qemu -m 2M \
		>/dev/null 2>>"$IB/many.err" </dev/null
	[ -z "$KVM_REASON" ] || kill -STOP "$(inst_field "many-$i" mon_pid)" 2>/dev/null
done
secs=$(echo "$(date +%s.%N) - $start" | bc)
"$TESS" ps --format json >"$IB/many.json" 2>&1
n=$(python3 -c 'import json,sys; print(sum(1 for i in json.load(open(sys.argv[1])) if i["name"].startswith("many-") and i["state"] == "running"))' "$IB/many.json" 2>&1)
[ "$n" = "$MANY" ]
check "$MANY instances started (${secs%???????}s): all $MANY listed running" $? "$n running; $(grep -v 'KVM not usable' "$IB/many.err" | head -2)"
for i in $(seq 1 $MANY); do kill -CONT "$(inst_field "many-$i" mon_pid)" 2>/dev/null; done
start=$(date +%s.%N)
timeout 300 "$TESS" stop -t 120 $(seq -f 'many-%g' 1 $MANY) >"$IB/many-stop.out" 2>&1
r=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
n=$("$TESS" ps -a | grep -c '^many-.* exited (143)')
[ $r -eq 0 ] && [ "$n" = "$MANY" ] && [ -z "$("$TESS" ps | sed 1d)" ]
check "stop of all $MANY (${secs%???????}s): each exited (143), none left running" $? "status $r, $n exited (143)"
"$TESS" rm -f $(seq -f 'many-%g' 1 $MANY) >/dev/null 2>&1 && [ -z "$(ls "$TESS_STATE_DIR")" ]
check "rm of all $MANY" $? "$(ls "$TESS_STATE_DIR" | head -3)"

# ---- the state folder's default place ----
(unset TESS_STATE_DIR; XDG_RUNTIME_DIR=$IB/xdg "$TESS" ps -a >/dev/null && [ -d "$IB/xdg/tessera/instances" ] &&
	unset XDG_RUNTIME_DIR && HOME=$IB/home "$TESS" ps -a >/dev/null && [ -d "$IB/home/.local/state/tessera/instances" ])
check "state folder: \$XDG_RUNTIME_DIR/tessera/instances, else ~/.local/state/tessera/instances" $? "$(ls -R "$IB/xdg" "$IB/home" 2>&1 | head -5)"

# ---- tvm ----
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I include -I tools/tvm -o "$IB/hc-test" \
	tools/tvm/tests/hc-test.c tools/tvm/hypercall.c tools/tvm/paging.c >"$IB/hc-test.log" 2>&1 &&
	"$IB/hc-test" >>"$IB/hc-test.log" 2>&1
r=$?
[ $r -eq 0 ] && [ "$(grep -c '^ok stop:' "$IB/hc-test.log")" -eq 3 ]
check "tvm: a stop request reaches the guest's next WAIT once (TVM_WAIT_STOP, without KVM)" $? \
	"$(grep -m2 -E '^FAIL|error' "$IB/hc-test.log")"
if [ -z "$KVM_REASON" ]; then
	"$TESS" run -d --name tv1 $W -O "$IB/wt" --vmm tvm >/dev/null 2>"$IB/tv1.err" </dev/null
	inst_wait_log tv1 30 '^waiter: sleep$' && [ "$(inst_state tv1)" = running ] &&
		"$TESS" ps | grep -qE '^tv1 .* tvm +running' && "$TESS" stop tv1 >/dev/null &&
		[ "$(inst_state tv1)" = "exited (143)" ] && "$TESS" logs tv1 | grep -qx 'waiter: fini handler ran'
	check "tvm: run -d, ps, logs, stop (fini handler, exited (143))" $? "state '$(inst_state tv1)': $(cat "$IB/tv1.err")"
	"$TESS" run -d --name tv2 $WS -O "$IB/wst" --vmm tvm -- handler read >/dev/null 2>&1 </dev/null
	inst_wait_log tv2 30 '^waiter-sig: ' && "$TESS" stop tv2 >/dev/null && [ "$(inst_state tv2)" = "exited (7)" ]
	check "tvm: stop reaches a musl program reading its console as SIGTERM (exited (7))" $? "state '$(inst_state tv2)'"
	"$TESS" run -d --name tv3 $W -O "$IB/wt" --vmm tvm -- spin >/dev/null 2>&1 </dev/null
	inst_wait_log tv3 30 'spin' && "$TESS" stop -t 1 tv3 >/dev/null && [ "$(inst_state tv3)" = killed ]
	check "tvm: stop -t 1 of a guest that never waits: killed" $? "state '$(inst_state tv3)'"
	mp=$(inst_field tv1 mon_pid)
	"$TESS" run -d --name tv4 $W -O "$IB/wt" --vmm tvm >/dev/null 2>&1 </dev/null
	kill -9 "$(inst_field tv4 mon_pid)"; sleep 1
	[ "$(inst_state tv4)" = "monitor died" ]
	check "tvm: monitor killed with SIGKILL: 'monitor died'" $? "state '$(inst_state tv4)'"
	"$TESS" rm tv1 tv2 tv3 tv4 >/dev/null 2>&1
else
	skip "tvm: run -d, ps, logs, stop, a monitor killed" "needs KVM ($KVM_REASON)"
fi
inst_cleanup
unset TESS_STATE_DIR
