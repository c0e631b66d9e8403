#!/bin/sh
# lock.sh: run a command holding the lock of a build folder, so that two
# builds (or a build and a clean) of one folder never run at the same time.
# Usage: lock.sh [--create] <builddir> <command> [args...]
#   --create  make <builddir> if it is missing (a build); without it a
#             missing <builddir> means there is nothing to do: exit 0 (clean).
# The lock is flock(2) on the folder itself, held on file descriptor 9, which
# <command> (exec'd, not forked) and its children inherit: the lock lasts
# exactly as long as they run, and dies with them, even on SIGKILL. A second
# caller says so in one line and waits. Errors: one line on stderr, exit 1.
set -u
create=
[ "${1:-}" = --create ] && { create=1; shift; }
[ $# -ge 2 ] || { echo "usage: lock.sh [--create] <builddir> <command> [args...]" >&2; exit 2; }
dir=$1; shift
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

waited=
while :; do
	if [ -e "$dir" ] && [ ! -d "$dir" ]; then
		die "$dir: not a directory (the build folder must be one)"
	fi
	if [ ! -d "$dir" ]; then
		[ -n "$create" ] || exit 0
		err=$(mkdir -p -- "$dir" 2>&1) || die "$dir: cannot create the build folder: ${err##*: }"
	fi
	[ -r "$dir" ] && [ -x "$dir" ] || die "$dir: the build folder is not readable"
	[ -w "$dir" ] || die "$dir: the build folder is not writable"
	exec 9<"$dir"
	if ! flock -n 9; then
		[ -n "$waited" ] || printf 'waiting for another build of %s to finish\n' "$dir" >&2
		waited=1
		flock 9 || die "$dir: cannot lock the build folder"
	fi
	# A clean we waited for may have removed the folder we locked: lock the
	# folder that is at the path now, or two builds could run at once.
	[ "/proc/$$/fd/9" -ef "$dir" ] && break
	exec 9<&-
done
exec "$@"
