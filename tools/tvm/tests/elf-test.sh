#!/bin/bash
# elf-test.sh: tvm refuses bad images, arguments and devices with exit 125 and one clear line.
# Usage: tools/tvm/tests/elf-test.sh TVM [IMAGE]
#   TVM: the tvm binary; IMAGE: a valid tvm image without devices (default:
#   the test guest, built now). Prints ok/FAIL per case; exits 1 on a failure.
set -u
tvm=${1:?usage: elf-test.sh TVM [IMAGE]}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

if [ $# -ge 2 ]; then
	image=$2
else
	image=$("$here/build-guest.sh" "$tmp") || { echo "FAIL build-guest: cannot build the test guest"; exit 1; }
fi
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -I "$root/include" -o "$tmp/elfpatch" "$here/elfpatch.c" ||
	{ echo "FAIL elfpatch: does not build"; exit 1; }

# expect NAME PATTERN ARGS...: tvm ARGS must exit 125 with one stderr line "tvm: ...PATTERN..."
expect() {
	local name=$1 pattern=$2
	shift 2
	timeout 10 "$tvm" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	local rc=$? lines
	lines=$(wc -l < "$tmp/err")
	if [ $rc -ne 125 ]; then
		echo "FAIL $name: exit status $rc, want 125 ($(head -c 200 "$tmp/err"))"
	elif [ "$lines" -ne 1 ]; then
		echo "FAIL $name: $lines lines on stderr, want 1: $(head -c 300 "$tmp/err")"
	elif ! grep -q "^tvm: .*$pattern" "$tmp/err"; then
		echo "FAIL $name: message '$(cat "$tmp/err")' does not match '$pattern'"
	else
		echo "ok $name"
		return
	fi
	fails=$((fails + 1))
}

patched() { # patched MUTATION -> path of the mutated image
	"$tmp/elfpatch" "$image" "$tmp/$1.elf" "$1" || { echo "FAIL $1: elfpatch"; fails=$((fails + 1)); }
	echo "$tmp/$1.elf"
}

size=$(stat -c %s "$image")
expect truncated-0 "empty file" "$(patched truncate:0)"
expect truncated-10 "too short for an ELF header" "$(patched truncate:10)"
expect truncated-100 "program headers lie outside the file" "$(patched truncate:100)"
expect truncated-half "outside the file" "$(patched truncate:$((size / 2)))"
expect truncated-segments "outside the file" "$(patched truncate-segments)"
expect wrong-machine "not an x86-64 image" "$(patched machine)"
expect elf32 "not a 64-bit ELF file" "$(patched class32)"
expect overlapping-segments "overlaps an earlier segment" "$(patched overlap)"
expect segment-outside-memory "outside guest memory" "$(patched outside)"
expect image-larger-than-memory "outside guest memory" -m 1M "$image"
expect wrapping-addresses "wraps around" "$(patched wrap)"
expect wx-segment "both writable and executable" "$(patched wx)"
expect entry-outside-code "entry point 0x10 is not in an executable segment" "$(patched entry)"
expect missing-note "no Tessera note" "$(patched nonote)"
expect wrong-abi "ABI version 99" "$(patched abi)"
expect unknown-flags "unknown image flags 0x2" "$(patched flags:2)"
expect any-block-yet-nblock "takes any number of block devices, yet needs 1" "$(patched anyblock-nblock)"
expect not-elf "not an ELF file" "$here/elf-test.sh"
expect missing-image "No such file or directory" "$tmp/nonexistent.elf"

expect mem-zero "must be positive" -m 0 "$image"
expect mem-negative "invalid memory size" -m -5 "$image"
expect mem-garbage "invalid memory size" -m 12Q "$image"
expect mem-empty "invalid memory size" -m "" "$image"
expect mem-huge "too large" -m 4T "$image"
expect mem-suffix "invalid memory size" -m 4MB "$image"
expect mem-65g "too large" -m 65G "$image"
expect mem-overflow "too large" -m 99999999999999999999 "$image"
expect mem-unaligned "multiple of 4K" -m 4097K "$image"
expect mem-too-small "is too small for" -m 1092K "$image"

: > "$tmp/empty.img"
head -c 100 /dev/zero > "$tmp/odd.img"
head -c 1024 /dev/zero > "$tmp/ok.img"
expect block-missing "nonexistent.img: No such file or directory" --block "$tmp/nonexistent.img" "$image"
expect block-bad-size "size 100 is not a positive multiple of 512" --block "$tmp/odd.img" "$image"
expect block-empty "size 0 is not a positive multiple of 512" --block "$tmp/empty.img,ro" "$image"
expect block-directory "Is a directory" --block "$tmp" "$image"
expect block-directory-ro "not a regular file" --block "$tmp,ro" "$image"
expect block-not-needed "needs 0 block and 0 network devices; 1 and 0 given" --block "$tmp/ok.img" "$image"
# An image with TVM_IMAGE_F_ANY_BLOCK takes two block devices, and none:
# whatever happens next (no KVM here, the guest's own checks there), the
# device count is not refused.
for n in 2 0; do
	timeout 10 "$tvm" $(for i in $(seq $n); do echo --block "$tmp/ok.img"; done) "$(patched flags:1)" >/dev/null 2>"$tmp/err" </dev/null
	if grep -q "devices;" "$tmp/err"; then echo "FAIL any-block-takes-$n: $(head -1 "$tmp/err")"; fails=$((fails + 1))
	else echo "ok any-block-takes-$n"; fi
done
expect tap-missing "tvmnosuchtap0: no such network interface" --net tvmnosuchtap0 "$image"
expect tap-bad-name "not a valid network interface name" --net ../lo "$image"
expect too-many-devices "too many devices" $(for i in 1 2 3 4 5 6 7 8 9; do echo --block "$tmp/ok.img"; done) "$image"

expect no-image "no image given (see tvm --help)"
expect unknown-option "unknown option '--frobnicate' (see tvm --help)" --frobnicate "$image"
expect missing-argument "needs an argument (see tvm --help)" "$image" -m
expect extra-argument "unexpected argument" "$image" extra
# 128 KiB with its NUL is the most a command line may hold, and as much as one
# argument can (Linux's MAX_ARG_STRLEN): it gets past -a, to the next check.
expect cmdline-128k-accepted "needs 0 block and 0 network devices; 1 and 0 given" \
	-a "$(head -c 131071 /dev/zero | tr '\0' x)" --block "$tmp/ok.img" "$image"

if [ $fails -ne 0 ]; then
	echo "elf-test: $fails failed"
	exit 1
fi
