#!/bin/sh
# gen-kconfig.sh: write the top-level Kconfig of one build, with absolute
# paths (kconfig-frontends 4.11 has no globbing in `source`), under a
# temporary name renamed into place.
# Usage: gen-kconfig.sh <root> <appdir> <output>
set -eu
root=$1 app=$2 out=$3
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' 0
{
	printf 'mainmenu "Tessera configuration: %s"\n\n' "$(basename "$app")"
	printf 'source "%s/support/build/Config.uk"\n' "$root"
	printf 'menu "Architecture"\nsource "%s/arch/x86_64/Config.uk"\nendmenu\n' "$root"
	printf 'menu "Platform"\nsource "%s/plat/Config.uk"\n' "$root"
	for f in "$root"/plat/*/Config.uk; do printf 'source "%s"\n' "$f"; done
	printf 'endmenu\n'
	printf 'menu "Drivers"\n'
	for f in "$root"/drivers/*/Config.uk; do
		[ -f "$f" ] && printf 'source "%s"\n' "$f"
	done
	printf 'endmenu\n'
	printf 'menu "Libraries"\n'
	for f in "$root"/lib/*/Config.uk; do
		[ -f "$f" ] && printf 'source "%s"\n' "$f"
	done
	printf 'endmenu\n'
	if [ -f "$app/Config.uk" ]; then
		printf 'menu "Application"\nsource "%s/Config.uk"\nendmenu\n' "$app"
	fi
} > "$tmp"
mv -f "$tmp" "$out"
