#!/bin/bash
# run.sh: build tess's fuzzers (the JSON/manifest/config readers, the HTTP response readers), run each for a while, then replay the regression corpus.
# Usage: tools/tess/fuzz/run.sh OUTDIR [SECONDS]   (SECONDS per fuzzer, default 20)
# Needs clang (libFuzzer). Exits non-zero if a fuzzer finds a crash or a
# corpus input fails. Crash inputs are left in OUTDIR/crash-*; add them to
# corpus/{json,http}/ as hex (xxd -p) once the bug is fixed.
set -u
out=${1:?usage: run.sh OUTDIR [SECONDS]}
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
tess=$(cd "$here/.." && pwd)
root=$(cd "$tess/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
status=0
. "$root/support/fuzz/lib.sh"

build() { # build NAME SOURCES...
	local name=$1
	shift
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I "$root/tools/common" \
		"$here/fuzz_$name.c" "$@" -o "$out/fuzz_$name" || { echo "FAIL build fuzz_$name"; exit 1; }
}

build json "$tess/json.c" "$tess/jsonw.c" "$tess/ocidoc.c" "$tess/errbuf.c" "$tess/sha256.c"
build http "$tess/httpparse.c"

for f in json http; do
	mkdir -p "$out/seeds/$f" "$out/corpus/$f" "$out/regress/$f"
	fuzz_load_corpus "$here/corpus/$f" "$out/regress/$f" "$out/seeds/$f"
	fuzz_run "$f" "$secs" "corpus/$f seeds/$f" -max_len=4096
	fuzz_replay "$f" "$out/regress/$f" "$f/"
done
exit $status
