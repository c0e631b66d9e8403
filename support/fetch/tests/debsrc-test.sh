#!/usr/bin/env bash
# debsrc-test.sh: support/fetch/debsrc.sh against the machine's real Debian archive: a pinned package unpacks, a cached one is a lookup, a wrong checksum or an unpinned package is refused in one line; --pin prints a package's entry for the lock.
#
# Usage: support/fetch/tests/debsrc-test.sh     (uses $TESSERA_CACHE if set)
# Prints ok/FAIL per case; exits 1 on a failure.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { if [ "$2" -eq 0 ]; then echo "ok $1"; else echo "FAIL $1: $3"; fails=$((fails + 1)); fi; }

src=$("$here/debsrc.sh" musl 2>"$tmp/err")
r=$?
[ $r -eq 0 ] && [ "$(cat "$src/VERSION" 2>/dev/null)" = 1.2.3 ] && [ -f "$src/.tessera-unpacked" ]
check "musl fetched, verified and unpacked" $? "status $r: $(tail -1 "$tmp/err")"

start=$(date +%s%N)
again=$("$here/debsrc.sh" musl 2>"$tmp/err2")
ms=$((($(date +%s%N) - start) / 1000000))
[ "$again" = "$src" ] && [ ! -s "$tmp/err2" ]
check "a second fetch is a cache lookup (${ms} ms)" $? "$(head -1 "$tmp/err2")"

# A copy of the fetcher whose lock names a wrong checksum for musl.
mkdir -p "$tmp/fetch"
cp "$here/debsrc.sh" "$tmp/fetch/"
sed '/^musl /,/^[^ ]/ s/^  [0-9a-f]\{8\}/  00000000/' "$here/sources.lock" >"$tmp/fetch/sources.lock"
TESSERA_CACHE=${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}/debsrc-test \
	"$tmp/fetch/debsrc.sh" musl >"$tmp/out" 2>"$tmp/err3"
r=$?
[ $r -ne 0 ] && [ "$(grep -c '^debsrc:' "$tmp/err3")" -eq 1 ] && grep -q 'checksum mismatch' "$tmp/err3" && [ ! -s "$tmp/out" ]
check "a checksum mismatch is refused" $? "status $r: $(tail -1 "$tmp/err3")"

# An apt configuration whose only archive offers no sources: one line
# saying how to enable them. The empty cache makes debsrc refresh its index.
mkdir -p "$tmp/apt/sources.list.d"
echo "deb [trusted=yes] file://$tmp/no-archive bookworm main" >"$tmp/apt/sources.list"
TESSERA_APT_ETC=$tmp/apt TESSERA_CACHE=$tmp/cache "$here/debsrc.sh" musl >"$tmp/out" 2>"$tmp/err5"
r=$?
[ $r -ne 0 ] && [ "$(grep -c '^debsrc:' "$tmp/err5")" -eq 1 ] && grep -q "no deb-src index.*deb-src" "$tmp/err5" && [ ! -s "$tmp/out" ]
check "an archive without sources: the build says how to enable them" $? "status $r: $(tail -1 "$tmp/err5")"

"$here/debsrc.sh" no-such-package >"$tmp/out" 2>"$tmp/err4"
r=$?
[ $r -ne 0 ] && grep -q 'not pinned' "$tmp/err4" && [ "$(wc -l <"$tmp/err4")" -eq 1 ]
check "an unpinned package is refused" $? "status $r: $(cat "$tmp/err4")"

# --pin: the entry for sources.lock of the archive's current version; the
# same lines as the lock's own when that is the pinned one.
"$here/debsrc.sh" --pin musl >"$tmp/pin" 2>"$tmp/err6"
r=$?
v=$(awk 'NR == 1 && $1 == "musl" { print $2 }' "$tmp/pin")
pinned=$(awk '/^[^ \t#]/ { on = ($1 == "musl") } on' "$here/sources.lock")
[ $r -eq 0 ] && [ -n "$v" ] && grep -q '\.dsc$' "$tmp/pin" &&
	[ "$(grep -cvE '^(musl [^ ]+|  [0-9a-f]{64}  [^ ]+)$' "$tmp/pin")" -eq 0 ] &&
	{ [ "$v" != "$(echo "$pinned" | awk 'NR == 1 { print $2 }')" ] || [ "$(cat "$tmp/pin")" = "$pinned" ]; }
check "--pin musl prints its sources.lock entry (version $v)" $? "status $r: $(head -2 "$tmp/pin" | tr '\n' '|') $(tail -1 "$tmp/err6")"

"$here/debsrc.sh" --pin no-such-package >"$tmp/out" 2>"$tmp/err7"
r=$?
[ $r -ne 0 ] && [ "$(grep -c '^debsrc:' "$tmp/err7")" -eq 1 ] && grep -q 'no source package' "$tmp/err7" && [ ! -s "$tmp/out" ]
check "--pin of a package the archives lack: one line" $? "status $r: $(cat "$tmp/err7")"

[ $fails -eq 0 ]
