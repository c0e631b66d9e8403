# tests/groups/gdb.sh: debugging guests — tess run --gdb with Debian's gdb in batch mode (QEMU's
# gdbstub under TCG; tvm's own server, with KVM), tvm's protocol layer with real gdb against a
# fake target, its fuzzer, core dumps (tess run --core) opened by gdb, and bad input.
group "gdb: tess run --gdb, tess gdb, tvm's gdb server, core dumps (--core)"
GB=$OUT/gdb
rm -rf "$GB"; mkdir -p "$GB"
GAPP=tests/apps/gdbtarget
GDB_PIDS=

# Every background tess run is ended here, whatever happened to the test.
gdb_cleanup() {
	local p
	for p in $GDB_PIDS; do kill "$p" 2>/dev/null; done
	for p in $GDB_PIDS; do wait "$p" 2>/dev/null; done
	GDB_PIDS=
}

# A loopback port nobody listens on (bash's /dev/tcp: a refused connection).
free_port() {
	local p
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
	done
	echo 0
}

# listening PORT: is something listening on 127.0.0.1:PORT? (ss, without connecting:
# a connection would be a debugger to QEMU.) Status 2 when ss is missing.
listening() {
	command -v ss >/dev/null || return 2
	[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
}

# one_line FILE: FILE holds exactly one line
one_line() { [ "$(wc -l <"$1")" -eq 1 ]; }

if ! command -v gdb >/dev/null; then
	skip "gdb tests" "gdb not installed (Debian package gdb)"
else
	# --- tvm's protocol layer, with real gdb, against a fake target ----------
	gcc -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
		-D_GNU_SOURCE -I include -I tools/common -I tools/tvm -o "$GB/gdb-fake" tools/tvm/tests/gdb-fake.c tools/tvm/gdb.c \
		>"$GB/fake-build.log" 2>&1
	check "tvm's gdb protocol layer builds with a fake target (ASan, UBSan)" $? "$(head -3 "$GB/fake-build.log" | tr '\n' '|')"
	timeout 60 gdb -batch -nx -ex 'set architecture i386:x86-64' -ex "target remote | $GB/gdb-fake" \
		-ex 'info registers rip rax r15 eflags' -ex 'x/4xb 0x400010' -ex 'x/2xb 0x3fffff' \
		-ex 'set {char}0x400000 = 42' -ex 'x/1db 0x400000' -ex 'set $rax = 0xabcdef' -ex 'print/x $rax' \
		-ex 'stepi' -ex 'print/x $pc' -ex 'hbreak *0x401100' -ex 'break *0x401200' \
		-ex continue -ex 'print/x $pc' -ex continue -ex 'print/x $pc' -ex delete -ex continue \
		-ex 'print $_exitcode' >"$GB/fake.log" 2>&1
	r=$?
	grep -Eq '^rip +0x401000' "$GB/fake.log" && grep -Eq '^rax +0x1111 ' "$GB/fake.log" &&
		grep -Eq '^r15 +0x11110 ' "$GB/fake.log" && grep -Eq '^eflags +0x202' "$GB/fake.log"
	check "fake target: gdb reads the registers (g)" $? "$(grep -m4 -E '^(rip|rax|r15|eflags)' "$GB/fake.log" | tr '\n' '|')"
	grep -q '^0x400010:.0x10.0x11.0x12.0x13$' "$GB/fake.log" && grep -q 'Cannot access memory at address 0x3fffff' "$GB/fake.log"
	check "fake target: memory reads, and an unmapped address refused (m)" $? "$(grep -m2 '^0x' "$GB/fake.log" | tr '\n' '|')"
	grep -q '^0x400000:.42$' "$GB/fake.log" && grep -qx '$1 = 0xabcdef' "$GB/fake.log"
	check "fake target: memory and register writes (X/M, P/G)" $? "$(grep -E '^0x400000|^\$1' "$GB/fake.log" | tr '\n' '|')"
	grep -qx '$2 = 0x401001' "$GB/fake.log"
	check "fake target: stepi (s)" $? "$(grep '^\$2' "$GB/fake.log")"
	grep -q '^Breakpoint 1, 0x0*401100' "$GB/fake.log" && grep -q '^Breakpoint 2, 0x0*401200' "$GB/fake.log" &&
		grep -qx '$4 = 0x401200' "$GB/fake.log"
	check "fake target: hardware and software breakpoints, continue (Z1, Z0, c)" $? "$(grep -E '^Breakpoint|^\$[34]' "$GB/fake.log" | tr '\n' '|')"
	# Not the fake's own "session stopped" line: gdb ends a pipe target when
	# it exits, often before that line is written (1 run in 3 under load).
	[ $r -eq 0 ] && grep -q 'exited with code 052' "$GB/fake.log" && grep -qx '$5 = 42' "$GB/fake.log"
	check "fake target: runs to its exit with the status written by gdb (W)" $? "status $r: $(tail -3 "$GB/fake.log" | tr '\n' '|')"
fi

# --- the KVM target's view of memory, without KVM ----------------------------
gcc -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
	-D_GNU_SOURCE -I include -I tools/tvm -o "$GB/walk-test" tools/tvm/tests/walk-test.c \
	tools/tvm/hypercall.c tools/tvm/paging.c >"$GB/walk.log" 2>&1 && "$GB/walk-test" >>"$GB/walk.log" 2>&1
r=$?; check "tvm's page-table walk as the debugger reads memory ($(grep -c '^ok' "$GB/walk.log") cases)" $r \
	"$(grep -m1 -E '^FAIL|error' "$GB/walk.log")"

# --- the packet parser's fuzzer ---------------------------------------------
if command -v clang >/dev/null; then
	bash tools/tvm/fuzz/run.sh "$GB/fuzz" "${TS_FUZZ_SECONDS:-5}" gdb >"$GB/fuzz.log" 2>&1
	check "fuzzer: tvm's gdb packets (malformed, oversized: answered or dropped), and its corpus" $? \
		"$(grep -m1 FAIL "$GB/fuzz.log")"
else
	skip "gdb fuzzer" "clang (with libclang-rt-14-dev) not installed"
fi

# --- bad input (no guest needed) --------------------------------------------
timeout 30 "$TESS" run "$GAPP" -O "$GB/q" --gdb=notaport >"$GB/bad-port.out" 2>"$GB/bad-port.err" </dev/null
r=$?; [ $r -eq 125 ] && one_line "$GB/bad-port.err" && grep -q 'gdb=notaport: not a port number' "$GB/bad-port.err"
check "--gdb=notaport: one line, status 125" $? "status $r: $(head -2 "$GB/bad-port.err" | tr '\n' '|')"
timeout 30 "$TESS" run "$GAPP" -O "$GB/q" --gdb=70000 >/dev/null 2>"$GB/bad-port2.err" </dev/null
r=$?; [ $r -eq 125 ] && one_line "$GB/bad-port2.err"
check "--gdb=70000: one line, status 125" $? "status $r: $(head -2 "$GB/bad-port2.err" | tr '\n' '|')"
timeout 30 "$TESS" run "$GAPP" -O "$GB/q" --core "$GB/missing/dir/core" >/dev/null 2>"$GB/bad-core.err" </dev/null
r=$?; [ $r -eq 125 ] && one_line "$GB/bad-core.err" && grep -q "missing/dir: No such file or directory" "$GB/bad-core.err" &&
	[ ! -e "$GB/q" ]
check "--core into a missing folder: one line before building, status 125" $? "status $r: $(head -2 "$GB/bad-core.err" | tr '\n' '|')"
timeout 30 "$TESS" run "$GAPP" -O "$GB/q" --core "$GB" >/dev/null 2>"$GB/bad-core2.err" </dev/null
r=$?; [ $r -eq 125 ] && one_line "$GB/bad-core2.err" && grep -q 'not a regular file' "$GB/bad-core2.err"
check "--core onto a folder: one line, status 125" $? "status $r: $(head -2 "$GB/bad-core2.err" | tr '\n' '|')"
timeout 30 "$TESS" gdb "$GAPP" -O "$GB/never-built" >/dev/null 2>"$GB/gdb-unbuilt.err" </dev/null
r=$?; [ $r -eq 125 ] && one_line "$GB/gdb-unbuilt.err" && grep -q 'not built yet' "$GB/gdb-unbuilt.err"
check "tess gdb of an app not built: one line, status 125" $? "status $r: $(head -2 "$GB/gdb-unbuilt.err" | tr '\n' '|')"
timeout 30 "$TVM" --gdb x img >/dev/null 2>"$GB/tvm-bad-port.err"
r=$?; [ $r -eq 125 ] && one_line "$GB/tvm-bad-port.err" && grep -q 'gdb x: not a port number' "$GB/tvm-bad-port.err"
check "tvm --gdb x: one line, status 125" $? "status $r: $(head -2 "$GB/tvm-bad-port.err" | tr '\n' '|')"
timeout 30 "$TVM" --core "$GB/missing/core" img >/dev/null 2>"$GB/tvm-bad-core.err"
r=$?; [ $r -eq 125 ] && one_line "$GB/tvm-bad-core.err" && grep -q 'core .*missing/core: No such file' "$GB/tvm-bad-core.err"
check "tvm --core into a missing folder: one line, status 125" $? "status $r: $(head -2 "$GB/tvm-bad-core.err" | tr '\n' '|')"

# --- QEMU (TCG here): its gdbstub, driven by tess gdb -----------------------
"$TESS" build "$GAPP" -O "$GB/q" --vmm qemu >"$GB/build.log" 2>&1
check "gdbtarget builds for QEMU" $? "$(grep -m2 -i error "$GB/build.log" | tr '\n' '|')"
QIMG=$GB/q/gdbtarget_kvm-x86_64
if command -v gdb >/dev/null && [ -f "$QIMG.dbg" ]; then
	P=$(free_port)
	timeout 120 "$TESS" run "$GAPP" -O "$GB/q" --vmm qemu --gdb="$P" >"$GB/qemu-run.log" 2>&1 </dev/null &
	GDB_PIDS="$GDB_PIDS $!"; runpid=$!
	# QEMU listens once tess has started it; gdb itself retries for a while too.
	for _ in $(seq 200); do listening "$P"; [ $? -ne 1 ] && break; sleep 0.1; done
	grep -q "attach with:" "$GB/qemu-run.log" &&
		grep -qF "gdb $QIMG.dbg -ex 'target remote 127.0.0.1:$P'" "$GB/qemu-run.log"
	check "tess run --gdb prints the gdb command line to attach" $? "$(head -4 "$GB/qemu-run.log" | tr '\n' '|')"
	if listening "$P"; then
		timeout 30 "$TESS" run "$GAPP" -O "$GB/q" --vmm qemu --gdb="$P" >/dev/null 2>"$GB/in-use.err" </dev/null
		r=$?; [ $r -eq 125 ] && one_line "$GB/in-use.err" && grep -q 'port in use' "$GB/in-use.err"
		check "--gdb on a port in use: one line, status 125" $? "status $r: $(head -2 "$GB/in-use.err" | tr '\n' '|')"
	else
		skip "--gdb on a port in use" "ss (iproute2) not installed, or QEMU not listening"
	fi
	timeout 120 "$TESS" gdb "$GAPP" -O "$GB/q" --port "$P" -- -batch -nx -iex 'set tcp connect-timeout 60' \
		-ex 'break main' -ex continue -ex 'break gdb_square' -ex continue -ex bt -ex 'print x' \
		-ex step -ex 'print squared' -ex finish -ex delete -ex continue >"$GB/qemu-gdb.log" 2>&1 </dev/null
	wait "$runpid"; rc=$?
	GDB_PIDS=
	G=$GB/qemu-gdb.log
	grep -q '^Breakpoint 1, main ' "$G"
	check "QEMU: break at main, continue" $? "$(grep -m3 -E 'Breakpoint|error|Error' "$G" | tr '\n' '|')"
	grep -q '^#0  gdb_square (x=' "$G" && grep -q '^#1  .* in gdb_sum (n=' "$G" && grep -q '^#2  .* in main ' "$G"
	check "QEMU: backtrace gdb_square <- gdb_sum <- main" $? "$(grep '^#' "$G" | tr '\n' '|')"
	grep -qx '$1 = 1' "$G"
	check "QEMU: print a local (x = 1)" $? "$(grep -m2 '^\$' "$G" | tr '\n' '|')"
	grep -qE '^[0-9]+	+return squared;' "$G" && grep -qx '$2 = 1' "$G"
	check "QEMU: step to the next line, its local computed (squared = 1)" $? "$(grep -A2 'print x' "$G" | head -3; grep -E '^[0-9]+	|^\$2' "$G" | tr '\n' '|')"
	grep -A3 '^\$2 = 1$' "$G" | grep -q ' in gdb_sum (n=' && grep -q '^Value returned is $3 = 1$' "$G"
	check "QEMU: finish back to gdb_sum, with gdb_square's value" $? "$(grep -A3 '^\$2' "$G" | tr '\n' '|')"
	[ $rc -eq 42 ] && grep -q 'exited with code 052\|Remote connection closed' "$G" &&
		grep -qx 'gdbtarget: sum 14' "$GB/qemu-run.log"
	check "QEMU: continue to the exit, with the guest's status (42)" $? "status $rc: $(tail -2 "$G" | tr '\n' '|') $(tail -2 "$GB/qemu-run.log" | tr '\n' '|')"
else
	skip "gdb on QEMU" "gdb not installed or gdbtarget not built"
fi
gdb_cleanup

# --- tess gdb NAME: a background instance started with run -d --gdb --------
if command -v gdb >/dev/null && [ -f "$QIMG.dbg" ]; then
	GS=$GB/state
	P=$(free_port)
	TESS_STATE_DIR=$GS timeout 60 "$TESS" run -d --name gdbi --gdb="$P" "$GAPP" -O "$GB/q" --vmm qemu \
		>"$GB/inst-run.out" 2>"$GB/inst-run.err" </dev/null
	r=$?
	for _ in $(seq 200); do listening "$P"; [ $? -ne 1 ] && break; sleep 0.1; done
	TESS_STATE_DIR=$GS timeout 120 "$TESS" gdb gdbi -- -batch -nx -iex 'set tcp connect-timeout 60' \
		-ex 'break main' -ex continue -ex bt -ex delete -ex continue >"$GB/inst-gdb.log" 2>&1 </dev/null
	for _ in $(seq 100); do TESS_STATE_DIR=$GS "$TESS" ps -a 2>/dev/null | grep -q '^gdbi .*exited (42)' && break; sleep 0.1; done
	[ $r -eq 0 ] && [ "$(cat "$GB/inst-run.out")" = gdbi ] && grep -q '^Breakpoint 1, main ' "$GB/inst-gdb.log" &&
		TESS_STATE_DIR=$GS "$TESS" ps -a | grep -q '^gdbi .*exited (42)'
	check "tess gdb NAME: attaches to an instance of run -d --gdb (break at main), which then exits 42" $? \
		"status $r: $(head -2 "$GB/inst-run.err" | tr '\n' '|') $(grep -m3 -E 'Breakpoint|rror' "$GB/inst-gdb.log" | tr '\n' '|')"
	TESS_STATE_DIR=$GS timeout 30 "$TESS" stop -t 1 gdbi >/dev/null 2>&1
	TESS_STATE_DIR=$GS timeout 30 "$TESS" rm gdbi >/dev/null 2>&1
	TESS_STATE_DIR=$GS timeout 60 "$TESS" run -d --name plain "$GAPP" -O "$GB/q" --vmm qemu \
		>/dev/null 2>&1 </dev/null
	TESS_STATE_DIR=$GS timeout 30 "$TESS" gdb plain >/dev/null 2>"$GB/inst-plain.err" </dev/null
	r=$?; [ $r -eq 125 ] && one_line "$GB/inst-plain.err" && grep -q 'not started with --gdb' "$GB/inst-plain.err"
	check "tess gdb of an instance started without --gdb: one line, status 125" $? \
		"status $r: $(head -2 "$GB/inst-plain.err" | tr '\n' '|')"
	TESS_STATE_DIR=$GS timeout 30 "$TESS" rm -f plain >/dev/null 2>&1
fi

# --- core dumps (QEMU) ------------------------------------------------------
if command -v gdb >/dev/null && [ -f "$QIMG.dbg" ]; then
	echo "keep me" >"$GB/core"
	run_guest "$GB/nocrash.log" "$GAPP" -O "$GB/q" --vmm qemu --core "$GB/core"
	[ $rc -eq 42 ] && [ "$(cat "$GB/core")" = "keep me" ] && [ -z "$(ls -A "$GB" | grep tess-core)" ]
	check "--core without a crash: status 42, an existing FILE untouched, no temporary left" $? "status $rc: $(ls -A "$GB" | tr '\n' ' ')"
	rm -f "$GB/core"
	run_guest "$GB/crash.log" "$GAPP" -O "$GB/q" --vmm qemu --core "$GB/core" -- crash
	[ $rc -eq 127 ] && grep -q 'guest crashed' "$GB/crash.log" && grep -q "core dump written to $GB/core" "$GB/crash.log" &&
		readelf -h "$GB/core" 2>/dev/null | grep -q 'CORE (Core file)'
	check "--core: a crash leaves an ELF core (status 127)" $? "status $rc: $(grep -m3 'tess:' "$GB/crash.log" | tr '\n' '|')"
	timeout 60 gdb -batch -nx "$QIMG.dbg" "$GB/core" -ex bt -ex 'print crash_marker' >"$GB/core-gdb.log" 2>&1
	grep -q 'signal SIGSEGV' "$GB/core-gdb.log" && grep -q '^#0  .* in gdb_crash (depth=' "$GB/core-gdb.log" &&
		grep -q '^#1  .* in main ' "$GB/core-gdb.log" && grep -qx '$1 = 4243' "$GB/core-gdb.log" &&
		! grep -q 'may not match' "$GB/core-gdb.log"
	check "gdb IMAGE.dbg CORE: SIGSEGV in gdb_crash <- main, its local (crash_marker = 4243)" $? \
		"$(grep -E '^#|^\$|signal' "$GB/core-gdb.log" | head -4 | tr '\n' '|')"
	run_guest "$GB/crash-pc.log" "$GAPP" -O "$GB/q" --vmm qemu --machine pc --core "$GB/core-pc" -- crash
	timeout 60 gdb -batch -nx "$QIMG.dbg" "$GB/core-pc" -ex bt -ex 'print crash_marker' >"$GB/core-pc-gdb.log" 2>&1
	[ $rc -eq 127 ] && grep -q '^#0  .* in gdb_crash (depth=' "$GB/core-pc-gdb.log" && grep -qx '$1 = 4243' "$GB/core-pc-gdb.log"
	check "--core on -M pc too: gdb_crash and its local" $? \
		"status $rc: $(grep -E '^#|^\$|signal' "$GB/core-pc-gdb.log" | head -4 | tr '\n' '|')"
	run_guest "$GB/abort.log" "$GAPP" -O "$GB/q" --vmm qemu --core "$GB/core-abort" -- abort
	timeout 60 gdb -batch -nx "$QIMG.dbg" "$GB/core-abort" -ex bt -ex 'frame 3' -ex 'print abort_marker' >"$GB/abort-gdb.log" 2>&1
	[ $rc -eq 127 ] && grep -q 'signal SIGABRT' "$GB/abort-gdb.log" && grep -q ' in abort () ' "$GB/abort-gdb.log" &&
		grep -q ' in gdb_abort (code=' "$GB/abort-gdb.log" && grep -qx '$1 = 77' "$GB/abort-gdb.log"
	check "--core of abort(): SIGABRT, abort <- gdb_abort <- main, its local" $? \
		"status $rc: $(grep -E '^#|^\$|signal' "$GB/abort-gdb.log" | head -6 | tr '\n' '|')"
else
	skip "core dumps on QEMU" "gdb not installed or gdbtarget not built"
fi

# --- tvm: its own gdb server and core files need KVM -------------------------
if [ -n "$KVM_REASON" ]; then
	skip "gdb on tvm (break, bt, print, step, finish, exit status)" "needs KVM ($KVM_REASON)"
	skip "--core on tvm" "needs KVM ($KVM_REASON)"
elif command -v gdb >/dev/null; then
	"$TESS" build "$GAPP" -O "$GB/t" --vmm tvm >"$GB/tbuild.log" 2>&1
	P=$(free_port)
	timeout 120 "$TESS" run "$GAPP" -O "$GB/t" --vmm tvm --gdb="$P" >"$GB/tvm-run.log" 2>&1 </dev/null &
	GDB_PIDS="$GDB_PIDS $!"; runpid=$!
	timeout 120 "$TESS" gdb "$GAPP" -O "$GB/t" --port "$P" -- -batch -nx -iex 'set tcp connect-timeout 60' \
		-ex 'break main' -ex continue -ex 'break gdb_square' -ex continue -ex bt -ex 'print x' \
		-ex step -ex 'print squared' -ex finish -ex delete -ex continue >"$GB/tvm-gdb.log" 2>&1 </dev/null
	wait "$runpid"; rc=$?
	GDB_PIDS=
	G=$GB/tvm-gdb.log
	grep -q '^Breakpoint 1, main ' "$G" && grep -q '^#1  .* in gdb_sum (n=' "$G" && grep -qx '$1 = 1' "$G" &&
		grep -qx '$2 = 1' "$G" && grep -q '^Value returned is $3 = 1$' "$G"
	check "tvm: break at main, backtrace, print, step, finish" $? "$(grep -E '^Breakpoint|^#|^\$|Value' "$G" | head -8 | tr '\n' '|')"
	[ $rc -eq 42 ] && grep -q 'exited with code 052' "$G"
	check "tvm: continue to the exit, with the guest's status (42)" $? "status $rc: $(tail -2 "$G" | tr '\n' '|')"
	run_guest "$GB/tcrash.log" "$GAPP" -O "$GB/t" --vmm tvm --core "$GB/tcore" -- crash
	timeout 60 gdb -batch -nx "$GB/t/gdbtarget_tvm-x86_64.dbg" "$GB/tcore" -ex bt -ex 'print crash_marker' >"$GB/tcore-gdb.log" 2>&1
	[ $rc -eq 127 ] && grep -q '^#0  .* in gdb_crash (depth=' "$GB/tcore-gdb.log" && grep -qx '$1 = 4243' "$GB/tcore-gdb.log"
	check "tvm --core: gdb shows gdb_crash and its local" $? "status $rc: $(grep -E '^#|^\$' "$GB/tcore-gdb.log" | head -3 | tr '\n' '|')"
	gdb_cleanup
fi
