# tests/groups/ext2.sh: lib/ext2 — its host tests on mkfs.ext2 images, the fuzzer of its metadata readers, and disks in guests.
group "ext2 filesystem (lib/ext2)"
EB=$OUT/ext2
mkdir -p "$EB"

if ! command -v mkfs.ext2 >/dev/null || ! command -v e2fsck >/dev/null; then
	skip "ext2" "e2fsprogs (mkfs.ext2, e2fsck, debugfs) not installed"
	return 0 2>/dev/null || exit 0
fi

# The host tests (also run by the host group): every operation on images,
# e2fsck -fn after each case.
if make -s -f support/build/hosttest.mk LIBDIR=lib/ext2 OUT="$EB/host" >"$EB/host-build.log" 2>&1; then
	(cd "$EB" && timeout 300 "$EB/host/ext2" >"$EB/host.log" 2>&1)
	r=$?
	check "host/ext2 on mkfs.ext2 images, e2fsck -fn clean ($(grep -c '^ok ' "$EB/host.log") cases)" $r \
		"$(grep -m1 -E '^FAIL|ERROR|runtime error' "$EB/host.log")"
else
	fail "host/ext2 build" "$(grep -m1 -i error "$EB/host-build.log")"
fi

if command -v clang >/dev/null; then
	bash lib/ext2/fuzz/run.sh "$EB/fuzz" "${TS_FUZZ_SECONDS:-5}" >"$EB/fuzz.log" 2>&1
	check "ext2 fuzzer (images mounted, walked, changed) and its corpus" $? "$(grep -m1 FAIL "$EB/fuzz.log")"
else
	skip "ext2 fuzzer" "clang (with libclang-rt-14-dev) not installed"
fi

if [ ! -f lib/blk/Config.uk ]; then
	skip "ext2 disks in guests" "lib/blk is not on this branch yet"
	return 0 2>/dev/null || exit 0
fi
