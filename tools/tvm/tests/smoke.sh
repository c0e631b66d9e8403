#!/bin/bash
# smoke.sh: boot tvm's test guest and check what a user sees: output, exit status, crashes, confinement.
# Usage: tools/tvm/tests/smoke.sh TVM     (the network case needs root, unshare and ip; else skipped)
# Prints ok/FAIL/skip per case; exits 1 on a failure.
set -u
tvm=$(realpath "${1:?usage: smoke.sh TVM}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

"$here/build-guest.sh" "$tmp" > /dev/null || { echo "FAIL build-guest: cannot build the test guest"; exit 1; }

fail() {
	echo "FAIL $1: $2"
	fails=$((fails + 1))
}

# run ARGS...: tvm ARGS with output in $tmp/out, $tmp/err, status in $rc
run() {
	timeout 20 "$tvm" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	rc=$?
}

# guest_checks NAME ARGS...: a guest mode that prints ok/FAIL lines and exits 0 when all pass
guest_checks() {
	local name=$1
	shift
	run "$@"
	if [ $rc -ne 0 ] || grep -q FAIL "$tmp/out" || ! grep -q "^ok " "$tmp/out"; then
		fail "$name" "status $rc; $(grep -v '^ok' "$tmp/out" | head -5 | tr '\n' ' ') $(head -3 "$tmp/err")"
	else
		echo "ok $name ($(grep -c '^ok' "$tmp/out") guest checks)"
	fi
}

run -a hello "$tmp/guest0.elf"
if [ $rc -ne 3 ] || [ "$(cat "$tmp/out")" != hi ] || [ -s "$tmp/err" ]; then
	fail hello "status $rc, output '$(cat "$tmp/out")', stderr '$(head -c 200 "$tmp/err")'"
else
	echo "ok hello"
fi

run -a ud2 "$tmp/guest0.elf"
# Intel keeps the registers of a triple fault; KVM on AMD resets the vCPU,
# and tvm says that instead of printing reset values.
if [ $rc -ne 127 ] || ! grep -q "^tvm: guest crashed: triple fault" "$tmp/err" ||
	{ ! grep -q "^tvm: the registers are lost: the CPU reset them" "$tmp/err" &&
		{ ! grep -q "^tvm: rip .* rsp .* rflags" "$tmp/err" || ! grep -q "cr2 .* cr3 0*1000 cs 0008" "$tmp/err"; }; }; then
	fail triple-fault "status $rc, stderr '$(head -c 300 "$tmp/err")'"
else
	echo "ok triple-fault"
fi

run -a badhc "$tmp/guest0.elf"
if [ $rc -ne 127 ] || ! grep -q "^tvm: guest crashed: hypercall block at 0xfffffff80" "$tmp/err" ||
	! grep -q "cs 002b ss 0023 (CPL 3)" "$tmp/err"; then
	fail bad-hypercall-block "status $rc, stderr '$(head -c 300 "$tmp/err")'"
else
	echo "ok bad-hypercall-block"
fi

guest_checks hypercalls -a checks "$tmp/guest0.elf"

run -m 8M -a "foo  bar=1 -- x" "$tmp/guest0.elf"
if [ $rc -ne 0 ] || ! grep -q "^mem_size=8388608 free_start=[0-9]* tsc_hz=[1-9][0-9]* cmdline=\[foo  bar=1 -- x\]$" "$tmp/out"; then
	fail bootinfo "status $rc, output '$(cat "$tmp/out")'"
else
	echo "ok bootinfo"
fi

run -m 3G "$tmp/guest0.elf"
[ $rc -eq 0 ] && grep -q "^mem_size=3221225472 " "$tmp/out" && echo "ok mem-3g" || fail mem-3g "status $rc, '$(cat "$tmp/out" "$tmp/err")'"

mkdisk() { # sector 0 starts with T and ends with Z, sector 1 starts with S; 16 sectors
	{ printf T; head -c 510 /dev/zero; printf Z; printf S; head -c 7679 /dev/zero; } > "$tmp/disk.img"
}
mkdisk
guest_checks block -a blk --block "$tmp/disk.img" "$tmp/guest1.elf"
if [ "$(head -c 538 "$tmp/disk.img" | tail -c 26)" != abcdefghijklmnopqrstuvwxyz ]; then
	fail block-written "sector 1 of the disk file does not hold what the guest wrote"
else
	echo "ok block-written"
fi
mkdisk
chmod 444 "$tmp/disk.img"
guest_checks block-readonly -a blkro --block "$tmp/disk.img,ro" "$tmp/guest1.elf"
[ "$(head -c 513 "$tmp/disk.img" | tail -c 1)" = S ] && echo "ok block-readonly-unchanged" ||
	fail block-readonly-unchanged "the read-only disk file was written"

# The real filter, then socket(): the kernel must kill tvm with SIGSYS (128 + 31).
# (stderr of the block hides the shell's "Bad system call" notice)
{ run --seccomp-selftest -a hello "$tmp/guest0.elf"; } 2> /dev/null
[ $rc -eq 159 ] && echo "ok seccomp-selftest" || fail seccomp-selftest "status $rc, want 159 (SIGSYS); $(head -c 200 "$tmp/err")"
{ run --seccomp-selftest; } 2> /dev/null
[ $rc -eq 159 ] && echo "ok seccomp-selftest-no-image" || fail seccomp-selftest-no-image "status $rc, want 159"

# MAC rule (docs/tvm.md): 52:54:00 + low 24 bits of FNV-1a-32(name bytes, then the index byte)
mac_of() {
	local name=$1 index=$2 h=2166136261 i c
	for ((i = 0; i < ${#name}; i++)); do
		printf -v c '%d' "'${name:i:1}"
		h=$(((h ^ c) * 16777619 & 0xffffffff))
	done
	h=$(((h ^ index) * 16777619 & 0xffffffff))
	printf '52:54:00:%02x:%02x:%02x' $((h >> 16 & 255)) $((h >> 8 & 255)) $((h & 255))
}

# Network: a TAP in a private network namespace (nothing on the host changes).
if [ "$(id -u)" = 0 ] && command -v unshare > /dev/null && command -v ip > /dev/null; then
	cat > "$tmp/net.sh" <<NET
set -e
mount -t sysfs sysfs /sys
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
ip tuntap add tvmt0 mode tap
ip addr add 10.99.0.1/24 dev tvmt0
ip link set tvmt0 up
exec "$tvm" --net tvmt0 -a net "$tmp/guest2.elf"
NET
	timeout 20 unshare -nm bash "$tmp/net.sh" > "$tmp/out" 2> "$tmp/err" < /dev/null
	rc=$?
	if [ $rc -ne 0 ] || grep -q FAIL "$tmp/out"; then
		fail network "status $rc; $(grep -v '^ok' "$tmp/out" | head -5 | tr '\n' ' ') $(head -3 "$tmp/err")"
	else
		echo "ok network ($(grep -c '^ok' "$tmp/out") guest checks)"
	fi
	want=$(mac_of tvmt0 0)
	grep -q "^mac $want$" "$tmp/out" && echo "ok mac-rule" || fail mac-rule "guest saw '$(grep ^mac "$tmp/out")', want $want"
else
	echo "skip network: needs root, unshare and ip"
fi

if [ $fails -ne 0 ]; then
	echo "smoke: $fails failed"
	exit 1
fi
