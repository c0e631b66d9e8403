# tests/groups/musl.sh: musl from Debian's source package on lib/syscall — no trapping system call anywhere, the trace, the ENOSYS log, pointer checks.
group "musl: the C library on the system call layer"
MB=$OUT/musl
mkdir -p "$MB"; rm -f "$MB"/*.log "$MB"/*.diff

# ---- the build: musl once per machine, nothing that traps -------------------
musl=$(lib/musl/build.sh 2>"$MB/build.log")
b=$?; [ $b -eq 0 ] && [ -f "$musl/lib/libc.a" ] && [ -f "$musl/include/stdio.h" ]
r=$?; check "musl 1.2.3 built from Debian's source package with Tessera's patch ($(basename "$musl"))" $r "status $b: $(tail -1 "$MB/build.log")"

"$TESS" build tests/apps/hello-musl -O "$MB/hello" >"$MB/hello-build.log" 2>&1
r=$?; img=$(ls "$MB"/hello/hello-musl_kvm-x86_64.dbg 2>/dev/null)
n=$(objdump -d "$img" 2>/dev/null | grep -c $'\tsyscall')
[ $r -eq 0 ] && [ -n "$img" ] && [ "$n" = 0 ]
check "an image linked with musl holds no syscall instruction: every call is a function call" $? \
	"status $r, $n syscall instructions: $(grep -m1 -i error "$MB/hello-build.log")"

run_guest "$MB/hello.log" tests/apps/hello-musl -O "$MB/hello" --vmm qemu -- 7
printf '%s\n' 'hello from musl: argc=2 argv[0]=hello-musl tls=5' 'malloc works' 'isatty(0)=0 isatty(1)=0 pid=1' >"$MB/hello.want"
grep -v -E '^(tess|warning): ' "$MB/hello.log" | diff "$MB/hello.want" - >"$MB/hello.diff"
r=$?; [ $r -eq 0 ] && [ "$rc" -eq 7 ]
check "musl's printf, malloc, TLS and isatty (stdin /dev/null, stdout a file: not terminals, as on Linux), and main's status as the exit status" $? \
	"status $rc: $(head -4 "$MB/hello.diff" | tr '\n' '|')"
# On a terminal (script(1) gives tess a pseudo-terminal) both are.
if command -v script >/dev/null; then
	timeout 120 script -qec "$TESS run tests/apps/hello-musl -O $MB/hello --vmm qemu --timeout 90" /dev/null </dev/null >"$MB/tty.log" 2>&1
	r=$?; tr -d '\r' <"$MB/tty.log" | grep -q '^isatty(0)=1 isatty(1)=1 pid=1$'
	check "isatty(0) and isatty(1) in the guest when tess runs on a terminal" $? "status $r: $(tr -d '\r' <"$MB/tty.log" | grep -m1 isatty)"
else
	skip "isatty on a terminal" "script (Debian's bsdutils) not installed"
fi

# ---- lib/syscall: unknown calls, the pointer check, the trace ---------------
run_guest "$MB/sys.log" tests/apps/syscalls -O "$MB/sys" --vmm qemu -- all
printf '%s\n' 'syscall(500) -> ENOSYS' 'syscall(500) again -> ENOSYS' 'syscall(-1) -> ENOSYS' \
	'kexec_load -> ENOSYS' 'kexec_load again -> ENOSYS' >"$MB/enosys.want"
grep -- '-> ' "$MB/sys.log" | head -5 | diff "$MB/enosys.want" - >"$MB/enosys.diff" &&
	[ "$(grep -c 'kexec_load (246) is not implemented: ENOSYS' "$MB/sys.log")" = 1 ] &&
	[ "$(grep -c 'unknown number 500: ENOSYS' "$MB/sys.log")" = 1 ]
check "unknown and unimplemented calls: ENOSYS, logged once by name" $? "$(head -4 "$MB/enosys.diff" | tr '\n' '|')"

printf '%s\n' 'write from NULL -> EFAULT' 'write from page 0 -> EFAULT' 'write from a non-canonical address -> EFAULT' \
	'write of a length that wraps -> EFAULT' 'read into rodata -> EFAULT' 'read into text -> EFAULT' \
	'write of 0 bytes from NULL -> ok' >"$MB/efault.want"
grep -E '^(write|read) ' "$MB/sys.log" | diff "$MB/efault.want" - >"$MB/efault.diff" && [ "$rc" -eq 0 ]
check "wild pointers and lengths: EFAULT from the one check, never a fault in the kernel" $? \
	"status $rc: $(head -4 "$MB/efault.diff" | tr '\n' '|')"

run_guest "$MB/trace.log" tests/apps/syscalls -O "$MB/sys" --vmm qemu -k syscall.trace=1 -- trace
grep -q '^write(1, "traced\\n", 7) = 7$' "$MB/trace.log" &&
	grep -q '^write(1, 0x10, 3) = -1 EFAULT (Bad address)$' "$MB/trace.log" &&
	grep -q '^arch_prctl(0x1002, 0x[0-9a-f]*) = 0$' "$MB/trace.log" &&
	grep -q '^getppid(.*) = ' "$MB/trace.log"
check "syscall.trace=1: every call with decoded arguments and its result, as strace prints them" $? \
	"$(grep -m3 -E '^(write|arch_prctl|getppid)' "$MB/trace.log" | tr '\n' '|')"
