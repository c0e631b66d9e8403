#!/bin/sh
# rootfs-expect.sh DIR: what tests/apps/rootfs prints for a root unpacked
# from DIR (same line format, sorted; without the count line).
set -eu
cd "$1"
find . -mindepth 1 | while IFS= read -r f; do
	p=${f#.}
	if [ -L "$f" ]; then
		printf 'l %s %s\n' "$(readlink "$f")" "$p"
	elif [ -d "$f" ]; then
		printf 'd %s %s\n' "$(stat -c '%a %Y' "$f")" "$p"
	else
		printf 'f %s %s %s\n' "$(stat -c '%a %Y %h %s' "$f")" "$(cksum <"$f" | cut -d' ' -f1)" "$p"
	fi
done | LC_ALL=C sort
