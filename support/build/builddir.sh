#!/bin/sh
# builddir.sh: which folder a build may write into, and what clean may delete.
# Usage: builddir.sh adopt <appdir> <builddir> [command [args...]]
#        builddir.sh clean <appdir> <builddir>
# Run with the folder's lock held (lock.sh).
#
# A build folder is marked by .tessera-build, written only here, when a
# build adopts a folder that is empty (lock.sh --create makes a missing one).
# adopt refuses a folder that holds anything but is not marked, the app
# folder itself and any folder containing it; then it execs the command.
# clean deletes exactly the entries the build writes (the list below) and
# the folder, and refuses -- deleting nothing -- a folder that is not
# marked, is or contains the app folder, or holds anything else.
# Errors: one line on stderr, exit 1.
set -u
[ $# -ge 3 ] || { echo "usage: builddir.sh adopt|clean <appdir> <builddir> [command...]" >&2; exit 2; }
what=$1 app=$2 dir=$3; shift 3
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
MARK=.tessera-build

# Every entry the build system writes at the top of the build folder
# (support/build/app.mk; kconfig-conf runs there and leaves its temporary
# files there when interrupted). Keep this in step with app.mk. <file>.tmp.*
# are the temporary names generated files are written under before being
# renamed into place.
ours() {
	case $1 in
	"$MARK" | config | include | obj | link | upstream | .progress) return 0 ;;
	.tmpconfig | .tmpconfig_tristate | .tmpconfig.h | ..config.tmp) return 0 ;;
	esac
	case ${1%.tmp.*} in
	tessfile.mk | options.defconfig | flags.stamp | objs.stamp | size-report.txt | run.conf) return 0 ;;
	*?_kvm-x86_64 | *?_tvm-x86_64 | *?_none-x86_64) return 0 ;;
	*?_kvm-x86_64.dbg | *?_tvm-x86_64.dbg | *?_none-x86_64.dbg) return 0 ;;
	esac
	return 1
}

# The app folder must never be (inside) what a build writes or clean deletes.
not_app() {
	a=$(realpath -e -- "$app" 2>/dev/null) || return 0
	d=$(realpath -e -- "$dir" 2>/dev/null) || return 0
	[ "$a" != "$d" ] || die "$dir: is the app folder itself; use a separate build folder"
	case $a/ in "${d%/}"/*) die "$dir: contains the app folder $app; use a separate build folder" ;; esac
}

# Print the first entry of the folder (dot files included), or nothing.
first_entry() {
	for f in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		printf '%s\n' "${f##*/}"
		return
	done
}

adopt() {
	not_app
	if [ ! -e "$dir/$MARK" ]; then
		f=$(first_entry)
		[ -z "$f" ] || die "$dir: not a Tessera build folder and not empty (it holds $f); use a new or empty folder"
		echo "Tessera build folder for $app; 'tess clean' deletes it" >"$dir/$MARK" ||
			die "$dir: cannot write to the build folder"
	fi
	[ $# -eq 0 ] || exec "$@"
}

clean() {
	[ -e "$dir" ] || [ -L "$dir" ] || return 0
	[ -d "$dir" ] || die "$dir: not a Tessera build folder (not a directory); not removing it"
	not_app
	[ -e "$dir/$MARK" ] || die "$dir: not a Tessera build folder (no $MARK); not removing it"
	for f in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		ours "${f##*/}" || die "$dir: holds ${f##*/}, which the build did not write; not removing anything"
	done
	for f in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		[ "${f##*/}" = "$MARK" ] || rm -rf -- "$f" || die "$dir: cannot remove ${f##*/}"
	done
	# The mark goes last: an interrupted clean leaves a folder clean can finish.
	rm -f -- "$dir/$MARK" && rmdir -- "$dir" || die "$dir: cannot remove the build folder"
}

case $what in
adopt) adopt "$@" ;;
clean) clean ;;
*) die "builddir.sh: unknown action '$what'" ;;
esac
