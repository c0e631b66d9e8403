# tests/groups/posix-files.sh: the file and process system calls under musl
# (lib/posix-files, lib/posix-process) against Linux: tests/apps/posix-files
# built for the host (glibc) and for Tessera (musl) prints the same lines on
# ramfs, ext2 and 9P; the Tessera-only lines (pid 1, uname, one CPU, the
# console's ioctls, mount, fork refused with a log line) match a fixed list;
# tests/apps/posixfs built against musl prints what its glibc build prints.
group "POSIX files and process under musl (posix-files, posixfs-musl)"
PX=$OUT/posix-files
rm -rf "$PX"/hostdir "$PX"/voldir "$PX"/*.log "$PX"/*.diff "$PX"/*.out; mkdir -p "$PX/hostdir"
PAPP=tests/apps/posix-files

# host_run OUTFILE PROGRAM ARGS...: Tessera's limits (1024 descriptors, an
# 8 MiB stack), the usual umask, no input.
host_run() {
	local out=$1; shift
	(ulimit -n 1024 && ulimit -s 8192 && umask 022 && exec "$@" >"$out" 2>&1 </dev/null)
}
# Lines that hold only for root ("root ...") are compared only when the
# host run is root's too.
if [ "$(id -u)" = 0 ]; then not_root() { cat; }; else not_root() { grep -v '^root '; }; fi

gcc -O1 -Wall -Wextra -Werror -o "$PX/host" "$PAPP/main.c" >"$PX/host-cc.log" 2>&1 &&
	host_run "$PX/host.raw" "$PX/host" "$PX/hostdir"
r=$?; not_root <"$PX/host.raw" >"$PX/host.out"; n=$(grep -c ': ' "$PX/host.out")
[ $r -eq 0 ] && [ "$n" -ge 350 ]
check "posix-files host build (glibc): $n check lines" $? "status $r: $(cat "$PX/host-cc.log" "$PX/host.raw" | tail -2 | tr '\n' '|')"

"$TESS" build "$PAPP" -O "$PX/b" >"$PX/build.log" 2>&1
check "posix-files builds for Tessera (musl)" $? "$(grep -m2 -iE 'error|undefined' "$PX/build.log" | tr '\n' '|')"

# The guest's lines for the comparison: without tess's own lines, the
# Tessera-only "guest ..." checks, and the log lines of lib/syscall (calls
# other libraries do not implement yet) and of fork & co.
common_lines() {
	grep -v -e '^tess: ' -e '^guest ' -e '^warning: syscall: .* is not implemented: ENOSYS$' \
		-e '^warning: posix-process: ' "$1" | not_root
}

# px_case NAME DIR [TESS-ARGS...]: run in guest folder DIR, compare with the
# host; lines matching $PX_SKIP (a grep pattern, if set) are left out of both.
# Sets PX_LOG to the guest's log.
px_case() {
	local name=$1 dir=$2 log skip=${PX_SKIP:-^no line is left out$}
	shift 2
	log=$PX/guest-$(echo "$name" | tr -c 'A-Za-z0-9' _)
	PX_LOG=$log.log
	run_guest "$log.log" "$PAPP" -O "$PX/b" --vmm qemu --machine microvm "$@" -- "$dir" guest
	common_lines "$log.log" | grep -v -e "$skip" >"$log.out"
	grep -v -e "$skip" "$PX/host.out" | diff - "$log.out" >"$log.diff"
	local d=$? m
	m=$(grep -v -c -e "$skip" "$PX/host.out")
	[ $rc -eq 0 ] && [ $d -eq 0 ]
	check "posix-files $name: output identical to glibc's ($m lines)" $? \
		"status $rc, $(grep -c '^[<>]' "$log.diff") lines differ: $(grep '^[<>]' "$log.diff" | head -4 | tr '\n' '|')"
}
# console.tty=in,out: descriptors 0-2 are terminals, for the console ioctls
# of the Tessera-only lines (run_guest's output is a file: they would not be).
px_case "in / (ramfs root)" / -k hostname=pf-guest -k console.tty=in,out
RAMLOG=$PX_LOG
mkdir -p "$PX/voldir"
# 9P has no RENAME_EXCHANGE (Linux's v9fs says EINVAL too), so the swap and
# the two reads that show it are left out there.
PX_SKIP='^renameat2 RENAME_EXCHANGE: \|^  x now: \|^read through symlinkat' \
	px_case "on a 9P volume (-v), without RENAME_EXCHANGE" /vol -v "$PX/voldir:/vol"
if command -v mkfs.ext2 >/dev/null; then
	rm -f "$PX/ext2.img"; mkfs.ext2 -q -F "$PX/ext2.img" 16M >/dev/null 2>&1
	px_case "on ext2 (mkfs.ext2)" /data --disk "$PX/ext2.img" -k vfs.mount=/dev/vda:/data:ext2
	e2fsck -fn "$PX/ext2.img" >"$PX/ext2-fsck.log" 2>&1
	check "posix-files on ext2: e2fsck -fn finds the disk clean afterwards" $? \
		"$(grep -v '^Pass\|^e2fsck' "$PX/ext2-fsck.log" | head -3 | tr '\n' '|')"
else
	skip "posix-files on ext2" "mkfs.ext2 not installed (Debian package e2fsprogs)"
fi

# ---- what only Tessera does --------------------------------------------------
cat >"$PX/guest.want" <<'EOF'
guest getpid: 1
guest getppid: 0
guest getpgrp: 1
guest getsid(0): 1
guest setsid: 1
guest setpgid(0, 0): 0
guest getgroups: 0
guest setgroups 0: 0
guest setuid 1000: -1 EPERM
guest setresgid 0 5 0: -1 EPERM
guest chown to 1234: -1 EPERM
guest release: "6.1.0-tessera"
guest nodename: "pf-guest"
guest domainname: "(none)"
guest sethostname: 0
guest nodename now: "web-1"
guest sethostname of 65 bytes: -1 EINVAL
guest raw sched_getaffinity: 8
guest CPU mask: 1
guest sched_setaffinity to CPU 1 only: -1 EINVAL
guest sysinfo procs: 1
guest statfs /: 0
guest   f_type 0x858458f6
guest fstatfs stdout: 0
guest   f_type 0x1cd1
guest isatty(1): 1
guest TCGETS on stdout: 0
guest TIOCGWINSZ on stdout: 0
guest   80x24
guest tcdrain(1): 0
guest tcflush(0, TCIFLUSH): 0
guest TIOCGPGRP on stdout: 0
guest   its value: 1
guest TCGETS into a wild pointer: -1 EFAULT
guest TIOCSWINSZ: 0
guest mkdir mnt: 0
guest mount ramfs: 0
guest   read back: "on the new mount"
guest umount2 while a file is open: -1 EBUSY
guest umount2 MNT_DETACH: 0
guest   the file is gone: -1 ENOENT
guest mount an unknown type: -1 ENODEV
guest mount MS_BIND: -1 EINVAL
guest mount wild type: -1 EFAULT
guest umount2 not a mount point: -1 EINVAL
guest fork: -1 ENOSYS
guest vfork: -1 ENOSYS
guest execve: -1 ENOSYS
guest wait4: -1 ENOSYS
guest waitid: -1 ENOSYS
guest fork again (logged again): -1 ENOSYS
guest checks: 48
EOF
grep '^guest ' "$RAMLOG" | diff "$PX/guest.want" - >"$PX/guest.diff"
r=$? # before the check's arguments run commands of their own
check "Tessera only: pid 1, root, uname (hostname=), one CPU, statfs types, console ioctls, mount/umount2, fork & co ENOSYS ($(wc -l <"$PX/guest.want") lines)" \
	$r "$(grep '^[<>]' "$PX/guest.diff" | head -4 | tr '\n' '|')"

msg='warning: posix-process: posix-files called fork(): a unikernel runs one program; fork is not supported (ENOSYS)'
[ "$(grep -c '^warning: posix-process: posix-files called ' "$RAMLOG")" -eq 6 ] &&
	[ "$(grep -cxF "$msg" "$RAMLOG")" -eq 2 ] &&
	grep -q '^warning: posix-process: posix-files called execve(): a unikernel runs one program; no other program can be started (ENOSYS)$' "$RAMLOG"
check "fork, vfork, execve, wait4, waitid: one log line per call naming the program and the call" $? \
	"$(grep 'posix-process' "$RAMLOG" | head -3 | tr '\n' '|')"

run_guest "$PX/trace.log" "$PAPP" -O "$PX/b" --vmm qemu -k syscall.trace=1 -- / guest
grep -q '^statx(AT_FDCWD, "s", 0, 0x7ff, 0x[0-9a-f]*) = 0$' "$PX/trace.log" &&
	grep -q '^open("a", 0x8042, 0666) = [0-9]*$' "$PX/trace.log" &&
	grep -q '^getdents64(3, 0x[0-9a-f]*, 10) = -1 EINVAL (Invalid argument)$' "$PX/trace.log"
check "syscall.trace=1 names the calls of lib/posix-files with their arguments" $? \
	"$(grep -m2 'statx\|missing' "$PX/trace.log" | tr '\n' '|')"

# ---- tests/apps/posixfs, written for nolibc, built against musl --------------
PM=$PX/posixfs-musl
mkdir -p "$PM/hostdir"; rm -rf "$PM"/hostdir/*
gcc -O1 -Wall -Wextra -o "$PM/host" tests/apps/posixfs/posixfs.c >"$PM/host-cc.log" 2>&1 &&
	(ulimit -n 1024 && umask 022 && exec "$PM/host" "$PM/hostdir" >"$PM/host.raw" 2>&1 </dev/null)
r=$?
# Two lines differ by the C library, not the system calls: musl's fputc on a
# read-only stream fails without setting errno, and musl's ftell of a fresh
# "a" stream is the file position (0), where glibc reports the end.
musl_lines() { grep -v -e '^fputc on r stream: ' -e '^fopen a: ftell: ' -e '^tess: ' \
	-e '^warning: syscall: .* is not implemented: ENOSYS$' "$1"; }
musl_lines "$PM/host.raw" >"$PM/host.out"
"$TESS" build tests/apps/posixfs-musl -O "$PM/b" >"$PM/build.log" 2>&1
check "posixfs builds against musl (tests/apps/posixfs-musl)" $? "$(grep -m2 -iE 'error|undefined' "$PM/build.log" | tr '\n' '|')"
pm_case() {
	local name=$1 dir=$2 log
	shift 2
	log=$PM/guest-$(echo "$name" | tr -c 'A-Za-z0-9' _)
	run_guest "$log.log" tests/apps/posixfs-musl -O "$PM/b" --vmm qemu --machine microvm "$@" -- "$dir"
	musl_lines "$log.log" >"$log.out"
	diff "$PM/host.out" "$log.out" >"$log.diff"
	local d=$?
	[ $r -eq 0 ] && [ $rc -eq 0 ] && [ $d -eq 0 ]
	local ok=$?
	check "posixfs with musl $name: output identical to glibc's ($(wc -l <"$PM/host.out") lines, 2 libc lines left out)" $ok \
		"status $r/$rc, $(grep -c '^[<>]' "$log.diff") lines differ: $(grep '^[<>]' "$log.diff" | head -4 | tr '\n' '|')"
}
pm_case "in / (ramfs root)" /
if command -v mkfs.ext2 >/dev/null; then
	rm -f "$PM/ext2.img"; mkfs.ext2 -q -F "$PM/ext2.img" 16M >/dev/null 2>&1
	pm_case "on ext2" /data --disk "$PM/ext2.img" -k vfs.mount=/dev/vda:/data:ext2
fi
