# tests/groups/posix-thread.sh: POSIX threads (lib/posix-thread: clone, futex, thread ids) against Linux — the
# same program (tests/apps/posix-thread) built for the host with glibc's -pthread and for Tessera with musl
# prints the same lines, section by section; once with the cooperative scheduler, once with schedpreempt.
group "POSIX threads: musl's pthreads on lib/posix-thread against glibc's on Linux"
PT=$OUT/posix-thread
PAPP=tests/apps/posix-thread
mkdir -p "$PT"; rm -f "$PT"/*.log "$PT"/*.out "$PT"/*.diff # build folders stay: reruns build nothing
SECTIONS="clock create ids hundred detached mutex cond rwlock barrier spin once tsd tls errno cancel sem futex sched robust membarrier exit failures"
SECTION_RE="^($(echo $SECTIONS | tr ' ' '|')): "

gcc -std=gnu11 -O1 -Wall -Wextra -Werror -pthread -o "$PT/host" "$PAPP/main.c" >"$PT/host-cc.log" 2>&1 &&
	timeout 120 "$PT/host" >"$PT/host.out" 2>&1 </dev/null
r=$?; n=$(grep -cE "$SECTION_RE" "$PT/host.out")
[ $r -eq 0 ] && [ "$n" -ge 70 ] && grep -qx 'failures: 0' "$PT/host.out"
check "posix-thread host build (glibc, -pthread): $n lines, status 0, no failure" $? \
	"status $r: $(cat "$PT/host-cc.log" "$PT/host.out" | grep -m3 -E 'error|FAIL|failures' | tr '\n' '|')"

# In-kernel tests: thread ids, clone's flags and SETTLS/PARENT_SETTID/CHILD_CLEARTID, futex waits that
# ts_thread_interrupt (a signal) ends with EINTR.
run_guest "$PT/kernel.log" "$PAPP/kernel" -O "$PT/b-kernel" --vmm qemu --machine microvm
n=$(grep -c '^  ok ' "$PT/kernel.log")
[ $rc -eq 0 ] && [ "$n" -ge 3 ] && grep -q '^tests: [0-9]* passed, 0 failed' "$PT/kernel.log"
check "in-kernel tests of lib/posix-thread ($n cases)" $? "status $rc: $(grep -m3 -E 'FAIL|panic|error' "$PT/kernel.log" | tr '\n' '|')"

# pt_case NAME APPDIR: build and boot it, then compare every section with the host's lines.
pt_case() {
	local name=$1 app=$2 s
	"$TESS" build "$app" -O "$PT/b-$name" >"$PT/build-$name.log" 2>&1
	check "posix-thread builds for Tessera ($name)" $? "$(grep -m2 -i error "$PT/build-$name.log" | tr '\n' '|')"
	run_guest "$PT/guest-$name.log" "$app" -O "$PT/b-$name" --vmm qemu --machine microvm
	grep -E "$SECTION_RE" "$PT/guest-$name.log" >"$PT/guest-$name.out"
	# The process ends when its last thread does (main called pthread_exit): status 0, as on Linux.
	[ $rc -eq 0 ] && grep -q '^exit: ' "$PT/guest-$name.out"
	check "$name: main's pthread_exit, then the last thread's end, ends the instance with status 0" $? \
		"status $rc: $(grep -v '^tess: ' "$PT/guest-$name.log" | tail -3 | tr '\n' '|')"
	for s in $SECTIONS; do
		grep "^$s: " "$PT/host.out" >"$PT/want-$s"
		grep "^$s: " "$PT/guest-$name.out" | diff "$PT/want-$s" - >"$PT/$name-$s.diff"
		r=$?; n=$(wc -l <"$PT/want-$s")
		[ $r -eq 0 ] && [ "$n" -gt 0 ]
		check "$name: $s ($n lines as glibc's)" $? \
			"$(grep '^[<>]' "$PT/$name-$s.diff" | head -4 | tr '\n' '|')"
	done
}
pt_case coop "$PAPP"

# A clone that would make a process (as posix_spawn and vfork make it): refused, said in the log.
run_guest "$PT/fork-clone.log" "$PAPP" -O "$PT/b-coop" --vmm qemu --machine microvm -- fork-clone
[ $rc -eq 0 ] && grep -qx 'fork-clone: clone(CLONE_VM|CLONE_VFORK|SIGCHLD) = ENOSYS' "$PT/fork-clone.log" &&
	grep -q '^warning: clone: flags 0x4111 make a new process' "$PT/fork-clone.log"
check "a fork-like clone fails with ENOSYS and a log line" $? \
	"status $rc: $(grep -v '^tess: ' "$PT/fork-clone.log" | tail -3 | tr '\n' '|')"

# The same with the preemptive, priority scheduler (time slices only where
# the platform has timer interrupts: KVM; under TCG it stays cooperative).
PRE=$PT/app-preempt
mkdir -p "$PRE"
ln -sf "$ROOT/$PAPP/main.c" "$PRE/main.c"
{ sed 's/^name .*/name   = posix-thread-preempt/' "$PAPP/Tessfile"; echo "option = LIBSCHEDPREEMPT=y"; } >"$PRE/Tessfile"
pt_case preempt "$PRE"
