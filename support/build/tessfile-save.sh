#!/bin/sh
# tessfile-save.sh: write a minimal configuration (kconfig-conf
# --savedefconfig output) back into a Tessfile's "option =" lines, keeping
# every other line and comment as it was. The old file is replaced
# atomically, so an interrupted save loses nothing.
# Usage: tessfile-save.sh <Tessfile> <defconfig>
set -eu
tf=$1 dc=$2
tmp=$tf.tmp.$$
awk -v dc="$dc" '
/^[ \t]*option[ \t]*=/ { if (!done) { emit(); done = 1 } next }
{ print }
END { if (!done) emit() }
function emit(   l) {
	while ((getline l < dc) > 0) {
		if (l ~ /^CONFIG_/) { sub(/^CONFIG_/, "", l); print "option = " l }
		else if (l ~ /^# CONFIG_.* is not set$/) { sub(/^# CONFIG_/, "", l); sub(/ is not set$/, "=n", l); print "option = " l }
	}
}' "$tf" >"$tmp" && mv "$tmp" "$tf"
echo "saved the configuration to $tf"
