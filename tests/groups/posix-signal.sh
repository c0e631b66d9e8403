# tests/groups/posix-signal.sh: lib/posix-signal against Linux: the same
# program (tests/apps/posix-signal) built for the host (glibc) and for
# Tessera (musl) prints the same lines — handlers, masks, pending and
# queued signals, sigsuspend, sigtimedwait, kill/raise/tgkill, sigaltstack,
# faults as signals (SIGSEGV with siglongjmp, a handler that fixes the
# context, SIGFPE, SIGILL on ud2, a stack overflow on the alternate stack)
# — and default actions end the guest with the status Linux's shell shows.
group "POSIX signals: handlers, masks, faults, default actions (musl against glibc)"
PS=$OUT/posix-signal
rm -rf "$PS"; mkdir -p "$PS"
gcc -O1 -Wall -Wextra -o "$PS/host" tests/apps/posix-signal/main.c >"$PS/host-cc.log" 2>&1 &&
	"$PS/host" >"$PS/host.out" 2>&1
r=$?; n=$(grep -vc '^done$' "$PS/host.out")
[ $r -eq 0 ] && [ "$n" -ge 60 ] && tail -1 "$PS/host.out" | grep -qx done
check "posix-signal host build (glibc): $n lines" $? "status $r: $(cat "$PS/host-cc.log" "$PS/host.out" | tail -2 | tr '\n' '|')"

"$TESS" build tests/apps/posix-signal -O "$PS/b" >"$PS/build.log" 2>&1
check "posix-signal builds for Tessera (musl)" $? "$(grep -m2 -i error "$PS/build.log" | tr '\n' '|')"

run_guest "$PS/guest.log" tests/apps/posix-signal -O "$PS/b" --vmm qemu --machine microvm
grep -v -e '^tess: ' -e '^warning: syscall: ' "$PS/guest.log" >"$PS/guest.out"
diff "$PS/host.out" "$PS/guest.out" >"$PS/guest.diff"
d=$?
[ $rc -eq 0 ] && [ $d -eq 0 ]
check "posix-signal on Tessera: output identical to glibc's ($n lines)" $? \
	"status $rc, $(grep -c '^[<>]' "$PS/guest.diff") lines differ: $(grep '^[<>]' "$PS/guest.diff" | head -4 | tr '\n' '|')"

# Default actions: the guest's exit status is the host shell's 128 + signal.
for c in "term 143 SIGTERM" "abort 134 SIGABRT" "kill 137 SIGKILL" "usr1-blocked 138 SIGUSR1"; do
	set -- $c
	# (in a subshell whose stderr takes bash's "Terminated" notice)
	( "$PS/host" "$1" >"$PS/host-$1.out" 2>&1; exit $? ) 2>/dev/null
	hr=$?
	run_guest "$PS/guest-$1.log" tests/apps/posix-signal -O "$PS/b" --vmm qemu -- "$1"
	[ $hr -eq "$2" ] && [ $rc -eq "$2" ] && grep -q "signal: $3 ([0-9]*).*status $2" "$PS/guest-$1.log" &&
		! grep -q 'still here' "$PS/guest-$1.log"
	check "default action of $3 ($1): status $2 on both, one line saying why" $? \
		"host $hr, guest $rc: $(grep -v '^tess: ' "$PS/guest-$1.log" | tail -2 | tr '\n' '|')"
done
# Without a handler a fault is still the crash report.
run_guest "$PS/guest-segv.log" tests/apps/posix-signal -O "$PS/b" --vmm qemu -- segv-dfl
[ $rc -eq 127 ] && grep -q '^\*\*\* CRASH: page fault' "$PS/guest-segv.log" && grep -q 'faulting address 0x0*10$' "$PS/guest-segv.log"
check "an unhandled SIGSEGV is today's crash report (status 127)" $? \
	"status $rc: $(grep -v '^tess: ' "$PS/guest-segv.log" | head -3 | tr '\n' '|')"
