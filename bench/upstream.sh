#!/usr/bin/env bash
# upstream.sh: upstream programs on musl against Linux (bench/run upstream):
# Lua's bench/lua/bench.lua against Debian's lua5.4 and a native build of
# the same source, SQLite's speedtest1 against a native build of the same
# source with the same flags, the apps' image sizes and smallest memory,
# and clean build times (musl itself, apps/lua, apps/sqlite). The guest
# runs on tvm where KVM is usable, else on QEMU with TCG (whose figures
# measure the emulator: no verdicts then, and speedtest1 runs a smaller
# size unless SQLITE_SIZE says otherwise).
set -u
. "$(dirname "$0")/lib.sh"
N=${UPSTREAM_RUNS:-3}
vmm=qemu kvm=0
[ -r /dev/kvm ] && [ -w /dev/kvm ] && vmm=tvm kvm=1
SIZE=${SQLITE_SIZE:-$([ $kvm = 1 ] && echo 50 || echo 5)}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "nan" || b == "nan" || b == 0) print "nan"; else printf "%.2f", a / b }'; }
verdict_row() { if [ $kvm = 1 ]; then judge "$1" "$2" x "$3"; else row "$1" "$2" x "($3 on KVM)" "TCG: no verdict"; fi; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

# ---- builds (timed: the source cache is warm after the first) ----------------
progress "building apps/lua, apps/sqlite/speedtest1 and apps/sqlite for $vmm (clean)"
declare -A build_s
for app in lua sqlite/speedtest1 sqlite; do
	b=$OUT/up-${app//\//-}-$vmm
	rm -rf "$b"
	t0=$(now_ns)
	"$TESS" build "$ROOT/apps/$app" -O "$b" --vmm $vmm >"$b.log" 2>&1 || { echo "building apps/$app failed: $(tail -1 "$b.log")"; exit 1; }
	build_s[$app]=$(secs "$t0" "$(now_ns)")
done
LUA_B=$OUT/up-lua-$vmm ST_B=$OUT/up-sqlite-speedtest1-$vmm SQ_B=$OUT/up-sqlite-$vmm

# ---- native references from the same Debian sources --------------------------
progress "native builds of the same Lua and SQLite sources"
LSRC=$("$ROOT/support/fetch/debsrc.sh" lua5.4) || exit 1
SSRC=$("$ROOT/support/fetch/debsrc.sh" sqlite3) || exit 1
NL=$OUT/up-native-lua; rm -rf "$NL"; mkdir -p "$NL"; cp -R "$LSRC/src" "$NL/src"
# apps/lua/upstream.sh's flags: -O2, LUA_USE_POSIX, Lua 5.3 compatibility;
# and, as there, the header Debian's build writes (luaconf.h includes it).
printf '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"\n' >"$NL/src/lua5.4-deb-multiarch.h"
(cd "$NL/src" && gcc -std=gnu99 -O2 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -I. \
	$(ls *.c | grep -v -e '^luac.c$' -e '^onelua.c$') -o "$NL/lua" -lm) >"$NL.log" 2>&1 ||
	{ echo "native lua build failed: $(head -3 "$NL.log")"; exit 1; }
NS=$OUT/up-native-sqlite; rm -rf "$NS"; mkdir -p "$NS"
(cd "$NS" && "$SSRC/configure" CFLAGS=-O2 --disable-tcl >/dev/null && make -j2 speedtest1 >/dev/null) >"$NS.log" 2>&1 ||
	{ echo "native speedtest1 build failed: $(tail -3 "$NS.log")"; exit 1; }

# ---- Lua ---------------------------------------------------------------------
header "Lua 5.4: bench/lua/bench.lua, total seconds (median of $N)"
R=$OUT/up-lua-root; rm -rf "$R"; mkdir -p "$R"; cp "$ROOT/bench/lua/bench.lua" "$R/"
lua_total() { awk '$1 == "total" { print $2 }'; }
for i in $(seq "$N"); do
	"$TESS" run "$ROOT/apps/lua" -O "$LUA_B" --vmm $vmm -m 256M --initrd "$R" -- /bench.lua 2>/dev/null | lua_total
done | median >"$OUT/up-lua-tess"
for i in $(seq "$N"); do lua5.4 "$R/bench.lua" | lua_total; done | median >"$OUT/up-lua-debian"
for i in $(seq "$N"); do "$NL/lua" "$R/bench.lua" | lua_total; done | median >"$OUT/up-lua-native"
t=$(cat "$OUT/up-lua-tess") d=$(cat "$OUT/up-lua-debian") n=$(cat "$OUT/up-lua-native")
row "Tessera ($vmm)" "$t" s "" ""
row "Debian's lua5.4 (Linux)" "$d" s "" "reference"
row "native build of the same source (Linux)" "$n" s "" "reference"
verdict_row "speed: native build / Tessera" "$(ratio "$n" "$t")" ">= 1.0"
verdict_row "speed: Debian's lua5.4 / Tessera" "$(ratio "$d" "$t")" ">= 1.0"

# ---- SQLite ------------------------------------------------------------------
header "SQLite speedtest1 --size $SIZE --memdb, TOTAL seconds (median of $N)"
st_total() { awk '/TOTAL/ { v = $NF; sub(/s$/, "", v); print v }'; }
for i in $(seq "$N"); do
	"$TESS" run "$ROOT/apps/sqlite/speedtest1" -O "$ST_B" --vmm $vmm -m 512M -- --size "$SIZE" --memdb 2>/dev/null | st_total
done | median >"$OUT/up-st-tess"
for i in $(seq "$N"); do "$NS/speedtest1" --size "$SIZE" --memdb | st_total; done | median >"$OUT/up-st-native"
t=$(cat "$OUT/up-st-tess") n=$(cat "$OUT/up-st-native")
row "Tessera ($vmm)" "$t" s "" ""
row "native build of the same source (Linux)" "$n" s "" "reference"
verdict_row "speed: native / Tessera" "$(ratio "$n" "$t")" ">= 1.0"

# ---- sizes and the smallest memory ---------------------------------------------
# smallest MIB... CMD: the fewest MiB (1 MiB steps, bisected) with which the
# guest exits 0 and prints what the check expects.
smallest() {
	local lo=1 hi=$1 mid; shift
	"$@" "$hi" || { echo nan; return; }
	while [ $((hi - lo)) -gt 1 ]; do
		mid=$(((lo + hi) / 2))
		if "$@" "$mid"; then hi=$mid; else lo=$mid; fi
	done
	echo "$hi"
}
lua_print1() { [ "$("$TESS" run "$ROOT/apps/lua" -O "$LUA_B" --vmm $vmm -m "${1}M" -- -e 'print(1)' 2>/dev/null)" = 1 ]; }
# speedtest1 --size 10 on a database file of a fresh ext2 disk (as it runs
# natively, on a file; the Tessfile sends SQLite's temporary files there
# too), and with the whole database in memory (--memdb).
ST10_IMG=$OUT/up-st10.ext2
st10_disk() {
	rm -f "$ST10_IMG"; mkfs.ext2 -q -F "$ST10_IMG" 32M >/dev/null 2>&1 || return 1
	"$TESS" run "$ROOT/apps/sqlite/speedtest1" -O "$ST_B" --vmm $vmm -m "${1}M" --disk "$ST10_IMG" \
		-k vfs.mount=/dev/vda:/data:ext2 -- --size 10 /data/st.db 2>/dev/null | grep -q TOTAL
}
st10_memdb() { "$TESS" run "$ROOT/apps/sqlite/speedtest1" -O "$ST_B" --vmm $vmm -m "${1}M" -- --size 10 --memdb 2>/dev/null | grep -q TOTAL; }
gcc -O2 -Wall -Wextra -Werror -o "$OUT/maxrss" "$ROOT/bench/maxrss.c" || exit 1
rss_mib() { "$OUT/maxrss" "$@" | awk '{ printf "%.1f", $1 / 1024 }'; }
header "image sizes and the smallest memory that runs them"
for app in lua sqlite/speedtest1 sqlite; do
	b=$OUT/up-${app//\//-}-$vmm
	img=$(ls "$b"/*-x86_64 | head -1)
	row "apps/$app image" "$(($(wc -c <"$img") / 1024))" KiB "" ""
done
progress "bisecting the smallest -m for lua -e 'print(1)'"
judge "lua -e 'print(1)': smallest -m" "$(smallest 64 lua_print1)" MiB "<= 2"
row "  Debian's lua5.4: maximum RSS (Linux)" "$(rss_mib lua5.4 -e 'print(1)')" MiB "" "reference"
progress "bisecting the smallest -m for speedtest1 --size 10"
judge "speedtest1 --size 10 (file on ext2): smallest -m" "$(smallest 128 st10_disk)" MiB "<= 8"
rm -f "$NS/st10.db"
row "  native build, file: maximum RSS (Linux)" "$(rss_mib "$NS/speedtest1" --size 10 "$NS/st10.db")" MiB "" "reference"
rm -f "$NS/st10.db" "$ST10_IMG"
row "speedtest1 --size 10 --memdb: smallest -m" "$(smallest 128 st10_memdb)" MiB "" ""
row "  native build, --memdb: maximum RSS (Linux)" "$(rss_mib "$NS/speedtest1" --size 10 --memdb)" MiB "" "reference"

# ---- clean build times -----------------------------------------------------------
header "clean build times (source cache warm; 2 cores)"
progress "building musl in an empty build cache"
MC=$OUT/up-musl-cache; rm -rf "$MC"; mkdir -p "$MC/src"
cp -a "$(dirname "$("$ROOT/support/fetch/debsrc.sh" musl)")/." "$MC/src/"
t0=$(now_ns)
TESSERA_CACHE=$MC "$ROOT/lib/musl/build.sh" >/dev/null 2>"$MC.log" && row "musl 1.2.3 (lib/musl/build.sh)" "$(secs "$t0" "$(now_ns)")" s "" "" ||
	row "musl 1.2.3 (lib/musl/build.sh)" nan s "" "failed: $(tail -1 "$MC.log")"
rm -rf "$MC"
for app in lua sqlite/speedtest1 sqlite; do row "apps/$app (musl cached)" "${build_s[$app]}" s "" ""; done
