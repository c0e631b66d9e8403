# tests/groups/lua.sh: apps/lua (Lua 5.4 built unmodified from Debian's lua5.4 source by tess-cc) against the host's lua5.4: each script of tests/lua prints the same lines and ends with the same status.
group "lua: Debian's lua5.4 built by tess-cc, against the host's lua5.4"
LB=$OUT/lua
mkdir -p "$LB"; rm -f "$LB"/*.log "$LB"/*.out "$LB"/*.diff # the build folder stays: a rerun builds nothing

# tess-cc by itself: a program against musl, and an honest link.
TC=$LB/tess-cc
rm -rf "$TC"; mkdir -p "$TC"
printf '#include <stdio.h>\n#include <math.h>\nint main(void) { printf("%%f\\n", sqrt(2.0)); return 0; }\n' >"$TC/ok.c"
printf 'int no_such_function(void);\nint main(void) { return no_such_function(); }\n' >"$TC/undef.c"
make -s bin/tess-cc && bin/tess-cc -O2 -fPIC -o "$TC/ok" "$TC/ok.c" -lm -lpthread -Wl,-E >"$TC/ok.log" 2>&1 &&
	readelf -h "$TC/ok" | grep -q 'REL (Relocatable' && nm "$TC/ok" | grep -q ' T main$' &&
	[ "$(bin/tess-cc -dumpmachine)" = x86_64-linux-musl ]
r=$?
check "tess-cc: a program links to one relocatable object with main (-lm, -lpthread, -Wl accepted)" $r "$(head -3 "$TC/ok.log" | tr '\n' '|')"
bin/tess-cc -o "$TC/undef" "$TC/undef.c" >"$TC/undef.log" 2>&1
[ $? -ne 0 ] && grep -q "undefined reference to \`no_such_function'" "$TC/undef.log" && [ ! -e "$TC/undef" ]
r=$?
check "tess-cc: a symbol neither the program nor musl defines fails the link" $r "$(head -3 "$TC/undef.log" | tr '\n' '|')"
# main in an archive (BusyBox keeps it in libbb/lib.a), archives that need
# each other inside -Wl,--start-group/--end-group, the kernel's headers.
printf 'int b(void);\nint main(void) { return b(); }\n' >"$TC/m.c"
printf 'int a(void);\nint b(void) { return a(); }\n' >"$TC/b.c"
printf 'int b(void);\nint a(void) { return 0; }\nint a2(void) { return b(); }\n' >"$TC/a.c"
printf '#include <linux/kd.h>\n#include <asm/unistd.h>\nint main(void) { return KDGKBMODE + __NR_getppid; }\n' >"$TC/kd.c"
for f in m b a; do bin/tess-cc -c -o "$TC/$f.o" "$TC/$f.c" || break; done >"$TC/ar.log" 2>&1 &&
	ar rc "$TC/libm1.a" "$TC/m.o" && ar rc "$TC/libb.a" "$TC/b.o" && ar rc "$TC/liba.a" "$TC/a.o" &&
	bin/tess-cc -o "$TC/grouped" -L"$TC" -Wl,--start-group -lm1 -la -lb -Wl,--end-group >>"$TC/ar.log" 2>&1 &&
	nm "$TC/grouped" | grep -q ' T main$' && nm "$TC/grouped" | grep -q ' T a$' &&
	bin/tess-cc -c -o "$TC/kd.o" "$TC/kd.c" >>"$TC/ar.log" 2>&1
r=$?
check "tess-cc: main taken from an archive, archives in a group, <linux/...> and <asm/...> headers" $r "$(head -3 "$TC/ar.log" | tr '\n' '|')"
# Build-system probes link to -o /dev/null: a device stays a device (a
# private one: mknod of the null device's numbers, when allowed).
if mknod "$TC/null" c 1 3 2>/dev/null; then
	bin/tess-cc -o "$TC/null" "$TC/ok.c" >"$TC/null.log" 2>&1
	r=$?
	[ $r -eq 0 ] && [ -c "$TC/null" ] && [ -z "$(ls "$TC" | grep -F .tess-cc.)" ]
	check "tess-cc: a link to a character device (-o /dev/null) writes into it, never replaces it" $? \
		"status $r: $(ls -l "$TC/null" | cut -c1-10) $(head -2 "$TC/null.log" | tr '\n' '|')"
else
	skip "tess-cc: a link to -o /dev/null" "mknod not permitted here"
fi
bin/tess-cc -E -dM -x c /dev/null 2>/dev/null | grep -q '__GLIBC__'
[ $? -ne 0 ] && echo '#include <stdio.h>' | bin/tess-cc -E -x c - 2>/dev/null | grep -q '/musl-[^"]*/include/stdio.h'
r=$?
check "tess-cc: musl's headers, never glibc's" $r "$(echo '#include <stdio.h>' | bin/tess-cc -E -x c - 2>&1 | grep -m1 'stdio.h')"

