# tests/groups/mounts.sh: mounts made at boot from vfs.mount= kernel options and the Tessfile's mount = lines.
group "mounts at boot (vfs.mount=, Tessfile mount =)"
MB=$OUT/mounts
mkdir -p "$MB"
run_guest "$MB/ok.log" tests/apps/mounts -O "$MB/b" --vmm qemu -k vfs.mount=none:/ro/deep:ramfs:ro \
	-- /data/cache /ro/deep /data
[ $rc -eq 0 ] && grep -qx '/data/cache: mount, rw' "$MB/ok.log" && grep -qx '/ro/deep: mount, ro' "$MB/ok.log" &&
	grep -qx '/data: same, rw' "$MB/ok.log"
check "Tessfile mount = and -k vfs.mount=...:ro mount in order, creating the folders" $? \
	"status $rc: $(grep -v KVM "$MB/ok.log" | tail -3 | tr '\n' '|')"
# mounts_bad NAME OPTION MESSAGE: one line naming the option, crash status, main never runs
mounts_bad() {
	run_guest "$MB/bad.log" tests/apps/mounts -O "$MB/b" --vmm qemu -k "vfs.mount=$2" -- /data
	[ $rc -eq 127 ] && grep -q "^vfs.mount=$2: $3" "$MB/bad.log" && ! grep -q '^/data:' "$MB/bad.log"
	check "$1" $? "status $rc: $(grep -v KVM "$MB/bad.log" | head -2 | tr '\n' '|')"
}
mounts_bad "vfs.mount= with an unknown filesystem type: one line, status 127" x:/y:nosuchfs "no such filesystem type"
mounts_bad "vfs.mount= without a type: one line, status 127" x:/y "expected SOURCE:DIR:TYPE"
mounts_bad "vfs.mount= with a relative folder: one line, status 127" x:y:ramfs "expected SOURCE:DIR:TYPE"
mounts_bad "vfs.mount= with a bad option: one line, status 127" x:/y:ramfs:rx "the option after TYPE must be ro or rw"
# The Tessfile's mount = line is checked when building.
TA=$MB/badapp; rm -rf "$TA"; mkdir -p "$TA"; cp tests/apps/mounts/main.c "$TA/"
printf 'name = badmount\noption = LIBRAMFS=y\nmount = /dev/vda data ext2\n' >"$TA/Tessfile"
"$TESS" build "$TA" -O "$MB/badb" >"$MB/badapp.log" 2>&1
r=$?; [ $r -ne 0 ] && grep -q 'mount: "/dev/vda data ext2" must look like SOURCE:/DIR:TYPE' "$MB/badapp.log"
check "a malformed Tessfile mount = line fails the build in one line" $? "status $r: $(tail -2 "$MB/badapp.log" | tr '\n' '|')"
