#!/usr/bin/env bash
# debsrc.sh: fetch a Debian source package through apt, verify it against the checksums kept in the tree, unpack it into a cache outside the tree.
#
# Usage: support/fetch/debsrc.sh PACKAGE
#   Prints the unpacked source folder (Debian's patches applied) on stdout;
#   progress and errors go to stderr, errors as one line "debsrc: ...".
#        support/fetch/debsrc.sh --pin PACKAGE
#   Fetches the archive's current version of PACKAGE and prints its entry
#   for sources.lock (to append there: docs/apps.md, "Adding your own").
#
# Why it works this way:
# - Third-party code is never committed: upstream sources come from the
#   machine's own Debian archive, at the exact version pinned in
#   support/fetch/sources.lock (PACKAGE VERSION and the SHA-256 of each file
#   of the source package).
# - The machine's apt sources usually list binary packages only. A private
#   apt configuration (APT_CONFIG) lists a deb-src line for every deb line
#   the machine has (same archives, suites, components and keys), with its
#   own lists and cache folders, so the machine's apt state is never touched
#   and no archive address is written anywhere.
# - The cache ($TESSERA_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/tessera)
#   keeps the verified files and the unpacked tree; a second call is a
#   lookup. A tree is used only once completely unpacked (marker file).
set -euo pipefail

die() { echo "debsrc: $*" >&2; exit 1; }

pin=0
[ "${1:-}" = --pin ] && { pin=1; shift; }
pkg=${1:-}
[ $# -eq 1 ] && [ -n "$pkg" ] && [ "${pkg#-}" = "$pkg" ] || die "usage: debsrc.sh [--pin] PACKAGE"
case $pkg in *[!a-z0-9.+-]*) die "'$pkg' is not a Debian source package name" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
lock=$here/sources.lock
cache=${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}
etc=${TESSERA_APT_ETC:-/etc/apt} # the machine's apt configuration (tests point elsewhere)

if [ $pin = 0 ]; then
	# The pinned version and checksums: "PACKAGE VERSION", then indented "SHA256 FILE" lines.
	version=$(awk -v p="$pkg" '/^[^ \t#]/ && $1 == p { print $2; exit }' "$lock")
	[ -n "$version" ] || die "$pkg is not pinned in support/fetch/sources.lock (support/fetch/debsrc.sh --pin $pkg prints its entry)"
	sums=$(awk -v p="$pkg" '/^[^ \t#]/ { on = ($1 == p); next } on && NF == 2 { print }' "$lock")
	[ -n "$sums" ] || die "$pkg $version has no checksums in support/fetch/sources.lock"

	src=$cache/src/$pkg-$version
	if [ -f "$src/.tessera-unpacked" ]; then
		echo "$src"
		exit 0
	fi
fi

for t in apt-get dpkg-source sha256sum; do
	command -v $t >/dev/null || die "'$t' not found; install the Debian package '$([ $t = dpkg-source ] && echo dpkg-dev || echo apt)'"
done