"$TESS" build apps/lua -O "$LB/b" >"$LB/build.log" 2>&1
r=$?; img=$LB/b/lua_kvm-x86_64
check "apps/lua builds (upstream lua5.4; image $(wc -c <"$img" 2>/dev/null) bytes)" $r "$(grep -m3 -i error "$LB/build.log" | tr '\n' '|')"
"$TESS" build apps/lua -O "$LB/b" >"$LB/rebuild.log" 2>&1
! grep -qE '\] (UP|CC) ' "$LB/rebuild.log"
r=$?
check "a rebuild builds nothing (the upstream build is cached in the build folder)" $r "$(grep -E '\] (UP|CC) ' "$LB/rebuild.log" | head -2 | tr '\n' '|')"

if ! command -v lua5.4 >/dev/null; then
	skip "lua scripts against the host's lua5.4" "lua5.4 not installed (Debian package lua5.4; support/setup/deps.sh installs it)"
	return 0 2>/dev/null || exit 0
fi

# The work folder is the guest's root (the initrd) and the host's current
# folder: scripts run by the same relative name, io.lua writes into tmp/.
W=$LB/work
rm -rf "$W"; mkdir -p "$W/tmp"
cp tests/lua/*.lua tests/lua/data.txt "$W/"
guest_out() { grep -av '^tess: ' "$1" | grep -av '^warning: syscall: '; }
for f in tests/lua/*.lua; do
	s=$(basename "$f" .lua)
	(cd "$W" && env -i PATH="$PATH" TZ=UTC LUATEST_VALUE=hello "LUATEST_SPACES=a b" lua5.4 "$s.lua" tmp) >"$LB/$s.host" 2>&1
	hr=$?
	run_guest "$LB/$s.log" apps/lua -O "$LB/b" --vmm qemu --initrd "$W" -e LUATEST_VALUE=hello -e "LUATEST_SPACES=a b" -- "$s.lua" tmp
	guest_out "$LB/$s.log" >"$LB/$s.out"
	diff -a "$LB/$s.host" "$LB/$s.out" >"$LB/$s.diff"
	d=$?
	[ $rc -eq $hr ] && [ $d -eq 0 ]
	r=$?
	check "lua $s.lua: $(wc -l <"$LB/$s.host") lines and status $hr as the host's lua5.4" $r \
		"status $rc (host $hr), $(grep -c '^[<>]' "$LB/$s.diff") lines differ: $(grep '^[<>]' "$LB/$s.diff" | head -4 | tr '\n' '|')"
done

# -e and the console as standard input, as the host's interpreter reads them.
lua_stdin() { # NAME INPUT ARGS...: the host's and the guest's output for INPUT on stdin
	local name=$1 input=$2; shift 2
	printf '%b' "$input" | lua5.4 "$@" >"$LB/$name.host" 2>&1
	printf '%b' "$input" | timeout 120 "$TESS" run apps/lua -O "$LB/b" --vmm qemu --timeout 90 -- "$@" >"$LB/$name.log" 2>&1
	rc=${PIPESTATUS[1]}
	guest_out "$LB/$name.log" >"$LB/$name.out"
	[ $rc -eq 0 ] && [ -s "$LB/$name.host" ] && cmp -s "$LB/$name.host" "$LB/$name.out"
}
lua_stdin e '' -e 'print(1)'
r=$?
check "lua -e 'print(1)'" $r "status $rc: $(head -3 "$LB/e.out" | tr '\n' '|')"
# The issue's memory target: the heap also takes the RAM below 1 MiB.
run_guest "$LB/m2.log" apps/lua -O "$LB/b" --vmm qemu -m 2M -- -e 'print(1)'
[ $rc -eq 0 ] && [ "$(guest_out "$LB/m2.log")" = 1 ]
r=$?
check "lua -e 'print(1)' in 2 MiB of RAM (-m 2M)" $r "status $rc: $(guest_out "$LB/m2.log" | head -3 | tr '\n' '|')"
lua_stdin read 'first line\n12 34.5 rest\nlast' -e 'print(io.read("l")); print(io.read("n", "n")); print(io.read("a"))'
r=$?
check "echo ... | lua -e: io.read of lines, numbers and the rest from the console" $r \
	"status $rc: $(diff -a "$LB/read.host" "$LB/read.out" | head -3 | tr '\n' '|')"
lua_stdin script 'local t = {}\nfor i = 1, 5 do t[i] = i * i end\nprint(table.concat(t, " "), select("#", ...))\n' - a b
r=$?
check "lua - a b: the script itself from the console" $r "status $rc: $(diff -a "$LB/script.host" "$LB/script.out" | head -3 | tr '\n' '|')"
