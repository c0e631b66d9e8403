# tests/groups/posix-time.sh: lib/posix-time against Linux: the same program
# (tests/apps/posix-time) built for the host (glibc) and for Tessera (musl)
# prints the same lines — clocks, resolutions, CPU time, sleeps and their
# accuracy ("ok"/"late"), absolute sleeps, interval and POSIX timers.
group "POSIX time: clocks, sleeps, timers (musl against glibc)"
PT=$OUT/posix-time
rm -rf "$PT"; mkdir -p "$PT"
gcc -O1 -Wall -Wextra -o "$PT/host" tests/apps/posix-time/main.c -lrt >"$PT/host-cc.log" 2>&1 &&
	"$PT/host" >"$PT/host.out" 2>&1
r=$?; n=$(grep -vc '^done$' "$PT/host.out")
[ $r -eq 0 ] && [ "$n" -ge 70 ] && tail -1 "$PT/host.out" | grep -qx done
check "posix-time host build (glibc): $n lines" $? "status $r: $(cat "$PT/host-cc.log" "$PT/host.out" | tail -2 | tr '\n' '|')"

"$TESS" build tests/apps/posix-time -O "$PT/b" >"$PT/build.log" 2>&1
check "posix-time builds for Tessera (musl)" $? "$(grep -m2 -i error "$PT/build.log" | tr '\n' '|')"

run_guest "$PT/guest.log" tests/apps/posix-time -O "$PT/b" --vmm qemu -- guest
# Lines only the guest prints start with "guest: "; the rest must match.
grep -v -e '^tess: ' -e '^warning: syscall: ' -e '^guest: ' "$PT/guest.log" >"$PT/guest.out"
diff "$PT/host.out" "$PT/guest.out" >"$PT/guest.diff"
d=$?
[ $rc -eq 0 ] && [ $d -eq 0 ]
check "posix-time on Tessera: output identical to glibc's ($n lines)" $? \
	"status $rc, $(grep -c '^[<>]' "$PT/guest.diff") lines differ: $(grep '^[<>]' "$PT/guest.diff" | head -4 | tr '\n' '|')"
printf '%s\n' 'guest: clock_settime REALTIME: EPERM' 'guest: settimeofday: EPERM' \
	'guest: clock_nanosleep flags 2: EINVAL' 'guest: setitimer ITIMER_VIRTUAL: EINVAL' \
	'guest: timer_create PROCESS_CPUTIME_ID: ENOTSUP' >"$PT/guest-only.want"
grep '^guest: ' "$PT/guest.log" | diff "$PT/guest-only.want" - >"$PT/guest-only.diff"
check "where Tessera differs: the wall clock cannot be set (EPERM), unknown clock_nanosleep flags, ITIMER_VIRTUAL and CPU-time timers are refused" $? \
	"$(head -4 "$PT/guest-only.diff" | tr '\n' '|')"