# deb-src lines derived from the machine's deb lines (one-line and deb822 formats).
apt_dir=$cache/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$cache/dl" "$cache/src"
derive_sources() {
	local f
	for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
	done
	for f in "$etc"/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# deb822 stanzas: keep those whose Types include deb, as deb-src.
		awk 'BEGIN { RS = ""; FS = "\n" }
		     {
		       types = ""; out = ""
		       for (i = 1; i <= NF; i++) {
		         if ($i ~ /^#/) continue
		         if ($i ~ /^Types:/) { types = $i; continue }
		         if ($i ~ /^Enabled:[[:space:]]*no/) { types = ""; break }
		         out = out $i "\n"
		       }
		       if (types ~ /[[:space:]]deb([[:space:]]|$)/) printf "Types: deb-src\n%s\n", out
		     }' "$f"
	done
}
derive_sources >"$apt_dir/sources.tmp"
[ -s "$apt_dir/sources.tmp" ] || die "no Debian archive found in $etc/sources.list{,.d}; add one to this machine's apt sources"
# deb822 stanzas go to a .sources file, one-line entries to a .list file.
mkdir -p "$apt_dir/sources.list.d"
grep '^deb-src ' "$apt_dir/sources.tmp" >"$apt_dir/sources.list.d/derived.list" || true
grep -v '^deb-src ' "$apt_dir/sources.tmp" >"$apt_dir/sources.list.d/derived.sources" || true
rm -f "$apt_dir/sources.tmp"
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "/dev/null";
Dir::Etc::SourceParts "$apt_dir/sources.list.d";
Dir::State::Lists "$apt_dir/lists";
Dir::Cache::Archives "$apt_dir/archives";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT::Sandbox::User "root";
EOF
export APT_CONFIG=$apt_dir/apt.conf

# The index is refreshed when missing or older than a day.
if [ -z "$(find "$apt_dir/lists" -name '*Sources*' -mtime -1 2>/dev/null | head -1)" ]; then
	echo "  FETCH   apt source index (private configuration in $apt_dir)" >&2
	rm -f "$apt_dir"/lists/*Sources* # a failed refresh must not leave a stale index in use
	apt-get -q update >"$apt_dir/update.log" 2>&1 || true
fi
[ -n "$(find "$apt_dir/lists" -name '*Sources*' 2>/dev/null | head -1)" ] ||
	die "no deb-src index: the archives in $etc/sources.list{,.d} offer no source packages or cannot be reached (see $apt_dir/update.log); enable sources with a 'deb-src' line (or 'Types: deb deb-src') for the same archive, or point TESSERA_CACHE at a cache that holds $pkg ${version:-}"

# --pin: the archive's current version, fetched (apt checks every file
# against the archive's signed index), kept in the download cache, and its
# sources.lock entry printed.
if [ $pin = 1 ]; then
	tmp=$(mktemp -d "$cache/dl/.$pkg.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# Newest first; a version an archive lists but does not serve (a
	# security archive without sources) gives way to the next.
	versions=$(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version:[[:space:]]*//p' | sort -u -r -V)
	[ -n "$versions" ] || die "no source package for '$pkg' in the archives (apt-cache showsrc $pkg finds none)"
	for v in $versions; do
		echo "  FETCH   $pkg $v (Debian source package)" >&2
		rm -f "$tmp"/*
		if (cd "$tmp" && apt-get -q source --download-only "$pkg=$v" >"$cache/dl/$pkg-pin.log" 2>&1); then
			fetched=1
			break
		fi
	done
	[ -n "${fetched:-}" ] || die "apt-get source $pkg failed for every version the archives list (see $cache/dl/$pkg-pin.log)"
	dsc=$(cd "$tmp" && ls ./*.dsc 2>/dev/null | head -1)
	[ -n "$dsc" ] || die "apt-get source $pkg fetched no .dsc"
	version=$(sed -n 's/^Version:[[:space:]]*//p' "$tmp/$dsc" | head -1)
	[ -n "$version" ] || die "$dsc has no Version field"
	old=$(awk -v p="$pkg" '/^[^ \t#]/ && $1 == p { print $2; exit }' "$lock")
	if [ "$old" = "$version" ]; then
		echo "debsrc: note: $pkg $version is pinned already" >&2
	elif [ -n "$old" ]; then
		echo "debsrc: note: $pkg is pinned at $old; replace that entry to move to $version" >&2
	fi
	echo "$pkg $version"
	# The .dsc first, then the archives (no signatures: apt checked them).
	(cd "$tmp" && for f in "$dsc" $(ls | grep -v -e '\.dsc$' -e '\.asc$'); do
		printf '  %s  %s\n' "$(sha256sum <"$f" | cut -d' ' -f1)" "${f#./}"
	done)
	mkdir -p "$cache/dl/$pkg-$version"
	mv "$tmp"/* "$cache/dl/$pkg-$version/"
	exit 0
fi

dl=$cache/dl/$pkg-$version
mkdir -p "$dl"
verify() { (cd "$dl" && printf '%s\n' "$sums" | sha256sum --quiet -c - >/dev/null 2>&1); }
if ! verify; then
	echo "  FETCH   $pkg $version (Debian source package)" >&2
	(cd "$dl" && apt-get -q source --download-only "$pkg=$version" >"$dl.log" 2>&1) ||
		die "apt-get source $pkg=$version failed (see $dl.log)"
	verify || die "$pkg $version: checksum mismatch against support/fetch/sources.lock; refusing to build it"
fi

# Unpack into a fresh folder, then rename: a half-unpacked tree is never used.
tmp=$(mktemp -d "$cache/src/.$pkg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dsc=$(printf '%s\n' "$sums" | awk '$2 ~ /\.dsc$/ { print $2; exit }')
[ -n "$dsc" ] || die "$pkg: no .dsc among the pinned files"
echo "  UNPACK  $pkg $version" >&2
dpkg-source --no-check -x "$dl/$dsc" "$tmp/tree" >"$tmp/unpack.log" 2>&1 ||
	die "dpkg-source could not unpack $dsc (see the log in $tmp)"
touch "$tmp/tree/.tessera-unpacked"
rm -rf "$src"
mv "$tmp/tree" "$src"
echo "$src"
