# tests/groups/volume.sh: host folders shared over 9P (lib/9pfs, tess run -v) — QEMU's virtio-9p on
# microvm and pc, tvm's own server (host-side without KVM), the fuzzers, bad input.
group "volumes: host folders over 9P (lib/9pfs, tess run -v)"
VB=$OUT/volume
rm -rf "$VB"; mkdir -p "$VB"

# The host-side tests: the client through lib/vfs against tvm's 9P server.
if make -s -f support/build/hosttest.mk LIBDIR=lib/9pfs OUT="$VB/host" >"$VB/host-build.log" 2>&1; then
	TMPDIR=$VB timeout 120 "$VB/host/9pfs" >"$VB/host.log" 2>&1
	r=$?; check "host/9pfs: client <-> tvm's server ($(grep -c '^ok ' "$VB/host.log") cases)" $r \
		"$(grep -m1 -E '^FAIL|ERROR|runtime error' "$VB/host.log")"
else
	fail "host/9pfs build" "$(grep -m1 -i error "$VB/host-build.log")"
fi
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I include -I tools/tvm -o "$VB/hc9p-test" \
	tools/tvm/tests/hc9p-test.c tools/tvm/hypercall.c tools/tvm/paging.c tools/tvm/volume.c \
	tools/tvm/p9.c tools/tvm/p9host.c tools/tvm/devices.c tools/tvm/blk.c tools/tvm/net.c \
	tools/tvm/file.c tools/tvm/seccomp.c -lseccomp >"$VB/hc9p.log" 2>&1 && "$VB/hc9p-test" >>"$VB/hc9p.log" 2>&1
r=$?; check "tvm: TVM_HC_9P without KVM, and every request under tvm's seccomp filter ($(grep -c '^ok' "$VB/hc9p.log") cases)" $r \
	"$(grep -m1 -E '^FAIL|error' "$VB/hc9p.log")"
if command -v clang >/dev/null; then
	bash lib/9pfs/fuzz/run.sh "$VB/fuzz-reply" "${TS_FUZZ_SECONDS:-5}" >"$VB/fuzz-reply.log" 2>&1
	check "fuzzer: lib/9pfs's reply checks and client, and its corpus" $? "$(grep -m1 FAIL "$VB/fuzz-reply.log")"
	bash tools/tvm/fuzz/run.sh "$VB/fuzz-p9" "${TS_FUZZ_SECONDS:-5}" p9 >"$VB/fuzz-p9.log" 2>&1
	check "fuzzer: tvm's 9P request handling, and its corpus" $? "$(grep -m1 FAIL "$VB/fuzz-p9.log")"
else
	skip "9P fuzzers" "clang (with libclang-rt-14-dev) not installed"
fi

# The host folders: share/ (read-write, vol0 on /data), ro/ (vol1 on
# /ro, :ro), and beside them what must stay out of reach.
volume_tree() {
	local t=$1
	rm -rf "$t"; mkdir -p "$t/share/in/empty-dir" "$t/share/out" "$t/ro"
	echo "hello from the host" >"$t/share/in/hello.txt"
	head -c 300000 /dev/urandom >"$t/share/in/random.bin"
	echo r >"$t/share/in/rename-me"
	echo d >"$t/share/in/delete-me"
	echo "read only" >"$t/ro/ro.txt"
	echo SECRET >"$t/secret.txt"
	ln -s .. "$t/share/up"
	ln -s "$t" "$t/share/abs"
	ln -s ../.. "$t/share/in/up2"
}
# A listing of a folder with contents, to show it unchanged.
snapshot() { (cd "$1" && find . -printf '%y %m %s %p %l\n' | sort && find . -type f -exec cksum {} + | sort); }

