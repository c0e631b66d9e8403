# tests/groups/procfs.sh: /proc (lib/procfs) and the default /etc files (lib/etcfiles) as a Linux program sees them, against Linux's own.
group "procfs: /proc and /etc"
PB=$OUT/procfs
mkdir -p "$PB"; rm -f "$PB"/*.log "$PB"/*.diff
PAPP=tests/apps/procfs

# The host binary is called procfs too: /proc/self/exe names it.
mkdir -p "$PB/host"
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -o "$PB/host/procfs" "$PAPP/main.c" >"$PB/host-build.log" 2>&1 &&
	(cd / && "$PB/host/procfs" hello) >"$PB/host.out" 2>&1
r=$?; check "the /proc test program builds and runs on Linux" $r "$(head -3 "$PB/host-build.log" "$PB/host.out" | tr '\n' '|')"

"$TESS" build "$PAPP" -O "$PB/b" >"$PB/build.log" 2>&1 # its progress stays out of the guest's output
run_guest "$PB/guest.log" "$PAPP" -O "$PB/b" --vmm qemu -- hello
grep -v -E '^(tess|warning): ' "$PB/guest.log" >"$PB/guest.out"
[ "$rc" -eq 0 ] && diff "$PB/host.out" "$PB/guest.out" >"$PB/out.diff"
r=$?; check "/proc/self, exe, cwd, fd/, maps, cmdline, status, cpuinfo, meminfo and /etc: $(wc -l <"$PB/host.out") properties as on Linux" \
	$r "status $rc: $(head -6 "$PB/out.diff" 2>/dev/null | tr '\n' '|')"

# An app's own /etc file wins over the default.
mkdir -p "$PB/root/etc"
printf '10.1.2.3\tmyhost\n' >"$PB/root/etc/hosts"
run_guest "$PB/hosts.log" "$PAPP" -O "$PB/b" --vmm qemu --initrd "$PB/root" -- hosts
grep -qx "/etc/hosts: 10.1.2.3	myhost" "$PB/hosts.log"
check "an /etc/hosts in the initrd is kept, not replaced by the default" $? "status $rc: $(grep -m1 '/etc/hosts' "$PB/hosts.log")"
