# tests/groups/posix-event.sh: pipes, eventfd, poll/select and epoll (lib/posix-event)
# against Linux: tests/apps/posix-event built for the host (glibc, -pthread) and
# for Tessera (musl) prints the same lines; "threads" checks wake-ups across
# threads (skipped while lib/posix-thread cannot create threads); "console"
# polls tess's standard input.
group "posix-event: pipes, eventfd, poll, select, epoll against Linux"
PE=$OUT/posix-event
APP=tests/apps/posix-event
mkdir -p "$PE"; rm -f "$PE"/*.out "$PE"/*.log "$PE"/*.diff

# Guest lines: the program's own, without tess's and the kernel's notices.
guest_lines() { grep -v -e '^tess: ' -e '^warning: ' -e '^info: ' "$1"; }

gcc -std=gnu11 -O1 -Wall -Wextra -Werror -o "$PE/host" "$APP/main.c" -pthread >"$PE/host-cc.log" 2>&1
check "posix-event builds for the host (glibc)" $? "$(head -3 "$PE/host-cc.log" | tr '\n' '|')"
# Descriptor limit as Tessera's table (LIBVFS_MAX_FDS, 1024); poll checks it.
(ulimit -n 1024 && exec "$PE/host" basic >"$PE/basic.host" 2>&1 </dev/null)
r=$?; n=$(grep -c ': ' "$PE/basic.host")
[ $r -eq 0 ] && [ "$n" -ge 150 ] && tail -1 "$PE/basic.host" | grep -qx done
check "posix-event on the host: $n check lines" $? "status $r: $(tail -2 "$PE/basic.host" | tr '\n' '|')"
"$PE/host" threads >"$PE/threads.host" 2>&1 </dev/null
printf 'ping\n' | "$PE/host" console >"$PE/console.host" 2>&1

"$TESS" build "$APP" -O "$PE/b" >"$PE/build.log" 2>&1
check "posix-event builds for Tessera (musl)" $? "$(grep -m2 -i error "$PE/build.log" | tr '\n' '|')"

run_guest "$PE/basic.log" "$APP" -O "$PE/b" --vmm qemu -- basic
guest_lines "$PE/basic.log" >"$PE/basic.guest"
diff "$PE/basic.host" "$PE/basic.guest" >"$PE/basic.diff"
d=$?
[ $rc -eq 0 ] && [ $d -eq 0 ]
check "pipes, eventfd, poll, select, epoll: $n lines identical to Linux's" $? \
	"status $rc, $(grep -c '^[<>]' "$PE/basic.diff") lines differ: $(grep '^[<>]' "$PE/basic.diff" | head -4 | tr '\n' '|')"

run_guest "$PE/threads.log" "$APP" -O "$PE/b" --vmm qemu -- threads
guest_lines "$PE/threads.log" >"$PE/threads.guest"
if grep -q 'pthread_create failed' "$PE/threads.guest"; then
	skip "wake-ups across threads" "pthread_create fails (lib/posix-thread has no clone yet)"
else
	diff "$PE/threads.host" "$PE/threads.guest" >"$PE/threads.diff"
	d=$?
	[ $rc -eq 0 ] && [ $d -eq 0 ]
	check "wake-ups across threads (read, epoll_wait, poll, select, eventfd; 1 MiB through a pipe) and EINTR from a signal in each wait, as on Linux" $? \
		"status $rc: $(grep '^[<>]' "$PE/threads.diff" | head -4 | tr '\n' '|')"
fi

# Input comes 2 s after boot: poll and epoll_wait on the console must see it
# (no input interrupt: they re-check every 10 ms).
(sleep 2; printf 'ping\n') | timeout 120 "$TESS" run "$APP" -O "$PE/b" --vmm qemu --timeout 90 -- console \
	>"$PE/console.log" 2>&1
rc=$?
guest_lines "$PE/console.log" >"$PE/console.guest"
diff "$PE/console.host" "$PE/console.guest" >"$PE/console.diff"
d=$?
[ $rc -eq 0 ] && [ $d -eq 0 ]
check "poll and epoll_wait on standard input wake when tess's input arrives" $? \
	"status $rc: $(grep '^[<>]' "$PE/console.diff" | head -4 | tr '\n' '|')"

# In-kernel tests: wake-ups from other lib/sched threads and EINTR through
# ts_thread_interrupt (what signals will do), cooperative and preemptive.
for v in kernel kernel-preempt; do
	run_guest "$PE/$v.log" "$APP/$v" -O "$PE/$v" --vmm qemu
	n=$(grep -c '^  ok ' "$PE/$v.log")
	[ $rc -eq 0 ] && [ "$n" -ge 7 ] && grep -q '^tests: [0-9]* passed, 0 failed' "$PE/$v.log"
	check "in-kernel ($v): blocked read/write/poll/select/epoll_wait/eventfd woken by other threads, interrupted with EINTR ($n cases)" \
		$? "status $rc: $(grep -m3 -e FAIL -e expected -e CRASH "$PE/$v.log" | tr '\n' '|')"
done

# SIGPIPE's default action: a write to a pipe without readers ends the
# program with status 141 (128 + SIGPIPE), on Linux and on Tessera.
"$PE/host" sigpipe >"$PE/sigpipe.host" 2>&1 </dev/null
hr=$?
run_guest "$PE/sigpipe.log" "$APP" -O "$PE/b" --vmm qemu -- sigpipe
guest_lines "$PE/sigpipe.log" | grep '^sigpipe: ' >"$PE/sigpipe.guest"
[ $hr -eq 141 ] && [ $rc -eq 141 ] && cmp -s "$PE/sigpipe.host" "$PE/sigpipe.guest"
check "SIGPIPE's default action ends the writer with status 141, as on Linux" $? \
	"host status $hr, guest status $rc: $(tr '\n' '|' <"$PE/sigpipe.guest")"
