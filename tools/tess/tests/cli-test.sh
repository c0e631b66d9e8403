#!/bin/bash
# cli-test.sh - tests tess alone, against a fake Tessera tree, a fake make and a fake QEMU.
#
# Usage: tools/tess/tests/cli-test.sh PATH/TO/tess
# Build tess first, e.g.:
#   make bin/tess   (or: cc -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Iinclude -Itools/common -o /tmp/tess tools/tess/*.c tools/common/*.c)
# Prints "ok <case>" or "FAIL <case>: <why>" per case; exits 1 if any failed.
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 PATH/TO/tess" >&2
	exit 2
fi
TESS=$(realpath "$1")
T=$(realpath "$(mktemp -d)")
trap 'rm -rf "$T"' EXIT
fails=0

# ---- fixtures ----

ROOT=$T/root                    # fake Tessera tree
APP=$T/app                      # an app folder
FAKEBIN=$T/fakebin              # fake make and qemu-system-x86_64
export FAKE_DIR=$T/log          # where the fakes record their arguments
export TESS_STATE_DIR=$T/state  # background instances (tess run -d, ps, ...) stay in here
mkdir -p "$ROOT/support/build" "$ROOT/bin" "$APP" "$FAKEBIN" "$FAKE_DIR" "$T/noapp"
touch "$APP/Tessfile"

cat >"$FAKEBIN/make" <<'EOF'
#!/bin/bash
# Fake make: records its arguments, acts as $FAKE_MAKE says, writes run.conf.
printf '%s\0' "$@" >"$FAKE_DIR/make.args"
env >"$FAKE_DIR/make.env"
O= target=build prev=
for a in "$@"; do
	case $a in
	O=*) O=${a#O=} ;;
	A=* | V=* | TS_PLAT=* | -*) ;;
	*) [ "$prev" = -C ] || target=$a ;;
	esac
	prev=$a
done
case ${FAKE_MAKE:-ok} in
fail)
	echo "[ 1/2] CC app.c"
	echo "app.c:1:1: error: boom" >&2
	echo "make[1]: *** [support/build/rules.mk:9: app.o] Error 1" >&2
	echo "make[1]: *** Waiting for unfinished jobs...." >&2
	echo "make: *** [Makefile:3: all] Error 2" >&2
	exit 2 ;;
norule)
	echo "make: *** No rule to make target 'menu'.  Stop." >&2
	exit 2 ;;
longline)
	head -c 10000 /dev/zero | tr '\0' x >&2
	echo >&2
	printf 'no newline at end' >&2 ;;
esac
if [ "$target" = build ]; then
	mkdir -p "$O"
	if [ -n "${FAKE_RUNCONF+x}" ]; then
		printf '%b' "$FAKE_RUNCONF" >"$O/run.conf"
	else
		printf 'name=hello\nimage=%s\nmemory_kib=%s\nargs=%s\nkernel_args=%s\n' \
			"$FAKE_IMAGE" "${FAKE_MEM:-8192}" "${FAKE_ARGS---exit 0}" \
			"${FAKE_KARGS-}" >"$O/run.conf"
	fi
	echo "[ 1/1] LD hello"
fi
exit 0
EOF

cat >"$FAKEBIN/qemu-system-x86_64" <<'EOF'
#!/bin/bash
# Fake QEMU: records its arguments and ends as $FAKE_QEMU says.
printf '%s\0' "$@" >"$FAKE_DIR/qemu.args"
Q=${FAKE_QEMU:-exit1}
case $Q in
exit*) exit "${Q#exit}" ;;
# A Tessera guest: its status line on the status port (QEMU's stderr),
# then the 7 bits isa-debug-exit keeps.
status*) echo "exit ${Q#status}" >&2; exit $(((${Q#status} & 127) << 1 | 1)) ;;
crash) echo "crash" >&2; exit 255 ;;
flood) exec yes "console line" ;;
err1) echo "qemu-system-x86_64: -kernel x: bad image" >&2; exit 1 ;;
warn1) echo "qemu-system-x86_64: warning: host lacks a feature" >&2; exit 1 ;;
segv) kill -SEGV $$ ;;
selfterm)
	echo "qemu-system-x86_64: terminating on signal 15 from pid 1 (init)" >&2
	exit 0 ;;
sleep)
	# Like QEMU: a signal makes it say so and exit 0.
	trap 'echo "got TERM" >"$FAKE_DIR/qemu.sig"; kill $! 2>/dev/null
	      echo "qemu-system-x86_64: terminating on signal 15 from pid 9" >&2; exit 0' TERM
	trap 'echo "got INT" >"$FAKE_DIR/qemu.sig"; kill $! 2>/dev/null
	      echo "qemu-system-x86_64: terminating on signal 2" >&2; exit 0' INT
	echo started >"$FAKE_DIR/qemu.started"
	sleep 30 &
	wait $! ;;
kvmerr)
	# QEMU prints this, then pauses the guest and waits forever.
	echo "KVM internal error. Suberror: 1" >&2
	echo "emulation failure" >&2
	trap 'kill $! 2>/dev/null
	      echo "qemu-system-x86_64: terminating on signal 15 from pid 9" >&2; exit 0' TERM
	sleep 30 &
	wait $! ;;
stubborn)
	trap '' TERM INT
	exec sleep 30 ;;
esac
exit 99
EOF
chmod +x "$FAKEBIN/make" "$FAKEBIN/qemu-system-x86_64"