volume_case() { # volume_case MACHINE
	local m=$1 t=$VB/$1 log=$VB/$1.log
	volume_tree "$t"
	snapshot "$t/ro" >"$t.ro-before"
	(cd "$t/share/in" && ls -A | sort) >"$t.list-want"
	run_guest "$log" tests/apps/volume -O "$VB/b" --vmm qemu --machine "$m" \
		-v "$t/share:/data" --volume "$t/ro:/ro:ro"
	[ $rc -eq 0 ] && grep -q '^volume: done, 0 failed' "$log"
	check "$m: the guest's own checks hold (status 0)" $? "status $rc: $(grep -m3 -E 'FAIL|error|tess:' "$log" | tr '\n' '|')"
	grep -qx "volume: hello $(cat "$t/share/in/hello.txt")" "$log" &&
		grep -qx "volume: cksum $(cksum <"$t/share/in/random.bin" | cut -d' ' -f1,2)" "$log"
	check "$m: the guest reads host files (text, 300 KB cksum)" $? "$(grep -m2 -E 'hello|cksum' "$log" | tr '\n' '|')"
	sed -n 's|^volume: list /data/in ||p' "$log" | sort >"$t.list-got"
	# the guest listed before it renamed and deleted: the host's list from before
	cmp -s "$t.list-want" "$t.list-got"
	check "$m: the guest lists what the host has" $? "$(diff "$t.list-want" "$t.list-got" | head -3 | tr '\n' '|')"
	[ "$(cat "$t/share/out/hello.txt" 2>&1)" = "written by the guest" ] &&
		cmp -s "$t/share/in/random.bin" "$t/share/out/copy.bin"
	check "$m: files the guest writes are on the host (text, 300 KB copy)" $? "$(ls -l "$t/share/out" | tr '\n' '|')"
	[ -d "$t/share/out/newdir" ] && [ "$(stat -c %a "$t/share/out/newdir")" = 750 ] &&
		[ "$(cat "$t/share/out/newdir/inner")" = x ] && [ "$(cat "$t/share/out/renamed")" = r ] &&
		[ ! -e "$t/share/in/rename-me" ] && [ ! -e "$t/share/in/delete-me" ] &&
		[ ! -e "$t/share/in/empty-dir" ] && [ "$(readlink "$t/share/out/link")" = hello.txt ]
	check "$m: mkdir, rename, unlink, rmdir, symlink show on the host" $? "$(find "$t/share" | tr '\n' ' ')"
	local ro_ok=1
	for op in create mkdir unlink open-write rename; do
		grep -qx "volume: ro $op -30" "$log" || ro_ok=0
	done
	snapshot "$t/ro" >"$t.ro-after"
	[ $ro_ok = 1 ] && grep -qx 'volume: ro read only' "$log" && cmp -s "$t.ro-before" "$t.ro-after"
	check "$m: a :ro share reads, refuses every change with EROFS, the host folder is unchanged" $? \
		"$(grep '^volume: ro' "$log" | tr '\n' '|') $(diff "$t.ro-before" "$t.ro-after" | head -2 | tr '\n' '|')"
	[ "$(grep -c '^volume: escape /.* -[0-9]* $' "$log")" -eq 5 ] && ! grep -q SECRET "$log"
	check "$m: nothing outside the folder is reachable (.., a link to .., an absolute link)" $? \
		"$(grep '^volume: escape' "$log" | tr '\n' '|')"
}
volume_case microvm
volume_case pc

