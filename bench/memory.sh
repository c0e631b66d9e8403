#!/usr/bin/env bash
# memory.sh: the smallest -m at which helloworld still boots and exits 0.
set -u
. "$(dirname "$0")/lib.sh"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" >/dev/null || exit 1
header "Smallest memory for helloworld (-M microvm)"
boots() { "$TESS" run "$ROOT/apps/helloworld" -O "$OUT/hello" -m "${1}K" --timeout 30 >/dev/null 2>&1 </dev/null; }
# bisect in 64 KiB steps between a size that fails and one that works
lo=512 hi=4096
boots $hi || { row "helloworld does not boot even with" "$hi" KiB "" ""; exit 1; }
while [ $((hi - lo)) -gt 64 ]; do
	mid=$(( (lo + hi) / 2 / 64 * 64 ))
	progress "trying ${mid} KiB"
	if boots $mid; then hi=$mid; else lo=$mid; fi
done
judge "smallest -m that boots helloworld" "$hi" KiB "<= 2048"
