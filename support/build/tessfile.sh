#!/bin/sh
# tessfile.sh: the one checked parser of an app's Tessfile.
# Usage: tessfile.sh <appdir> <outdir> [platform]
# Writes <outdir>/tessfile.mk (make variables) and <outdir>/options.defconfig
# (the Kconfig options the app asks for), each under a temporary name first
# and then renamed, so an interrupted run leaves the old pair or the new one.
# A key other than "option" given twice, or one option given twice, is an
# error naming both lines. Errors: one line on stderr, exit 1.
set -u
app=$1 out=$2 plat=${3:-}
mk=$out/tessfile.mk.tmp.$$ dc=$out/options.defconfig.tmp.$$
trap 'rm -f "$mk" "$dc"' 0
tf=$app/Tessfile
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ -f "$tf" ] || die "$app: not a Tessera app (no Tessfile)"
[ -r "$tf" ] || die "$tf: cannot read"
mkdir -p "$out" 2>/dev/null && [ -w "$out" ] || die "$out: build directory is not writable"

awk -v tf="$tf" -v mk="$mk" -v dc="$dc" '
function fail(msg) { printf "error: %s:%d: %s\n", tf, NR, msg > "/dev/stderr"; bad = 1; exit 1 }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# what (a key, or an option name) may be given once: remember where.
function once(what, label) {
	if (what in line_of) fail(label " given twice (first on line " line_of[what] ")")
	line_of[what] = NR
}
# Memory sizes: a number with an optional K, M or G suffix (no suffix: MiB).
function kib(v,   n, u) {
	if (v !~ /^[0-9]+[KkMmGg]?$/) fail("memory: \"" v "\" is not a size like 4M")
	n = v; sub(/[KkMmGg]$/, "", n); u = substr(v, length(v)); n += 0
	if (u ~ /[Kk]/) return n
	if (u ~ /[Gg]/) return n * 1048576
	return n * 1024
}
BEGIN { name = ""; mem = 4096; args = ""; kargs = ""; kmount = ""; rootfs = ""; upstream = ""; nopt = 0 }
/^[ \t]*(#|$)/ { next }
{
	line = $0; sub(/[ \t]+#.*$/, "", line)
	eq = index(line, "=")
	if (!eq) fail("expected \"key = value\"")
	key = trim(substr(line, 1, eq - 1)); val = trim(substr(line, eq + 1))
	if (key ~ /^(name|memory|args|kernel_args|rootfs|upstream)$/) once(key, "\"" key "\"")
	if (key == "name") {
		if (val !~ /^[A-Za-z0-9][A-Za-z0-9_-]*$/) fail("name: \"" val "\" must be letters, digits, - or _")
		name = val
	} else if (key == "memory") {
		mem = kib(val)
		if (mem < 1024 || mem > 3145728) fail("memory: " val " is outside 1M..3G")
	} else if (key == "args") {
		args = val
	} else if (key == "kernel_args") {
		kargs = val
	} else if (key == "rootfs") {
		if (val !~ /^[A-Za-z0-9._-][A-Za-z0-9._\/-]*$/)
			fail("rootfs: \"" val "\" must be a folder relative to the app (letters, digits, . _ - /)")
		rootfs = val
	} else if (key == "upstream") {
		# A Debian source package pinned in support/fetch/sources.lock (docs/apps.md).
		if (val !~ /^[a-z0-9][a-z0-9.+-]+$/) fail("upstream: \"" val "\" is not a Debian source package name")
		upstream = val
	} else if (key == "mount") {
		if (val !~ /^[^: \t"\\]+:\/[^: \t"\\]*:[A-Za-z0-9_]+(:(ro|rw))?$/)
			fail("mount: \"" val "\" must look like SOURCE:/DIR:TYPE or SOURCE:/DIR:TYPE:ro (no spaces or quotes)")
		kmount = kmount " vfs.mount=" val
	} else if (key == "option") {
		if (val !~ /^(CONFIG_)?[A-Z0-9_]+=(y|n|-?[0-9]+|0x[0-9a-fA-F]+|"[^"]*")$/)
			fail("option: \"" val "\" must look like NAME=y, NAME=n, NAME=123 or NAME=\"text\"")
		sub(/^CONFIG_/, "", val)
		sym = val; sub(/=.*/, "", sym)
		once("option " sym, "option " sym)
		opt[++nopt] = val
	} else fail("unknown key \"" key "\" (known: name, memory, args, kernel_args, rootfs, upstream, mount, option)")
}
END {
	if (bad) exit 1
	if (name == "") { printf "error: %s: no \"name = ...\" line\n", tf > "/dev/stderr"; exit 1 }
	printf "TS_APP_NAME := %s\nTS_APP_MEMORY_KIB := %d\n", name, mem > mk
	kargs = kargs kmount; sub(/^ /, "", kargs)
	gsub(/\$/, "$$", args); gsub(/\$/, "$$", kargs)
	printf "TS_APP_ARGS := %s\nTS_APP_KARGS := %s\nTS_APP_ROOTFS := %s\nTS_APP_UPSTREAM := %s\n", args, kargs, rootfs, upstream > mk
	printf "" > dc
	for (i = 1; i <= nopt; i++) {
		v = opt[i]; sub(/=n$/, "", v)
		if (opt[i] ~ /=n$/) printf "# CONFIG_%s is not set\n", v > dc
		else printf "CONFIG_%s\n", opt[i] > dc
	}
}' "$tf" || exit 1
# The platform asked for on the command line (tess run --vmm) joins the options.
[ -z "$plat" ] || echo "CONFIG_PLAT_$(echo "$plat" | tr a-z A-Z)=y" >>"$dc" || exit 1
# make compares both with the Tessfile: either left older is redone.
mv -f "$dc" "$out/options.defconfig" && mv -f "$mk" "$out/tessfile.mk"
