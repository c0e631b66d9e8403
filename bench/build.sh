#!/usr/bin/env bash
# build.sh: clean build and no-op rebuild of helloworld.
set -u
. "$(dirname "$0")/lib.sh"
n=${BUILD_RUNS:-3}
header "Build times, helloworld on $(nproc) cores (median of $n, seconds)"
clean=$(for i in $(seq "$n"); do
	rm -rf "$OUT/build-bench"
	progress "clean build $i/$n"
	t0=$(now_ns); "$TESS" build "$ROOT/apps/helloworld" -O "$OUT/build-bench" >/dev/null || exit 1; t1=$(now_ns)
	echo "($t1 - $t0) / 1000000000" | bc -l
done | median)
noop=$(for i in $(seq "$n"); do
	t0=$(now_ns); "$TESS" build "$ROOT/apps/helloworld" -O "$OUT/build-bench" >/dev/null; t1=$(now_ns)
	echo "($t1 - $t0) / 1000000000" | bc -l
done | median)
judge "clean build" "$(printf %.2f "$clean")" s "<= 10"
judge "no-op rebuild" "$(printf %.3f "$noop")" s "<= 1"
