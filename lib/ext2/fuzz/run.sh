#!/bin/bash
# run.sh: build the ext2 fuzzer (mount + walk + changes of a disk image through the VFS), run it for a while, then replay the regression corpus.
# Usage: lib/ext2/fuzz/run.sh OUTDIR [SECONDS]   (SECONDS default 20)
# Needs clang (libFuzzer); seed images come from the host's mkfs.ext2.
# Crash inputs are left in OUTDIR/crash-* (timeouts in timeout-*); add them
# to corpus/ as hex (xxd -p, or xxd -a for big mostly-zero images: NAME.xxd)
# once the bug is fixed.
set -u
out=${1:?usage: run.sh OUTDIR [SECONDS]}
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
status=0
. "$root/support/fuzz/lib.sh"

ext2="ext2.c super.c check.c cache.c alloc.c inode.c bmap.c dir.c symlink.c file.c vnops.c"
vfs="mount.c fstype.c vnode.c path.c cwd.c fdtable.c file.c dup.c open.c vnfile.c rw.c dir.c stat.c names.c rename.c time.c"
ramfs="ramfs.c node.c dir.c file.c pages.c rootfs.c tests/host/mem_fail.c"
srcs="$here/fuzz_ext2.c $root/lib/vfs/tests/host/support.c"
for f in $ext2; do srcs="$srcs $root/lib/ext2/$f"; done
for f in $vfs; do srcs="$srcs $root/lib/vfs/$f"; done
for f in $ramfs; do srcs="$srcs $root/lib/ramfs/$f"; done
# (each library's sources are compiled apart: lib/vfs/dir.c and lib/ramfs/dir.c share a name)
# (objects newer than every source and header are kept from the last run)
mkdir -p "$out/obj"
newest=$(ls -t "$here"/*.c "$root"/lib/ext2/*.h "$root"/lib/ext2/tests/host/ts/*.h "$root"/lib/vfs/*.h \
	"$root"/lib/vfs/include/ts/*.h "$root"/lib/ramfs/*.h "$root"/lib/blk/include/ts/*.h "$0" | head -1)
objs=
i=0
for s in $srcs; do
	i=$((i + 1))
	objs="$objs $out/obj/$i.o"
	[ "$out/obj/$i.o" -nt "$s" ] && [ "$out/obj/$i.o" -nt "$newest" ] && continue
	clang -g -O1 -fsanitize=fuzzer-no-link,address,undefined -D_GNU_SOURCE \
		-DCONFIG_LIBVFS_MAX_FDS=64 -DCONFIG_LIBEXT2_CACHE_KB=16 \
		-I "$root/lib/ext2/tests/host" -I "$root/lib/vfs/tests/host" -I "$root/lib/ext2" -c "$s" -o "$out/obj/$i.o" ||
		{ echo "FAIL build fuzz_ext2 ($s)"; exit 1; }
done
clang -fsanitize=fuzzer,address,undefined $objs -pthread -o "$out/fuzz_ext2" ||
	{ echo "FAIL link fuzz_ext2"; exit 1; }

rm -rf "$out/seeds" "$out/regress"
mkdir -p "$out/seeds" "$out/corpus" "$out/regress"
# corpus/*.xxd: images in `xxd -a` form (lines of zeros left out), made by
# patching a small mkfs.ext2 image where each check must hold; *.hex: plain
# hex (xxd -p) of inputs the fuzzer found.
fuzz_load_corpus "$here/corpus" "$out/regress" "$out/seeds"
# Small real images: 1 KiB blocks with 128- and 256-byte inodes, 4 KiB
# blocks, each holding a tree (indirect blocks, links, a slow link).
if command -v mkfs.ext2 >/dev/null; then
	t=$out/tree
	rm -rf "$t"; mkdir -p "$t/d/e"
	printf 'hello\n' >"$t/d/f"; ln -s d/f "$t/fast"; ln "$t/d/f" "$t/hard"
	ln -s "$(printf './%.0s' $(seq 40))d/f" "$t/slow"; head -c 14000 /dev/zero | tr '\0' x >"$t/d/e/ind"
	for spec in "1024 64K -I 128" "1024 64K -I 256" "4096 256K -I 256"; do
		set -- $spec
		f=$out/seeds/img-$1-$4
		rm -f "$f"; truncate -s "$2" "$f"
		mkfs.ext2 -q -F -b "$1" -N 32 -I "$4" -O ^resize_inode -d "$t" "$f" >/dev/null 2>&1 || rm -f "$f"
	done
fi

fuzz_run ext2 "$secs" "corpus seeds" -max_len=262144 -timeout=20 -rss_limit_mb=2048
fuzz_replay ext2 "$out/regress" "" -timeout=20
exit $status