# Bad input: one line from tess before anything is built or booted.
VT=$VB/bad; mkdir -p "$VT/dir"; : >"$VT/file"
vol_bad() { # vol_bad NAME PATTERN -v-VALUE
	timeout 60 "$TESS" run tests/apps/volume -O "$VB/b" --vmm qemu -v "$3" >"$VB/bad.log" 2>&1 </dev/null
	local r=$?
	[ $r -eq 125 ] && [ "$(wc -l <"$VB/bad.log")" -eq 1 ] && grep -q -- "$2" "$VB/bad.log"
	check "$1" $? "status $r: $(head -2 "$VB/bad.log" | tr '\n' '|')"
}
vol_bad "-v with a missing host folder: one line" "$VT/none: No such file or directory" "$VT/none:/data"
vol_bad "-v with a file as the host folder: one line" "$VT/file: not a folder" "$VT/file:/data"
vol_bad "-v with a relative guest folder: one line" "GUESTDIR 'data' must be an absolute path" "$VT/dir:data"
vol_bad "-v with a bad suffix: one line" "unknown suffix ':rx'" "$VT/dir:/data:rx"
vol_bad "-v with a space in the guest folder: one line" "cannot hold spaces" "$VT/dir:/my data"
timeout 60 "$TESS" run tests/apps/volume -O "$VB/b" --vmm qemu -v "$VT/dir:/a" -v "$VT/dir:/a" >"$VB/bad.log" 2>&1 </dev/null
r=$?; [ $r -eq 125 ] && grep -q "already a volume's GUESTDIR" "$VB/bad.log"
check "-v twice on one guest folder: one line" $? "status $r: $(head -1 "$VB/bad.log")"
# a guest that was given no share for its mount stops in one line (vfs.mount=)
run_guest "$VB/notag.log" tests/apps/volume -O "$VB/b" --vmm qemu -k vfs.mount=vol5:/data:9p
[ $rc -eq 127 ] && grep -q '^vfs.mount=vol5:/data:9p: no such filesystem type in this image (or no such device)' "$VB/notag.log" &&
	! grep -q '^volume:' "$VB/notag.log"
check "a vfs.mount= of a tag no device has: one line, status 127" $? "status $rc: $(grep -v KVM "$VB/notag.log" | head -2 | tr '\n' '|')"
# -v is still --verbose when no volume follows
timeout 120 "$TESS" run tests/apps/volume -O "$VB/b" --vmm qemu -v -v "$VT/dir:/data" -- bench none >"$VB/verbose.log" 2>&1 </dev/null
grep -q '^qemu-system-x86_64 .*mount_tag=vol0' "$VB/verbose.log" && grep -q 'vfs.mount=vol0:/data:9p' "$VB/verbose.log"
check "-v without a ':' after it is --verbose (the QEMU line shows the share)" $? "$(head -2 "$VB/verbose.log" | tr '\n' '|')"
# tvm refuses a missing folder before it needs KVM
"$TVM" --volume "$VT/none" "$VB/b/volume_kvm-x86_64" >"$VB/tvm-none.log" 2>&1
r=$?; [ $r -eq 125 ] && grep -q "tvm: --volume $VT/none: No such file or directory" "$VB/tvm-none.log"
check "tvm --volume of a missing folder: one line, status 125" $? "status $r: $(head -1 "$VB/tvm-none.log")"

if [ -n "$KVM_REASON" ]; then
	skip "volumes on tvm" "tvm needs KVM, not usable here ($KVM_REASON)"
else
	t=$VB/tvm; volume_tree "$t"; snapshot "$t/ro" >"$t.ro-before"
	run_guest "$VB/tvm.log" tests/apps/volume -O "$VB/tb" --vmm tvm -v "$t/share:/data" -v "$t/ro:/ro:ro"
	snapshot "$t/ro" >"$t.ro-after"
	[ $rc -eq 0 ] && grep -q '^volume: done, 0 failed' "$VB/tvm.log" &&
		grep -qx "volume: cksum $(cksum <"$t/share/in/random.bin" | cut -d' ' -f1,2)" "$VB/tvm.log" &&
		cmp -s "$t/share/in/random.bin" "$t/share/out/copy.bin" && cmp -s "$t.ro-before" "$t.ro-after" &&
		! grep -q SECRET "$VB/tvm.log"
	check "tvm: reads, writes, names, :ro and escapes as on QEMU" $? "status $rc: $(grep -m3 -E 'FAIL|error|tvm:' "$VB/tvm.log" | tr '\n' '|')"
fi
