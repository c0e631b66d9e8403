#!/usr/bin/env bash
# posix.sh: the Linux ABI's cost. (1) a system call round trip: getppid
# through musl's syscall() in a Tessera guest against the same program as a
# Linux process, with a plain function call as the floor; (2) pthread
# create+join and a two-thread mutex+condition ping-pong against Linux.
# The program times itself (clock_gettime); figures are medians of
# POSIX_RUNS runs (default 5). The guest runs on tvm where KVM is usable,
# else on QEMU with TCG, whose figures measure the emulator: no verdicts then.
set -u
. "$(dirname "$0")/lib.sh"
APP=$ROOT/bench/apps/posix-bench
n=${POSIX_RUNS:-5}
iters=${POSIX_ITERS:-100000}
vmm=qemu
[ -r /dev/kvm ] && [ -w /dev/kvm ] && vmm=tvm
gcc -O2 -Wall -Wextra -Werror -pthread -o "$OUT/posix-bench-linux" "$APP/posix-bench.c" || exit 1
progress "building posix-bench for $vmm"
"$TESS" build "$APP" -O "$OUT/posix-bench-$vmm" --vmm $vmm >/dev/null || exit 1
: >"$OUT/posix.guest"; : >"$OUT/posix.linux"
for i in $(seq "$n"); do
	progress "run $i/$n"
	"$TESS" run "$APP" -O "$OUT/posix-bench-$vmm" --vmm $vmm -- "$iters" 2>/dev/null |
		grep -E '^[a-z_]+ (-?[0-9.]+|nan)$' >>"$OUT/posix.guest"
	"$OUT/posix-bench-linux" "$iters" >>"$OUT/posix.linux" || exit 1
done
# field FILE KEY: the median over the runs (nan when a run had none)
field() { awk -v k="$2" '$1 == k { print $2 }' "$1" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "nan"; else printf "%.1f", a / b }'; }

if grep -q '^getppid_result -1' "$OUT/posix.guest"; then
	note="(getppid fails in the guest: the ENOSYS path is timed)"
else
	note=""
fi
grep -q '^call_ns nan' "$OUT/posix.guest" && note="$note (the guest's clock_gettime fails: no figures)"
header "System call round trip: getppid via syscall() (median of $n runs, $iters calls each) $note"
g=$(field "$OUT/posix.guest" syscall_ns) l=$(field "$OUT/posix.linux" syscall_ns)
row "plain function call (floor): Tessera ($vmm)" "$(field "$OUT/posix.guest" call_ns)" ns "" ""
row "plain function call (floor): Linux" "$(field "$OUT/posix.linux" call_ns)" ns "" "reference"
row "Linux process" "$l" ns "" "reference"
x=$(ratio "$l" "$g")
if [ $vmm = tvm ]; then
	judge "Tessera ($vmm)" "$g" ns "<= 20"
	judge "Tessera faster by" "$x" x ">= 10"
else
	row "Tessera ($vmm)" "$g" ns "(<= 20 on KVM)" "TCG: no verdict"
	row "Tessera faster by" "$x" x "(>= 10 on KVM)" "TCG: no verdict"
fi

header "Threads (median of $n runs; $((iters / 10)) each)"
for k in create_join_ns mutex_pingpong_ns; do
	g=$(field "$OUT/posix.guest" $k) l=$(field "$OUT/posix.linux" $k)
	row "$k: Tessera ($vmm)" "$g" ns "" "$([ $vmm = tvm ] || echo 'TCG: no verdict')"
	row "$k: Linux threads" "$l" ns "" "reference"
	row "$k: Tessera faster by" "$(ratio "$l" "$g")" x "" ""
done
