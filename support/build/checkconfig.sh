#!/bin/sh
# checkconfig.sh: verify that every option an app asked for survived Kconfig.
# kconfig-conf silently drops unknown symbols and values whose dependencies
# are not met; we turn both into a one-line error.
# Usage: checkconfig.sh <options.defconfig> <.config> <Kconfig files...>
set -u
want=$1 have=$2; shift 2
status=0
while IFS= read -r line; do
	case $line in
	"# CONFIG_"*" is not set") sym=${line#\# CONFIG_}; sym=${sym%% is not set}; val=n ;;
	CONFIG_*=*) sym=${line%%=*}; sym=${sym#CONFIG_}; val=${line#*=} ;;
	*) continue ;;
	esac
	if ! grep -Eq "^[[:space:]]*(menu)?config[[:space:]]+$sym[[:space:]]*$" "$@"; then
		printf 'error: unknown option %s (no such Kconfig symbol)\n' "$sym" >&2
		exit 1
	fi
	if [ "$val" = n ]; then
		grep -q "^CONFIG_$sym=" "$have" || continue
		got=$(grep "^CONFIG_$sym=" "$have" | cut -d= -f2-)
	else
		got=$(grep "^CONFIG_$sym=" "$have" | cut -d= -f2-)
		[ "$got" = "$val" ] && continue
		[ -n "$got" ] || got=n
	fi
	printf 'error: option %s=%s conflicts with the configuration (Kconfig resolved it to %s: a dependency is missing or another option excludes it)\n' "$sym" "$val" "$got" >&2
	exit 1
done < "$want"
exit $status
