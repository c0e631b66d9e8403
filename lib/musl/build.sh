#!/usr/bin/env bash
# build.sh: build musl's libc.a and headers once per machine and configuration, from Debian's musl source package with Tessera's patches.
#
# Usage: lib/musl/build.sh
#   Prints the install folder (include/, lib/libc.a) on stdout; progress and
#   errors go to stderr, errors as one line "musl: ...".
#
# Why it works this way:
# - musl is third-party code: support/fetch/debsrc.sh fetches the pinned,
#   checksum-verified source; nothing of it enters the tree.
# - Our patches (lib/musl/patches/*.patch, applied in name order with no
#   fuzz) turn every system call into a plain call of __tessera_syscall and
#   hand thread creation to lib/posix-thread; 0002 makes epoll_create
#   refuse a size below 1 as Linux and glibc do. A patch that no longer
#   applies stops the build.
# - The result is cached under $TESSERA_CACHE/build/, keyed by the source
#   version, the patches, this script and the compiler, so every app and
#   build folder on the machine shares one build, and a change of any of
#   them builds anew. A build is used only once complete (marker file);
#   a lock keeps two builds from racing.
set -euo pipefail

die() { echo "musl: $*" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}
cc=${CC:-gcc}

src=$("$root/support/fetch/debsrc.sh" musl) || die "cannot get the musl source package (see the debsrc error above)"
cflags="-O2 -g -fno-pie -fno-pic -fno-omit-frame-pointer -fno-stack-protector -fcf-protection=none"
key=$( { echo "$src $cflags"; "$cc" --version | head -1; cat "$here"/patches/*.patch "$0"; } | sha256sum | cut -c1-16)
out=$cache/build/musl-$(basename "$src" | sed 's/^musl-//')-$key
if [ -f "$out/.tessera-built" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache/build"
exec 9>"$cache/build/musl.lock"
flock 9
if [ -f "$out/.tessera-built" ]; then # built by the holder of the lock
	echo "$out"
	exit 0
fi

work=$(mktemp -d "$cache/build/musl-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "  BUILD   musl from $(basename "$src") (once per machine and configuration; about a minute)" >&2
cp -a "$src/." "$work/src"
for p in "$here"/patches/*.patch; do
	patch -d "$work/src" -p1 --fuzz=0 --quiet --no-backup-if-mismatch <"$p" >"$work/patch.log" 2>&1 ||
		die "patch $(basename "$p") does not apply to $(basename "$src"): $(head -1 "$work/patch.log")"
done
rm -rf "$out.tmp"
(
	cd "$work/src"
	CC="$cc" CFLAGS="$cflags" ./configure --prefix="$out.tmp" --disable-shared --enable-debug >"$work/build.log" 2>&1 &&
	make -j"$(nproc)" lib/libc.a >>"$work/build.log" 2>&1 &&
	make install-headers >>"$work/build.log" 2>&1 &&
	mkdir -p "$out.tmp/lib" && cp lib/libc.a "$out.tmp/lib/"
) || { cp "$work/build.log" "$cache/build/musl-failed.log"; die "building musl failed: $(tail -1 "$work/build.log") (whole log: $cache/build/musl-failed.log)"; }
# No system call may trap: the patches replaced every syscall instruction.
if objdump -d "$out.tmp/lib/libc.a" | grep -q $'\tsyscall'; then
	die "libc.a still contains a syscall instruction: $(objdump -d "$out.tmp/lib/libc.a" | grep -m1 -B30 $'\tsyscall' | grep -m1 '>:$')"
fi
touch "$out.tmp/.tessera-built"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
