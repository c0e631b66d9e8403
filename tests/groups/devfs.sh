# tests/groups/devfs.sh: /dev (lib/devfs) against Linux's own /dev, the CSPRNG (lib/random) and its seed sources, console input through tess and tvm.
group "devfs: /dev, random numbers, console input"
DB=$OUT/devfs
mkdir -p "$DB"; rm -f "$DB"/*.log "$DB"/*.diff # build folders stay: reruns build nothing
DAPP=tests/apps/devfs

# ---- host side: ChaCha20 and the generator, tvm's hypercalls ---------------
if make -s -f support/build/hosttest.mk LIBDIR=lib/random OUT="$DB/host" >"$DB/host-build.log" 2>&1; then
	timeout 120 "$DB/host/random" >"$DB/host.log" 2>&1
	r=$?; check "host/random: ChaCha20 vectors (RFC 8439), fast key erasure, threads ($(grep -c '^ok' "$DB/host.log") cases)" \
		$r "$(grep -m1 -E '^FAIL|ERROR|runtime error' "$DB/host.log")"
else
	fail "host/random build" "$(grep -m1 -i error "$DB/host-build.log")"
fi
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I include -I tools/tvm -o "$DB/hc-test" \
	tools/tvm/tests/hc-test.c tools/tvm/hypercall.c tools/tvm/paging.c >"$DB/hc-test.log" 2>&1 &&
	"$DB/hc-test" >>"$DB/hc-test.log" 2>&1
r=$?; n=$(grep -cE '^ok (CONSOLE_READ|RANDOM|WAIT|refused|a host read)' "$DB/hc-test.log")
[ $r -eq 0 ] && [ "$n" -ge 15 ]
check "tvm CONSOLE_READ, RANDOM and WAIT's console bit without KVM ($n cases; bad GPA/len -> EFAULT/EINVAL)" $? \
	"status $r: $(grep -m1 -E '^FAIL|error' "$DB/hc-test.log")"

# ---- the same program on Linux's /dev and on the guest's --------------------
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I lib/vfs/include -o "$DB/devfs-host" \
	"$DAPP/main.c" "$DAPP/host/vfs_host.c" >"$DB/host-prog.log" 2>&1 &&
	"$DB/devfs-host" semantics >"$DB/semantics.host" 2>&1
r=$?; check "the devfs test program builds and runs on the host's /dev" $r "$(head -3 "$DB/host-prog.log" "$DB/semantics.host" | tr '\n' '|')"

run_guest "$DB/all.log" "$DAPP" -O "$DB/b" --vmm qemu -k loglevel=debug -- semantics list readonly random tty
grep -E '^(null|zero|full|random|urandom): ' "$DB/all.log" | grep -v 'chi-square' >"$DB/semantics.guest" # the random mode's lines are checked below
[ $rc -eq 0 ] && [ -s "$DB/semantics.host" ] && diff "$DB/semantics.host" "$DB/semantics.guest" >"$DB/semantics.diff"
r=$?; check "null, zero, full, random, urandom: $(wc -l <"$DB/semantics.host") results (errno, st_mode, rdev, lseek, pread, ioctl, poll, O_CREAT|O_EXCL) as Linux gives" \
	$r "status $rc: $(head -4 "$DB/semantics.diff" | tr '\n' '|')"

printf '%s\n' 'list: . dir' 'list: .. dir' 'list: null chr' 'list: zero chr' 'list: full chr' \
	'list: random chr' 'list: urandom chr' 'list: console chr' 'list: end -> 0' >"$DB/list.want"
grep '^list: ' "$DB/all.log" | diff "$DB/list.want" - >"$DB/list.diff"
check "getdents64 of /dev in 64-byte pieces: the six devices as DT_CHR" $? "$(head -4 "$DB/list.diff" | tr '\n' '|')"

printf '%s\n' 'readonly: create /dev/newfile -> EROFS' 'readonly: mkdir /dev/dir -> EROFS' \
	'readonly: unlink /dev/null -> EROFS' 'readonly: rename /dev/zero -> EROFS' \
	'readonly: symlink /dev/link -> EROFS' 'readonly: chmod /dev/null -> EROFS' \
	'readonly: stat /dev/nonexistent -> ENOENT' 'readonly: stat /dev -> 0, mode 40755' \
	'readonly: write /dev/null -> 1' >"$DB/ro.want"
grep '^readonly: ' "$DB/all.log" | diff "$DB/ro.want" - >"$DB/ro.diff"
check "/dev is mounted read-only: creating, removing, renaming, chmod give EROFS; devices stay writable" $? \
	"$(head -4 "$DB/ro.diff" | tr '\n' '|')"

[ "$(grep -c '^random: /dev/u\{0,1\}random: reads differ, not constant, chi-square ok$' "$DB/all.log")" -eq 2 ]
check "/dev/random and /dev/urandom: 256 KiB each, not constant, reads differ, byte histogram sane" $? \
	"$(grep '^random:' "$DB/all.log" | tr '\n' '|')"
grep -qE '^debug: random: seeded from (rdseed|rdrand)$' "$DB/all.log"
r=$?; check "the generator is seeded at boot from the CPU ($(grep -o 'seeded from [a-z-]*' "$DB/all.log"))" $r \
	"$(grep -m1 'random' "$DB/all.log")"
printf '%s\n' 'tty: TCGETS -> 0' 'tty: TIOCGWINSZ -> 0, 80x24' 'tty: FIONREAD -> ENOTTY' 'tty: lseek -> ESPIPE' \
	'tty: non-blocking read with no input -> EAGAIN' >"$DB/tty.want"
# Input is /dev/null: QEMU may or may not have seen its end by that read.
grep '^tty: ' "$DB/all.log" | sed 's/input -> 0$/input -> EAGAIN/' | diff "$DB/tty.want" - >"$DB/tty.diff"
check "/dev/console: TCGETS and TIOCGWINSZ answer, no seek, an O_NONBLOCK read does not wait" $? \
	"$(head -4 "$DB/tty.diff" | tr '\n' '|')"
nm "$DB/b/devfs_kvm-x86_64.dbg" | grep -q ' ts_devfs_register$'
check "the image has lib/devfs" $? "no ts_devfs_register"

# ---- seed sources: virtio-rng, and none at all --------------------------------
# app_variant NAME OPTION...: a copy of the test app with extra options
# (files rewritten only when they change, so a rerun rebuilds nothing)
app_variant() {
	local d=$DB/$1; shift
	mkdir -p "$d"
	cmp -s "$DAPP/main.c" "$d/main.c" || cp "$DAPP/main.c" "$d/"
	{ cat "$DAPP/Tessfile"; for o in "$@"; do echo "option = $o"; done; } >"$d/Tessfile.new"
	if cmp -s "$d/Tessfile.new" "$d/Tessfile"; then rm "$d/Tessfile.new"; else mv "$d/Tessfile.new" "$d/Tessfile"; fi
}
app_variant norng LIBRANDOM_CPU=n
for m in microvm pc; do
	run_guest "$DB/rng-$m.log" "$DB/norng" -O "$DB/norng-b" --vmm qemu --machine $m -k loglevel=debug -- random
	[ $rc -eq 0 ] && grep -qx 'debug: random: seeded from virtio-rng' "$DB/rng-$m.log" &&
		[ "$(grep -c 'chi-square ok$' "$DB/rng-$m.log")" -eq 2 ]
	check "without RDSEED/RDRAND the generator is seeded from virtio-rng ($m)" $? \
		"status $rc: $(grep -E 'random|seed' "$DB/rng-$m.log" | head -3 | tr '\n' '|')"
done
app_variant nosource LIBRANDOM_CPU=n DRIVERS_VIRTIO_RNG=n
run_guest "$DB/nosource.log" "$DB/nosource" -O "$DB/nosource-b" --vmm qemu -- random
[ $rc -eq 127 ] && grep -q '^random: no seed source' "$DB/nosource.log" && ! grep -q '^random: /dev' "$DB/nosource.log"
check "no seed source at all: one line at boot, status 127, main never runs" $? \
	"status $rc: $(grep -v KVM "$DB/nosource.log" | head -3 | tr '\n' '|')"

# ---- console input through tess ------------------------------------------------
# console_run LOG ARGS...: tess run with the test's stdin (not /dev/null)
console_run() {
	local log=$1; shift
	timeout 120 "$TESS" run --timeout 90 "$@" >"$log" 2>&1
	rc=$?
}
# hello_run LOG ARGS...: printf 'hello\nworld\n' | tess run ARGS, through a real pipe
hello_run() {
	local log=$1; shift
	printf 'hello\nworld\n' | timeout 120 "$TESS" run --timeout 90 "$@" >"$log" 2>&1
	rc=${PIPESTATUS[1]}
}
for m in microvm pc; do
	hello_run "$DB/console-$m.log" "$DAPP" -O "$DB/b" --vmm qemu --machine $m -- console
	printf '%s\n' 'console: written to /dev/console' 'console: line "hello"' 'console: line "world"' \
		'console: end after 12 bytes -> 0' 'console: read after the end -> 0' >"$DB/console.want"
	grep '^console: ' "$DB/console-$m.log" | diff "$DB/console.want" - >"$DB/console-$m.diff"
	[ $rc -eq 0 ] && [ ! -s "$DB/console-$m.diff" ]
	check "printf 'hello\\nworld\\n' | tess run: /dev/console reads both lines, then EOF ($m)" $? \
		"status $rc: $(head -4 "$DB/console-$m.diff" | tr '\n' '|')"
done
console_run "$DB/console-null.log" "$DAPP" -O "$DB/b" --vmm qemu -- console </dev/null
[ $rc -eq 0 ] && grep -qx 'console: end after 0 bytes -> 0' "$DB/console-null.log"
check "stdin from /dev/null: /dev/console is at its end at once" $? "status $rc: $(grep '^console' "$DB/console-null.log" | tr '\n' '|')"
head -c 150000 /dev/urandom | base64 >"$DB/big.txt"
printf 'no newline at the end' >>"$DB/big.txt"
console_run "$DB/console-big.log" "$DAPP" -O "$DB/b" --vmm qemu -- console <"$DB/big.txt"
sed -n 's/^console: \(last \)\{0,1\}line "\(.*\)"$/\2/p' "$DB/console-big.log" | head -c -1 | cmp -s - "$DB/big.txt"
r=$?; [ $rc -eq 0 ] && [ $r -eq 0 ] && grep -qx "console: end after $(wc -c <"$DB/big.txt") bytes -> 0" "$DB/console-big.log"
r=$?; check "$(wc -c <"$DB/big.txt") bytes through /dev/console arrive whole and in order" $r \
	"status $rc, cmp $r: $(tail -2 "$DB/console-big.log" | tr '\n' '|')"
# A guest that never reads its console is not held up by an endless stdin.
yes | timeout 60 "$TESS" run apps/helloworld -O "$DB/hello" --vmm qemu -- --exit 3 >"$DB/yes.log" 2>&1
r=$?; [ $r -eq 3 ] && grep -qx 'Hello, world!' "$DB/yes.log"
check "an endless stdin does not hold up a guest that never reads it (yes | tess run helloworld)" $? "status $r"
nm "$DB/hello/helloworld_kvm-x86_64.dbg" | grep -qE ' (ts_random_bytes|ts_virtio_console_read|ts_devfs_register)$'
[ $? -ne 0 ]; check "helloworld links none of lib/random, lib/devfs or console input" $? \
	"$(nm "$DB/hello/helloworld_kvm-x86_64.dbg" | grep -E 'ts_random|console_read|devfs' | head -3 | tr '\n' ' ')"

# ---- tvm ---------------------------------------------------------------------------
"$TESS" build "$DAPP" -O "$DB/bt" --vmm tvm >"$DB/tvm-build.log" 2>&1 &&
	nm "$DB/bt/devfs_tvm-x86_64.dbg" | grep -q ' ts_tvm_console_read$'
check "the devfs test app builds for tvm (console input and the RANDOM seed source)" $? \
	"$(grep -m1 -i error "$DB/tvm-build.log")"
if [ -n "$KVM_REASON" ]; then
	skip "tvm: /dev/console reads tvm's stdin to its end" "tvm needs KVM ($KVM_REASON)"
	skip "tvm: seeded from the RANDOM hypercall without RDSEED/RDRAND" "tvm needs KVM ($KVM_REASON)"
	skip "tvm: null, zero, full, random, urandom as Linux" "tvm needs KVM ($KVM_REASON)"
else
	hello_run "$DB/tvm-console.log" "$DAPP" -O "$DB/bt" --vmm tvm -- console
	grep '^console: ' "$DB/tvm-console.log" | diff "$DB/console.want" - >"$DB/tvm-console.diff"
	[ $rc -eq 0 ] && [ ! -s "$DB/tvm-console.diff" ]
	check "tvm: /dev/console reads tvm's stdin to its end" $? "status $rc: $(head -4 "$DB/tvm-console.diff" | tr '\n' '|')"
	run_guest "$DB/tvm-rng.log" "$DB/norng" -O "$DB/norng-bt" --vmm tvm -k loglevel=debug -- random
	[ $rc -eq 0 ] && grep -qx 'debug: random: seeded from tvm' "$DB/tvm-rng.log" &&
		[ "$(grep -c 'chi-square ok$' "$DB/tvm-rng.log")" -eq 2 ]
	check "tvm: seeded from the RANDOM hypercall without RDSEED/RDRAND" $? "status $rc: $(grep random "$DB/tvm-rng.log" | head -3 | tr '\n' '|')"
	run_guest "$DB/tvm-all.log" "$DAPP" -O "$DB/bt" --vmm tvm -- semantics
	grep -E '^(null|zero|full|random|urandom): ' "$DB/tvm-all.log" | diff "$DB/semantics.host" - >"$DB/tvm-sem.diff"
	[ $rc -eq 0 ] && [ ! -s "$DB/tvm-sem.diff" ]
	check "tvm: null, zero, full, random, urandom as Linux" $? "status $rc: $(head -4 "$DB/tvm-sem.diff" | tr '\n' '|')"
fi
