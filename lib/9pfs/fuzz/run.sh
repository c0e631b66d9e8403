#!/bin/bash
# run.sh: build lib/9pfs's fuzzer (the reply checks and the client above them), run it, replay the corpus.
# Usage: lib/9pfs/fuzz/run.sh OUTDIR [SECONDS]   (from anywhere; default 20 s)
# Needs clang (libFuzzer). Exits non-zero on a crash or a failing corpus
# input; crash inputs stay in OUTDIR/crash-*: add them to corpus/ as hex
# (xxd -p) once fixed.
set -u
out=${1:?usage: run.sh OUTDIR [SECONDS]}
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
lib=$(cd "$here/.." && pwd)
root=$(cd "$lib/../.." && pwd)
mkdir -p "$out/seeds" "$out/corpus" "$out/regress"
out=$(cd "$out" && pwd)
status=0
. "$root/support/fuzz/lib.sh"

vfs="mount.c fstype.c vnode.c path.c cwd.c fdtable.c file.c dup.c open.c vnfile.c rw.c dir.c stat.c names.c rename.c time.c tests/host/support.c"
ramfs="ramfs.c node.c dir.c file.c pages.c rootfs.c tests/host/mem_fail.c"
clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -DCONFIG_LIBVFS_MAX_FDS=64 -pthread \
	-I "$lib/tests/host" -I "$lib" -I "$root/lib/vfs/tests/host" -I "$root/support/build" \
	"$here/fuzz_reply.c" "$lib"/msg.c "$lib"/client.c "$lib"/fs.c "$lib"/node.c "$lib"/dir.c "$lib"/file.c \
	$(for f in $vfs; do echo "$root/lib/vfs/$f"; done) $(for f in $ramfs; do echo "$root/lib/ramfs/$f"; done) \
	-o "$out/fuzz_reply" || { echo "FAIL build fuzz_reply"; exit 1; }

fuzz_load_corpus "$here/corpus" "$out/regress" "$out/seeds"
fuzz_run reply "$secs" "corpus seeds"
fuzz_replay reply "$out/regress" ""
exit $status