# Images: a static ELF loaded at 1 MiB (vaddr = paddr), and one whose
# physical addresses (32 MiB) differ from its virtual ones (1 MiB).
cat >"$T/start.c" <<'EOF'
static char bss[200000];
char *p = bss;
void _start(void) { for (;;) ; }
EOF
cat >"$T/phys.ld" <<'EOF'
SECTIONS {
	. = 0x100000;
	.text : AT(0x2000000) { *(.text*) }
	.data : AT(0x2000000 + ADDR(.data) - 0x100000) { *(.data*) *(.bss*) *(COMMON) }
	/DISCARD/ : { *(.note*) *(.comment) *(.eh_frame*) }
}
EOF
IMG=$T/img
gcc -static -nostdlib -no-pie -Os -Wl,-Ttext-segment=0x100000 -Wl,--build-id=none \
	-o "$IMG" "$T/start.c" || { echo "FAIL setup: cannot build test image"; exit 1; }
gcc -static -nostdlib -no-pie -Os -Wl,-T,"$T/phys.ld" -Wl,--build-id=none \
	-o "$T/img-phys" "$T/start.c" 2>"$T/gcc.log" ||	# hide ld's RWX warning
	{ echo "FAIL setup: cannot build test image: $(cat "$T/gcc.log")"; exit 1; }
gcc -shared -nostdlib -fPIC -o "$T/lib.so" "$T/start.c" ||
	{ echo "FAIL setup: cannot build test library"; exit 1; }
export FAKE_IMAGE=$IMG

# Smallest memory (KiB) for an image, from readelf (independent of tess):
# highest PT_LOAD PhysAddr+MemSiz, rounded up to 4 KiB, plus 64 KiB.
min_kib() {
	local end=0 e
	while read -r _ _ _ paddr _ memsz _; do
		e=$((paddr + memsz))
		[ $e -gt $end ] && end=$e
	done < <(readelf -lW "$1" | grep '^ *LOAD ')
	echo $(((((end + 4095) / 4096) * 4096 + 65536) / 1024))
}
# Same rounding-up format as tess's messages: 512K, 1.3M, 64M, 3G.
fmt_kib() {
	local k=$1 t
	if [ $((k % 1048576)) -eq 0 ]; then echo "$((k / 1048576))G"
	elif [ $((k % 1024)) -eq 0 ]; then echo "$((k / 1024))M"
	elif [ "$k" -lt 1024 ]; then echo "${k}K"
	else
		t=$(((k * 10 + 1023) / 1024))
		if [ $((t % 10)) -eq 0 ]; then echo "$((t / 10))M"; else echo "$((t / 10)).$((t % 10))M"; fi
	fi
}

export PATH="$FAKEBIN:$PATH"
export TESSERA_ROOT=$ROOT
unset FAKE_MAKE FAKE_QEMU FAKE_MEM FAKE_ARGS FAKE_KARGS FAKE_RUNCONF V
export MAKEFLAGS="-j9 --jobserver-auth=98,99" MAKELEVEL=1  # tess must drop these

# Work inside the temp dir: relative paths given to tess (-O 1) land there.
cd "$T" || exit 1

# ---- helpers ----

