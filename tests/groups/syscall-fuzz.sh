# tests/groups/syscall-fuzz.sh: random system calls (tests/apps/syscall-fuzz)
# against Tessera's kernel side on QEMU/TCG: one run with a fixed seed, one
# with a seed from the clock (printed, to reproduce a failure with
#   bin/tess run tests/apps/syscall-fuzz --vmm qemu -- SEED 1000000 SECONDS -v).
# Pass = the guest ends with its summary and status 0: no panic, no crash.
# On a failure the same seed is run again with -v to name the last call.
group "syscall fuzzer (random system calls must not crash the kernel side)"
FZ=$OUT/syscall-fuzz
mkdir -p "$FZ"; rm -f "$FZ"/*.log
FZ_SECONDS=${TS_FUZZ_SECONDS:-25}
"$TESS" build tests/apps/syscall-fuzz -O "$FZ/b" >"$FZ/build.log" 2>&1
check "syscall-fuzz builds (musl)" $? "$(grep -m2 -i error "$FZ/build.log" | tr '\n' '|')"

fuzz_case() {
	local name=$1 seed=$2 log=$FZ/$1.log
	timeout $((FZ_SECONDS + 100)) "$TESS" run tests/apps/syscall-fuzz -O "$FZ/b" --vmm qemu --timeout $((FZ_SECONDS + 60)) \
		-- "$seed" 100000000 "$FZ_SECONDS" >"$log" 2>&1 </dev/null
	rc=$?
	local summary why=""
	summary=$(grep -m1 "^fuzz: [0-9]* calls" "$log"); summary=${summary:-fuzz: no summary}
	[ $rc -eq 0 ] && grep -qx 'fuzz: end' "$log" && ! grep -q -e 'PANIC' -e 'guest crashed' "$log"
	local ok=$?
	if [ $ok -ne 0 ]; then
		# the same calls again, each printed before it is made
		timeout $((FZ_SECONDS + 100)) "$TESS" run tests/apps/syscall-fuzz -O "$FZ/b" --vmm qemu --timeout $((FZ_SECONDS + 60)) \
			-- "$seed" 100000000 "$FZ_SECONDS" -v >"$log.v" 2>&1 </dev/null
		why="status $rc: $(grep -m1 -e PANIC -e 'crashed' -e 'still running' "$log" | head -1); last call: $(grep '^call ' "$log.v" | tail -1)"
	fi
	check "$name (seed $seed, $FZ_SECONDS s): ${summary#fuzz: }" $ok "$why"
}
fuzz_case "fixed seed" 1
fuzz_case "seed from the clock" "$(date +%s)"