# t ARGS...: run tess (guarded by a timeout) with stdout/stderr captured.
t() {
	rm -f "$FAKE_DIR"/*
	"$TIMEOUT" 10 "$TESS" "$@" >"$T/cap.out" 2>"$T/cap.err" </dev/null
	rc=$?
}
# tty_t ARGS...: like t, but stdin and stdout are a terminal (script(1)'s);
# stderr is still captured. Paths in ARGS must not need shell quoting.
tty_t() {
	rm -f "$FAKE_DIR"/*
	script -qefc "$TIMEOUT 10 $TESS $* 2>$T/cap.err" /dev/null >"$T/cap.out" </dev/null
	rc=$?
}
begin() { why=; }
note() { why+="$*; "; }
want_rc() { [ "$rc" -eq "$1" ] || note "exit $rc, want $1"; }
want_err() { grep -Fxq -- "$1" "$T/cap.err" || note "stderr lacks line '$1'"; }
want_err_has() { grep -Fq -- "$1" "$T/cap.err" || note "stderr lacks '$1'"; }
want_no_err() { ! grep -Fq -- "$1" "$T/cap.err" || note "stderr has '$1'"; }
want_out_has() { grep -Fq -- "$1" "$T/cap.out" || note "stdout lacks '$1'"; }
# want_err_lines N: tess's own lines on stderr; the build's progress lines
# ("[ 1/2] CC app.c"), which tess run sends there, are not counted.
want_err_lines() {
	local n
	n=$(grep -cvE '^\[ *[0-9]+/[0-9]+\] ' "$T/cap.err")
	[ "$n" -eq "$1" ] || note "stderr has $n lines, want $1"
}
end() {
	if [ -z "$why" ]; then
		echo "ok $1"
	else
		echo "FAIL $1: $why stderr: $(head -c 300 "$T/cap.err" | tr '\n' '|')"
		fails=$((fails + 1))
	fi
}
# args FILE: load a fake's recorded arguments into the array A.
args() {
	A=()
	[ -f "$FAKE_DIR/$1.args" ] && mapfile -d '' A <"$FAKE_DIR/$1.args"
}
# want_arg FAKE OPT VALUE: the fake got OPT immediately followed by VALUE.
want_arg() {
	local i
	args "$1"
	for ((i = 0; i + 1 < ${#A[@]}; i++)); do
		[ "${A[i]}" = "$2" ] && [ "${A[i + 1]}" = "$3" ] && return
	done
	note "$1 lacks '$2 $3'"
}
want_has_arg() {
	local a
	args "$1"
	for a in "${A[@]}"; do [ "$a" = "$2" ] && return; done
	note "$1 lacks '$2'"
}
want_no_arg() {
	local a
	args "$1"
	for a in "${A[@]}"; do [ "$a" = "$2" ] && note "$1 has '$2'"; done
}
want_not_run() { [ ! -f "$FAKE_DIR/$1.args" ] || note "$1 was run"; }

NPROC=$(nproc)
TIMEOUT=$(command -v timeout)
NEED=$(min_kib "$IMG")

# ---- general ----

begin; t --version; want_rc 0
[ "$(cat "$T/cap.out")" = "tess 0.1" ] || note "stdout '$(cat "$T/cap.out")'"; end version

begin; t --help; want_rc 0; want_out_has "Usage: tess <command>"; end help-main
begin; t; want_rc 2; want_err_has "Usage: tess <command>"; end no-command
begin; t frobnicate; want_rc 2
want_err "tess: unknown command 'frobnicate' (see 'tess --help')"; end unknown-command
begin; t --frob; want_rc 2; want_err "tess: unknown option '--frob' (see 'tess --help')"; end unknown-global-option
begin; t help nope; want_rc 2; want_err "tess: unknown command 'nope' (see 'tess --help')"; end help-unknown

for c in build run menu clean ps logs stop rm; do
	begin
	t "$c" --help; want_rc 0; h1=$(cat "$T/cap.out")
	t "$c" -h; want_rc 0; h2=$(cat "$T/cap.out")
	t help "$c"; want_rc 0; h3=$(cat "$T/cap.out")
	case $h1 in "Usage: tess $c "*) ;; *) note "help does not start with usage" ;; esac
	[ "$h1" = "$h2" ] && [ "$h1" = "$h3" ] || note "--help, -h and help differ"
	# Every option the help lists is accepted (maybe with a bad value).
	for o in $(printf '%s\n' "$h1" | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+$'); do
		t "$c" "$o=1" "$APP"
		! grep -q "unknown option" "$T/cap.err" || note "help lists $o but tess rejects it"
	done
	for o in $(printf '%s\n' "$h1" | grep -oE '^ +-[a-zA-Z],' | tr -d ' ,'); do
		t "$c" "$o"
		! grep -q "unknown option" "$T/cap.err" || note "help lists $o but tess rejects it"
	done
	end "help-$c"
done

# ---- usage errors: 2 for build/menu/clean, 125 for run ----

begin; t build --frob "$APP"; want_rc 2
want_err "tess: unknown option '--frob' (see 'tess build --help')"; want_not_run make; end build-unknown-option
begin; t run --frob "$APP"; want_rc 125
want_err "tess: unknown option '--frob' (see 'tess run --help')"; want_not_run make; end run-unknown-option
begin; t build "$APP" -O; want_rc 2
want_err "tess: option '-O' needs a value (see 'tess build --help')"; end build-missing-value
begin; t run "$APP" --timeout; want_rc 125
want_err "tess: option '--timeout' needs a value (see 'tess run --help')"; end run-missing-value
begin; t build "$APP" extra; want_rc 2
want_err "tess: unexpected argument 'extra' (see 'tess build --help')"; end build-extra-arg
begin; t clean "$APP" extra; want_rc 2
want_err "tess: unexpected argument 'extra' (see 'tess clean --help')"; end clean-extra-arg
begin; t run "$APP" extra; want_rc 125
want_err "tess: unexpected argument 'extra' (see 'tess run --help')"; want_not_run make; end run-extra-arg
begin; t build -v=1 "$APP"; want_rc 2; want_err_lines 1; end flag-with-value
begin; t menu -j 4 "$APP"; want_rc 2; want_err_has "unknown option '-j'"; end menu-no-jobs
begin; t build -j 0 "$APP"; want_rc 2; want_err_has "-j 0:"; end build-jobs-zero
begin; t build -j x "$APP"; want_rc 2; want_err_has "-j x:"; end build-jobs-garbage
begin; t run --vmm firecracker "$APP"; want_rc 125; want_err_has "valid: qemu, tvm"; want_not_run make; end run-vmm
begin; t run --vmm tvm --machine pc "$APP"; want_rc 125; want_err_has "QEMU options"; want_not_run make; end run-vmm-tvm-machine
begin; t run --vmm qemu --net tap0 "$APP"; want_rc 125; want_err_has "needs --vmm tvm"; want_not_run make; end run-vmm-qemu-net
begin; t run --vmm qemu --block /dev/null "$APP"; want_rc 125; want_err "tess: --block /dev/null: not a regular file"
want_not_run make; end run-disk-not-regular
begin; t run --machine q35 "$APP"; want_rc 125; want_err_has "valid: microvm, pc"; end run-machine
begin; t run --accel hvf "$APP"; want_rc 125; want_err_has "valid: auto, kvm, tcg"; end run-accel
begin; t run --timeout 0 "$APP"; want_rc 125; want_err_has "--timeout 0:"; end run-timeout-zero
begin; t run --timeout 1s "$APP"; want_rc 125; want_err_has "--timeout 1s:"; end run-timeout-garbage
begin; t run -k "a -- b" "$APP"; want_rc 125; want_err_has "cannot contain '--'"; end run-kopt-dashdash

# ---- app and tree resolution ----

begin; t build "$T/noapp"; want_rc 1
want_err "tess: $T/noapp: not a Tessera app (no Tessfile)"; want_not_run make; end no-tessfile
begin; t run "$T/noapp"; want_rc 125
want_err "tess: $T/noapp: not a Tessera app (no Tessfile)"; end run-no-tessfile
begin; cd "$T/noapp"; t build; cd - >/dev/null; want_rc 1
want_err "tess: $T/noapp: not a Tessera app (no Tessfile)"; end no-tessfile-cwd
begin; t build "$T/missing"; want_rc 1; want_err_has "$T/missing: No such file or directory"; end app-missing
begin; TESSERA_ROOT=$T/noapp t build "$APP"; want_rc 1
want_err_has "not a Tessera source tree (no support/build"; want_not_run make; end bad-root

begin; cd "$APP"; t build; cd - >/dev/null; want_rc 0
want_arg make -C "$ROOT"; want_has_arg make "A=$APP"; want_has_arg make "O=$APP/build"
want_has_arg make "-j$NPROC"; want_has_arg make -s; want_has_arg make --no-print-directory
want_no_arg make V=1; want_out_has "[ 1/1] LD hello"
grep -q MAKEFLAGS "$FAKE_DIR/make.env" && note "make got MAKEFLAGS"; end build-defaults
begin; cd "$T"; t build app -O out -j 3 -v; cd - >/dev/null; want_rc 0
want_has_arg make "A=$APP"; want_has_arg make "O=$T/out"; want_has_arg make -j3
want_has_arg make V=1; want_no_arg make -s; end build-options
begin; t build --build-dir="$T/o2" --jobs=5 "$APP"; want_rc 0
want_has_arg make "O=$T/o2"; want_has_arg make -j5; end build-long-options
begin; t build -- "$APP"; want_rc 0; want_has_arg make "A=$APP"; end build-dashdash
begin; tty_t menu "$APP" -O "$T/o3"; want_rc 0
args make; [ "${A[${#A[@]}-1]}" = menu ] || note "last make arg '${A[${#A[@]}-1]}'"
want_has_arg make "O=$T/o3"; end menu
# Without a terminal kconfig-mconf would spin forever: refused, make not run.
begin; t menu "$APP"; want_rc 1; want_not_run make
want_err "tess: menu needs a terminal (standard input and output must be one)"; want_err_lines 1
end menu-no-tty
begin; tty_t menu "$APP" ">$T/menu.out"; want_rc 1; want_not_run make
want_err "tess: menu needs a terminal (standard input and output must be one)"; end menu-stdout-not-tty
begin; t clean "$APP"; want_rc 0
args make; [ "${A[${#A[@]}-1]}" = clean ] || note "last make arg '${A[${#A[@]}-1]}'"; end clean

# Paths make cannot handle are refused before make runs, naming the problem.
mkdir -p "$T/sp ace" "$T/co:lon" "$T/tab	x"
touch "$T/sp ace/Tessfile" "$T/co:lon/Tessfile" "$T/tab	x/Tessfile"
begin; t build "$T/sp ace"; want_rc 1; want_not_run make; want_err_lines 1
want_err "tess: $T/sp ace: make cannot handle spaces in paths; move the app to a path without them"
end app-path-space
begin; t run "$T/sp ace"; want_rc 125; want_not_run make; end run-app-path-space
begin; t build "$APP" -O "$T/o ut"; want_rc 1; want_not_run make
want_err "tess: $T/o ut: make cannot handle spaces in paths; choose a build folder (-O) without them"
end builddir-space
begin; t clean "$APP" -O "$T/o ut"; want_rc 1; want_not_run make; end clean-builddir-space
begin; t build "$T/co:lon"; want_rc 1; want_not_run make
want_err "tess: $T/co:lon: make cannot handle ':' in paths; move the app to a path without them"
end app-path-colon
begin; t build "$APP" -O "$T/o\$x"; want_rc 1; want_not_run make; want_err_has "make cannot handle '\$' in paths"
end builddir-dollar
begin; t build "$T/tab	x"; want_rc 1; want_not_run make; want_err_has "make cannot handle control characters"
end app-path-tab
mkdir -p "$T/tree x"; cp -r "$ROOT/support" "$T/tree x/"
begin; TESSERA_ROOT="$T/tree x" t build "$APP"; want_rc 1; want_not_run make
want_err "tess: $T/tree x: make cannot handle spaces in paths; move the Tessera tree to a path without them"
end root-path-space

# The tree defaults to two levels above the real path of the binary.
cp "$TESS" "$ROOT/bin/tess"
mkdir -p "$T/elsewhere"
ln -s "$ROOT/bin/tess" "$T/elsewhere/tess"
begin; rm -f "$FAKE_DIR"/*
env -u TESSERA_ROOT timeout 10 "$T/elsewhere/tess" build "$APP" >"$T/cap.out" 2>"$T/cap.err"; rc=$?
want_rc 0; want_arg make -C "$ROOT"; end root-from-binary

# ---- make's output and failures ----

begin; FAKE_MAKE=fail t build "$APP"; want_rc 1
want_err "app.c:1:1: error: boom"; want_no_err "make[1]: ***"; want_no_err "make: ***"
want_err_lines 1; want_out_has "[ 1/2] CC app.c"; end build-failure
# tess run: the build's lines go to stderr too (stdout is the guest's).
begin; FAKE_MAKE=fail t run "$APP"; want_rc 125; want_not_run qemu
want_err "app.c:1:1: error: boom"; want_err_has "[ 1/2] CC app.c"; want_err_lines 1
[ ! -s "$T/cap.out" ] || note "stdout not empty: $(head -c 100 "$T/cap.out")"; end run-build-failure
begin; FAKE_MAKE=norule t clean "$APP"; want_rc 1; want_err_has "No rule to make target"; end make-own-error
begin; FAKE_MAKE=longline t build "$APP"; want_rc 0
[ "$(head -n 1 "$T/cap.err")" = "$(head -c 10000 /dev/zero | tr '\0' x)" ] || note "long line mangled"
[ "$(tail -c 17 "$T/cap.err")" = "no newline at end" ] || note "last partial line lost"; end make-long-lines
begin; rm -f "$FAKE_DIR"/*
PATH=/nonexistent "$TIMEOUT" 10 "$TESS" build "$APP" >"$T/cap.out" 2>"$T/cap.err"; rc=$?
want_rc 1; want_err "tess: 'make' not found; install the Debian package 'make'"; end make-missing
mkdir -p "$T/onlyqemu" && ln -sf "$FAKEBIN/qemu-system-x86_64" "$T/onlyqemu/"
begin; PATH=$T/onlyqemu "$TIMEOUT" 10 "$TESS" run "$APP" >"$T/cap.out" 2>"$T/cap.err"; rc=$?
want_rc 125; want_err "tess: 'make' not found; install the Debian package 'make'"; end run-make-missing
mkdir -p "$T/onlymake" && ln -sf "$FAKEBIN/make" "$T/onlymake/"
begin; rm -f "$FAKE_DIR"/*
PATH=$T/onlymake "$TIMEOUT" 10 "$TESS" run "$APP" >"$T/cap.out" 2>"$T/cap.err"; rc=$?
want_rc 125; want_not_run make
want_err "tess: 'qemu-system-x86_64' not found; install the Debian package 'qemu-system-x86'"
end qemu-missing

# ---- run.conf ----

begin; FAKE_RUNCONF='name=hello\nimage=%s\n' t run "$APP"; want_rc 125
want_err_has "run.conf: no memory_kib= line"; want_not_run qemu; end runconf-missing-key
begin; FAKE_RUNCONF="name=hello\nimage=$IMG\nmemory_kib=lots\n" t run "$APP"; want_rc 125
want_err_has "memory_kib=lots"; end runconf-bad-memory
begin; FAKE_RUNCONF="name=hello\nimage=$IMG\nmemory_kib=8192\ngarbage\n" t run "$APP"
want_rc 125; want_err_has "run.conf:4: expected key=value"; end runconf-malformed
begin; FAKE_RUNCONF="# comment\n\nname=hello\nfuture=1\nimage=$IMG\nmemory_kib=8192\n" t run "$APP"
want_rc 0; want_arg qemu -append "--"; end runconf-minimal

# ---- memory ----

begin; t run "$APP"; want_rc 0; want_arg qemu -m 8192k; end mem-default
begin; t run -m 64 "$APP"; want_rc 0; want_arg qemu -m 65536k; end mem-plain-mib
begin; t run -m 1.5M "$APP"; want_rc 0; want_arg qemu -m 1536k; end mem-fraction
begin; t run -m 8193K "$APP"; want_rc 0; want_arg qemu -m 8196k; end mem-whole-pages
begin; t run --memory 2g "$APP"; want_rc 0; want_arg qemu -m 2097152k; end mem-gib
begin; t run -m3G "$APP"; want_rc 0; want_arg qemu -m 3145728k; end mem-max
begin; t run -m 513G "$APP"; want_rc 125; want_err "tess: -m 513G: too large (at most 512G)"; want_not_run make; end mem-too-large
begin; t run -m 524289M "$APP"; want_rc 125; want_err "tess: -m 524289M: too large (at most 512G)"; end mem-just-too-large
begin; t run -m 536870913K "$APP"; want_rc 125; want_err "tess: -m 536870913K: too large (at most 512G)"; end mem-max-plus-1K
begin; t run -m 99999999999999999999999G "$APP"; want_rc 125; want_err_has "too large (at most 512G)"; end mem-overflow
begin; t run -m 0 "$APP"; want_rc 125; want_err_has "tess: -m 0:"; want_not_run make; end mem-zero
for m in abc 12X 1. .5.5 -5 "" 1MB " 1M" 0x10; do
	begin; t run -m "$m" "$APP"; want_rc 125
	want_err "tess: -m $m: not a memory size (a number with an optional K, M or G suffix)"
	want_not_run make; end "mem-garbage-'$m'"
done
begin; t run -m "${NEED}K" "$APP"; want_rc 0; want_arg qemu -m "${NEED}k"; end mem-exactly-enough
begin; t run -m "$((NEED - 4))K" "$APP"; want_rc 125
want_err "tess: -m $((NEED - 4))K is too small for hello (needs at least $(fmt_kib "$NEED"))"
want_not_run qemu; end mem-too-small
begin; t run -m 1M "$APP"; want_rc 125
want_err "tess: -m 1M is too small for hello (needs at least $(fmt_kib "$NEED"))"; end mem-too-small-1M
begin; t run -m "$(fmt_kib "$NEED")" "$APP"; want_rc 0; end mem-suggestion-fits
begin; FAKE_MEM=1024 t run "$APP"; want_rc 125; want_err_has "default memory 1M is too small for hello"
end mem-default-too-small
PNEED=$(min_kib "$T/img-phys")
begin; FAKE_IMAGE=$T/img-phys t run -m 8M "$APP"; want_rc 125
want_err "tess: -m 8M is too small for hello (needs at least $(fmt_kib "$PNEED"))"; end mem-uses-paddr
begin; FAKE_IMAGE=$T/img-phys t run -m "${PNEED}K" "$APP"; want_rc 0; end mem-paddr-enough
# An initrd that cannot fit in 3G with any image is refused before the build;
# one that fits alone but not with this image, once the image is known.
truncate -s 4G "$T/initrd-4g"
begin; t run -m 3G --initrd "$T/initrd-4g" "$APP"; want_rc 125; want_not_run make
want_err "tess: --initrd $T/initrd-4g: too large for any memory size (needs at least 4096.1M; at most 3G)"
end initrd-too-large
truncate -s $(((3 * 1048576 - NEED + 4) * 1024)) "$T/initrd-3g"
begin; t run -m 3G --initrd "$T/initrd-3g" "$APP"; want_rc 125; want_not_run qemu
want_err "tess: --initrd $T/initrd-3g: too large for any memory size (needs at least $(fmt_kib $((3 * 1048576 + 4))); at most 3G)"
end initrd-too-large-with-image
rm -f "$T/initrd-4g" "$T/initrd-3g"

# ---- image checks ----

bad_image() { # NAME FILE REASON
	begin; FAKE_IMAGE=$2 t run "$APP"; want_rc 125
	want_err "tess: $2: not a valid ELF64 x86-64 image ($3)"; want_not_run qemu; end "$1"
}
printf 'hello, world\n%.0s' {1..20} >"$T/garbage"
head -c 40 "$IMG" >"$T/short"
head -c 100 "$IMG" >"$T/cut-phdrs"
# Keep the ELF and program headers, cut before the code segment.
PHNUM=$(od -An -tu2 -j56 -N2 "$IMG" | tr -d ' ')
head -c $((64 + PHNUM * 56 + 1)) "$IMG" >"$T/cut-segment"
cp "$IMG" "$T/elf32" && printf '\001' | dd of="$T/elf32" bs=1 seek=4 conv=notrunc status=none
cp "$IMG" "$T/big-endian" && printf '\002' | dd of="$T/big-endian" bs=1 seek=5 conv=notrunc status=none
cp "$IMG" "$T/arm" && printf '\267\000' | dd of="$T/arm" bs=1 seek=18 conv=notrunc status=none
cp "$IMG" "$T/phent" && printf '\070\001' | dd of="$T/phent" bs=1 seek=54 conv=notrunc status=none
cp "$IMG" "$T/nophdr" && printf '\000\000' | dd of="$T/nophdr" bs=1 seek=56 conv=notrunc status=none
bad_image elf-garbage "$T/garbage" "bad magic"
bad_image elf-short "$T/short" "file too short"
bad_image elf-cut-phdrs "$T/cut-phdrs" "program headers outside the file"
bad_image elf-cut-segment "$T/cut-segment" "segment outside the file"
bad_image elf-32bit "$T/elf32" "not 64-bit"
bad_image elf-big-endian "$T/big-endian" "not little-endian"
bad_image elf-aarch64 "$T/arm" "not x86-64"
bad_image elf-phentsize "$T/phent" "bad program header size"
bad_image elf-no-phdrs "$T/nophdr" "no program headers"
bad_image elf-shared "$T/lib.so" "not an executable"
bad_image elf-directory "$T/noapp" "not a regular file"
begin; FAKE_IMAGE=$T/nonexistent t run "$APP"; want_rc 125
want_err "tess: $T/nonexistent: No such file or directory"; end image-missing

# ---- QEMU command line and guest command line ----

begin; t run --accel tcg -v "$APP"; want_rc 0
args qemu
want_q=(-M microvm,x-option-roms=off,rtc=on,auto-kernel-cmdline=off
	-global virtio-mmio.force-legacy=false -accel tcg -cpu max -m 8192k -nodefaults
	-no-user-config -display none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4
	-chardev file,id=tsserial,path=/proc/self/fd/1,append=on -serial chardev:tsserial
	-device virtio-serial-device -chardev file,id=tsvcon,path=/proc/self/fd/1,append=on
	-device virtserialport,chardev=tsvcon,nr=1
	-chardev stdio,id=tsin -device virtserialport,chardev=tsin,nr=2
	-chardev file,id=tscon,path=/proc/self/fd/1,append=on -device isa-debugcon,iobase=0xe9,chardev=tscon
	-chardev file,id=tsstatus,path=/proc/self/fd/2,append=on -device isa-debugcon,iobase=0xea,chardev=tsstatus
	-device virtio-rng-device
	-kernel "$IMG" -append "-- --exit 0")
[ "${A[*]}" = "${want_q[*]}" ] || note "qemu args: ${A[*]}"
want_err "qemu-system-x86_64 ${want_q[*]:0:44} '-- --exit 0'"
want_has_arg make V=1; end qemu-command-line
# Disks: a drive and a virtio-blk device each, in order (vda, vdb), ','
# doubled for QEMU; microvm: virtio-mmio; pc: modern-only virtio-pci.
truncate -s 4096 "$T/d1.img" "$T/d,2.img"
begin; t run --accel tcg --disk "$T/d1.img" --disk "$T/d,2.img:ro" "$APP"; want_rc 0
want_arg qemu -drive "if=none,id=vda,format=raw,cache=writeback,werror=report,rerror=report,file=$T/d1.img"
want_arg qemu -device virtio-blk-device,drive=vda
want_arg qemu -drive "if=none,id=vdb,format=raw,cache=writeback,werror=report,rerror=report,file=$T/d,,2.img,readonly=on"
want_arg qemu -device virtio-blk-device,drive=vdb; end qemu-disks-microvm
begin; t run --accel tcg --machine pc --block "$T/d1.img,ro" "$APP"; want_rc 0
want_arg qemu -drive "if=none,id=vda,format=raw,cache=writeback,werror=report,rerror=report,file=$T/d1.img,readonly=on"
want_arg qemu -device virtio-blk-pci,disable-legacy=on,drive=vda; end qemu-disks-pc-block-alias
# Volumes: virtio-9p with tag vol<n> (a ',' in the host path is refused).
mkdir -p "$T/v1"
begin; t run --accel tcg --machine pc -v "$T/v1:/data:ro" "$APP"; want_rc 0
want_arg qemu -fsdev "local,id=tsvol0,path=$(cd "$T/v1" && pwd -P),security_model=none,readonly=on"
want_arg qemu -device virtio-9p-pci,disable-legacy=on,fsdev=tsvol0,mount_tag=vol0; end qemu-volume-pc
begin; t run --accel tcg --disk "$T/d1.img:r" "$APP"; want_rc 125
want_err "tess: --disk $T/d1.img:r: 'r' after ':' is not an option (only :ro, read-only) (see 'tess run --help')"
want_not_run make; end disk-misspelt-ro
begin; t run --accel tcg "$APP"; want_rc 0; args qemu
case " ${A[*]} " in *" -drive "*) note "a drive without --disk" ;; esac; end qemu-no-disks
begin; t run --accel tcg --machine pc "$APP"; want_rc 0; want_arg qemu -M pc
want_arg qemu -device virtio-serial-pci,disable-legacy=on,ioeventfd=off
want_arg qemu -device virtio-rng-pci,disable-legacy=on; want_err_lines 0; end qemu-machine-pc
begin; t run --accel=tcg --machine=microvm --vmm=qemu "$APP"; want_rc 0
want_arg qemu -M microvm,x-option-roms=off,rtc=on,auto-kernel-cmdline=off; end qemu-machine-microvm
begin; FAKE_KARGS="console=ttyS0" t run --accel tcg -k loglevel=debug -k "a=1 b=2" "$APP"; want_rc 0
want_arg qemu -append "console=ttyS0 loglevel=debug a=1 b=2 -- --exit 0"; end cmdline-kopts
begin; t run --accel tcg -e LANG=C -k x=1 --env 'MSG=say "hi"' "$APP"; want_rc 0
want_arg qemu -append 'LANG=C x=1 "MSG=say \"hi\"" -- --exit 0'; end cmdline-env
begin; t run -e 9A=1 "$APP"; want_rc 125; want_err_has "not NAME=VALUE"; end run-env-bad-name
begin; t run -e A "$APP"; want_rc 125; want_err_has "not NAME=VALUE"; end run-env-no-value
begin; FAKE_ARGS="" t run --accel tcg "$APP"; want_rc 0; want_arg qemu -append "--"; end cmdline-no-args
begin; t run --accel tcg "$APP" --; want_rc 0; want_arg qemu -append "--"; end cmdline-dashdash-empty
begin; t run --accel tcg "$APP" -- plain "a b" "" 'x"y' 'c\d' "t	ab" -m --help; want_rc 0
want_arg qemu -append '-- plain "a b" "" "x\"y" "c\\d" "t	ab" -m --help'; end cmdline-quoting
begin; cd "$APP"; t run --accel tcg -- "$APP"; cd - >/dev/null; want_rc 0; want_arg qemu -append "-- $APP"
end cmdline-args-after-dashdash-only

begin; rm -f "$FAKE_DIR"/*
"$TIMEOUT" 10 "$TESS" run --accel tcg "$APP" >"$T/cap.out" 2>"$T/cap.err" <&-; rc=$?
want_rc 0; want_err_lines 0; end stdin-closed

# KVM: whatever this host offers, auto must pick KVM silently or TCG with one notice.
begin; t run "$APP"; want_rc 0; args qemu
case " ${A[*]} " in
*" -accel kvm -cpu host "*) want_err_lines 0 ;;
*" -accel tcg -cpu max "*)
	want_err_lines 1
	grep -Eqx "tess: KVM not usable \(.+\); falling back to TCG \(slow\)" "$T/cap.err" ||
		note "no fallback notice" ;;
*) note "no accelerator in qemu args" ;;
esac
end accel-auto
begin; t run --accel tcg "$APP"; want_rc 0; want_arg qemu -accel tcg; want_err_lines 0; end accel-tcg-quiet
# With /dev/kvm replaced by /dev/null (private mount namespace), KVM is unusable.
if [ -e /dev/kvm ] &&
	unshare -m --propagation private mount --bind /dev/null /dev/kvm 2>/dev/null; then
	kvm_off() { unshare -m --propagation private sh -c 'mount --bind /dev/null /dev/kvm && exec "$@"' sh "$@"; }
	begin; rm -f "$FAKE_DIR"/*
	kvm_off timeout 10 "$TESS" run "$APP" >"$T/cap.out" 2>"$T/cap.err" </dev/null; rc=$?
	want_rc 0; want_arg qemu -accel tcg; want_err_lines 1
	want_err "tess: KVM not usable (/dev/kvm: KVM_GET_API_VERSION: Inappropriate ioctl for device); falling back to TCG (slow)"
	end accel-auto-fallback
	begin; rm -f "$FAKE_DIR"/*
	kvm_off timeout 10 "$TESS" run --accel kvm "$APP" >"$T/cap.out" 2>"$T/cap.err" </dev/null; rc=$?
	want_rc 125; want_not_run make
	want_err "tess: --accel kvm: KVM not usable (/dev/kvm: KVM_GET_API_VERSION: Inappropriate ioctl for device)"
	end accel-kvm-unusable
elif [ ! -e /dev/kvm ]; then
	begin; t run --accel kvm "$APP"; want_rc 125
	want_err "tess: --accel kvm: KVM not usable (/dev/kvm: No such file or directory)"; end accel-kvm-unusable
else
	echo "ok accel-kvm-unusable # skipped: cannot hide /dev/kvm here"
fi

# ---- exit statuses ----

status_case() { # NAME FAKE_QEMU WANT_STATUS [STDERR LINE]
	begin; FAKE_QEMU=$2 t run --accel tcg "$APP"; want_rc "$3"
	[ $# -lt 4 ] || want_err "$4"
	[ $# -ge 4 ] || want_err_lines 0
	end "$1"
}
status_case exit-guest-0 exit1 0
status_case exit-guest-3 exit7 3
status_case exit-guest-126 exit253 126
status_case exit-guest-crash exit255 127
status_case exit-guest-status-line-127 status127 127
status_case exit-guest-status-line-128 status128 128
status_case exit-guest-status-line-200 status200 200
status_case exit-guest-status-line-255 status255 255
status_case exit-guest-crashed crash 127 "tess: guest crashed (see its report above)"
begin; rm -f "$FAKE_DIR"/*
# (the fake make's progress line comes first)
FAKE_QEMU=flood "$TIMEOUT" 10 "$TESS" run --accel tcg "$APP" 2>"$T/cap.err" </dev/null | head -2 >"$T/cap.out"
rc=${PIPESTATUS[0]}; want_rc 141; want_err_lines 0
[ "$(tail -n 1 "$T/cap.out")" = "console line" ] || note "stdout '$(head -c 100 "$T/cap.out")'"
end qemu-output-closed
status_case exit-qemu-error err1 125 "tess: qemu failed"
begin; FAKE_QEMU=err1 t run --accel tcg "$APP"; want_err "qemu-system-x86_64: -kernel x: bad image"; end qemu-error-shown
status_case exit-qemu-warning warn1 0 "qemu-system-x86_64: warning: host lacks a feature"
status_case exit-reset exit0 127 "tess: guest reset without an exit status (triple fault?)"
status_case exit-qemu-even exit2 125 "tess: qemu failed (exit status 2)"
status_case exit-qemu-signal segv 125 "tess: qemu killed by signal 11"
status_case exit-qemu-terminated selfterm 125 "tess: qemu killed by signal 15"

begin; s=$SECONDS; FAKE_QEMU=sleep t run --timeout 1 --accel tcg "$APP"; want_rc 124
want_err "tess: guest still running after 1 s; stopped"; want_err_lines 1
[ "$(cat "$FAKE_DIR/qemu.sig" 2>/dev/null)" = "got TERM" ] || note "qemu did not get SIGTERM"
[ $((SECONDS - s)) -le 4 ] || note "took $((SECONDS - s)) s"; end timeout
begin; s=$SECONDS; FAKE_QEMU=stubborn t run --timeout 1 --accel tcg "$APP"; want_rc 124
want_err "tess: guest still running after 1 s; stopped"
[ $((SECONDS - s)) -le 6 ] || note "took $((SECONDS - s)) s"; end timeout-sigkill

begin; s=$SECONDS; FAKE_QEMU=kvmerr t run --accel tcg "$APP"; want_rc 127
want_err "KVM internal error. Suberror: 1"; want_err "emulation failure"
want_err "tess: KVM could not run the guest (see QEMU's report above); stopped"; want_err_lines 3
[ $((SECONDS - s)) -le 3 ] || note "took $((SECONDS - s)) s"; end kvm-internal-error

# SIGTERM / SIGINT sent to tess reach QEMU; tess exits 128+signal.
signal_case() { # NAME SIGNAL WANT
	local pid i
	begin; rm -f "$FAKE_DIR"/*
	FAKE_QEMU=sleep env --default-signal=INT,TERM "$TESS" run --accel tcg "$APP" \
		>"$T/cap.out" 2>"$T/cap.err" </dev/null &
	pid=$!
	for ((i = 0; i < 100; i++)); do
		[ -f "$FAKE_DIR/qemu.started" ] && break
		sleep 0.05
	done
	kill -s "$2" "$pid" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		note "tess still running 5 s after SIG$2"
	fi
	wait "$pid"; rc=$?
	want_rc "$3"; want_err_lines 0
	[ "$(cat "$FAKE_DIR/qemu.sig" 2>/dev/null)" = "got $2" ] || note "qemu did not get SIG$2"
	end "$1"
}
signal_case sigterm TERM 143
signal_case sigint INT 130

# ---- real QEMU (if installed) with tiny hand-made PVH images ----

# pvh_image NAME CODE: a 32-bit PVH entry point running CODE, linked at 1 MiB.
pvh_image() {
	printf '%s\n' '.section .note.Xen, "a", @note' .balign\ 4 '.long 4, 4, 18' \
		'.asciz "Xen"' .balign\ 4 '.long pvh_start' .text .code32 \
		'.globl pvh_start' 'pvh_start:' "$2" >"$T/$1.S"
	gcc -c -o "$T/$1.o" "$T/$1.S" &&
		ld -static -Ttext-segment=0x100000 -e pvh_start -o "$T/$1" "$T/$1.o"
}
REALPATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vFx "$FAKEBIN" | paste -sd:)
if PATH=$REALPATH command -v qemu-system-x86_64 >/dev/null; then
	pvh_image exit5 'mov $0x3f8, %dx; mov $0x68, %al; out %al, %dx; mov $0x69, %al
		out %al, %dx; mov $0xa, %al; out %al, %dx; mov $5, %eax; mov $0xf4, %dx
		out %eax, %dx; hlt'
	pvh_image fault 'lidt idt; int3; idt: .word 0; .long 0'
	pvh_image hang 'cli; 1: hlt; jmp 1b'
	real() { # IMAGE ARGS...: run tess with the fake make and the real QEMU
		local img=$1
		shift
		rm -f "$FAKE_DIR"/*
		FAKE_IMAGE=$T/$img PATH="$T/onlymake:$REALPATH" "$TIMEOUT" 20 "$TESS" run "$APP" "$@" \
			>"$T/cap.out" 2>"$T/cap.err" </dev/null
		rc=$?
	}
	for m in microvm pc; do
		begin; real exit5 --accel tcg --machine $m; want_rc 5; want_err_lines 0
		[ "$(tail -n 1 "$T/cap.out")" = hi ] || note "console output '$(cat "$T/cap.out")'"
		end "qemu-boot-status-$m"
	done
	begin; real fault --accel tcg; want_rc 127
	want_err "tess: guest reset without an exit status (triple fault?)"; end qemu-triple-fault
	begin; real hang --accel tcg --timeout 1; want_rc 124
	want_err "tess: guest still running after 1 s; stopped"; want_err_lines 1; end qemu-timeout
	begin; real exit5 --accel tcg -m 100M; want_rc 5; end qemu-memory
else
	echo "ok qemu-boot # skipped: qemu-system-x86_64 not installed"
fi

echo "# $fails failed"
[ "$fails" -eq 0 ]
