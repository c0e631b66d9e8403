# tests/groups/ext2.sh: lib/ext2 — its host tests on mkfs.ext2 images, the fuzzer of its metadata readers, and ext2 disks in guests (tests/apps/ext2).
group "ext2 filesystem (lib/ext2)"
EB=$OUT/ext2
# The build folders stay from run to run (b, tb, rb, and the fuzzer's objects): a no-op rebuild.
mkdir -p "$EB"
(cd "$EB" && rm -rf -- $(ls -A | grep -vx -e b -e tb -e rb -e fuzz))

# ext2_tree DIR: the host files the guest gets (links, a slow symbolic
# link, a hard link, a file past the direct blocks, old/ and gone to move
# and remove).
ext2_tree() {
	rm -rf "$1"; mkdir -p "$1/sub/deep" "$1/old"
	printf 'hello from the host\n' >"$1/hello.txt"; chmod 600 "$1/hello.txt"
	head -c 300000 /dev/urandom >"$1/sub/random"; ln "$1/sub/random" "$1/hard"
	ln -s hello.txt "$1/fast"; ln -s "$(printf './%.0s' $(seq 50))sub/random" "$1/slow"
	printf x >"$1/sub/deep/leaf"; printf 'to move\n' >"$1/old/f"; printf 'to remove\n' >"$1/gone"
}

# ext2_expect DIR: what `ext2 list` prints for an image of DIR, sorted
# (its own lost+found included).
ext2_expect() {
	(cd "$1" && find . -mindepth 1 | while read -r p; do
		q=/data/${p#./}
		if [ -L "$p" ]; then echo "l $(readlink "$p") $q"
		elif [ -d "$p" ]; then echo "d $(stat -c %a "$p") $q"
		else echo "f $(stat -c '%a %h %s' "$p") $(cksum <"$p" | cut -d' ' -f1) $q"; fi
	done; echo "d 700 /data/lost+found") | sort
}

# ext2_image DIR IMG SIZE: mkfs.ext2 (1 KiB blocks) of DIR in IMG.
ext2_image() {
	rm -f "$2" && mkfs.ext2 -q -F -b 1024 -d "$1" "$2" "$3" >/dev/null 2>&1
}

# ext2_cat IMG PATH: a file of IMG as debugfs reads it.
ext2_cat() {
	debugfs -R "cat $2" "$1" 2>/dev/null
}

# ext2_records_round VMM IMG LOG: boot `ext2 records` on a fresh image,
# SIGKILL the monitor at a random moment after the first record, repair
# with e2fsck -fy; 0 when every record the guest printed is in the file.
ext2_records_round() {
	local vmm=$1 img=$2 log=$3 pid mon n want
	shift 3
	ext2_image "$EB/empty" "$img" 4M || return 2
	: >"$log" # before the job starts: the wait below reads it at once
	"$TESS" run tests/apps/ext2 -O "$EB/$([ "$vmm" = tvm ] && echo tb || echo b)" --vmm "$vmm" --disk "$img" --timeout 60 "$@" \
		-- records 0 >"$log" 2>&1 </dev/null &
	pid=$!
	for _ in $(seq 600); do # the first record, within 60 s
		grep -qx '[0-9]*' "$log" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	sleep "$(awk -v s=$RANDOM 'BEGIN { printf "%.2f", (s % 150) / 100 }')"
	mon=$(pgrep -P $pid | head -1)
	[ -n "$mon" ] && kill -KILL "$mon"
	wait $pid 2>/dev/null
	n=$(grep -x '[0-9]*' "$log" | tail -1)
	[ -n "$n" ] || { echo "no record printed" >>"$log"; return 1; }
	e2fsck -fy "$img" >"$log.fsck" 2>&1
	[ $? -le 1 ] || { echo "e2fsck -fy could not repair" >>"$log"; return 1; }
	want=$(seq 1 "$n" | sed 's/^/record /')
	[ "$(ext2_cat "$img" /records | head -n "$n")" = "$want" ] ||
		{ echo "records 1..$n not all in the file" >>"$log"; return 1; }
	echo "$n" >>"$EB/records-$vmm.counts"
}

# ext2_fault_test VMM ROUNDS
ext2_fault_test() {
	local bad=0 i start=$(date +%s)
	: >"$EB/records-$1.counts"
	for i in $(seq "$2"); do
		ext2_records_round "$1" "$EB/rec-$1.img" "$EB/rec-$1-$i.log" || { bad=$i; break; }
	done
	if [ $bad -eq 0 ]; then
		ok "$1: fsync'd records survive SIGKILL of the monitor at random moments ($2 rounds in $(($(date +%s) - start)) s, $(sort -n "$EB/records-$1.counts" | sed -n '1p;$p' | paste -sd- ) records printed)"
	else
		fail "$1: fsync'd records survive SIGKILL of the monitor at random moments" \
			"round $bad: $(tail -2 "$EB/rec-$1-$bad.log" | tr '\n' '|')"
	fi
}

ext2_guests() {
	local T=$EB/tree IMG=$EB/disk.img
	ext2_tree "$T"
	mkdir -p "$EB/empty"
	ext2_expect "$T" >"$EB/want"
	ext2_image "$T" "$IMG" 16M
	run_guest "$EB/list.log" tests/apps/ext2 -O "$EB/b" --vmm qemu --disk "$IMG" -- list
	grep -E '^[dfl] ' "$EB/list.log" | sort >"$EB/got"
	[ $rc -eq 0 ] && grep -qx 'ext2: ok' "$EB/list.log" && cmp -s "$EB/want" "$EB/got"
	check "the guest lists and reads the host's files (mkfs.ext2 -d): modes, links, sizes, cksums, targets" $? \
		"status $rc: $(diff "$EB/want" "$EB/got" | head -4 | tr '\n' '|')$(grep -m2 -e FAIL -e error "$EB/list.log" | tr '\n' '|')"
	e2fsck -fn "$IMG" >"$EB/list.fsck" 2>&1
	check "after listing, e2fsck -fn finds the disk clean" $? "$(grep -v '^Pass\|^e2fsck' "$EB/list.fsck" | head -3 | tr '\n' '|')"

	run_guest "$EB/write.log" tests/apps/ext2 -O "$EB/b" --vmm qemu --disk "$IMG" -- write
	perl -e 'print pack("C*", map { ($_ * 7 + ($_ >> 10)) & 255 } 0 .. 1048575)' >"$EB/big.want"
	debugfs -R "dump /new/sparse $EB/sparse.got" "$IMG" >/dev/null 2>&1
	[ $rc -eq 0 ] && grep -qx 'ext2: ok' "$EB/write.log" &&
		[ "$(ext2_cat "$IMG" /new/small)" = "written by the guest" ] &&
		[ "$(ext2_cat "$IMG" /new/hard)" = "written by the guest" ] &&
		[ "$(ext2_cat "$IMG" /new/big | cksum)" = "$(cksum <"$EB/big.want")" ] &&
		[ "$(stat -c %s "$EB/sparse.got")" = $((70 * 1048576 + 4)) ] &&
		[ "$(tail -c 4 "$EB/sparse.got")" = "end" ] &&
		debugfs -R "stat /new/link" "$IMG" 2>/dev/null | grep -q 'Fast link dest: "small"' &&
		[ "$(ext2_cat "$IMG" /new/moved/f)" = "to move" ] &&
		! debugfs -R "stat /gone" "$IMG" 2>&1 | grep -q 'Inode:'
	check "the guest's new files, link, move and removal read back with debugfs" $? \
		"status $rc: $(grep -m2 -e FAIL -e error "$EB/write.log" | tr '\n' '|')"
	e2fsck -fn "$IMG" >"$EB/write.fsck" 2>&1
	check "after writing, e2fsck -fn finds the disk clean" $? "$(grep -v '^Pass\|^e2fsck' "$EB/write.fsck" | head -3 | tr '\n' '|')"

	before=$(cksum <"$IMG")
	run_guest "$EB/ro.log" tests/apps/ext2 -O "$EB/b" --vmm qemu --disk "$IMG:ro" -- ro
	[ $rc -eq 0 ] && grep -qx 'ext2: EROFS' "$EB/ro.log" && [ "$(cksum <"$IMG")" = "$before" ]
	check "a read-only disk: EROFS, the image unchanged" $? "status $rc: $(grep -m2 -e FAIL -e error "$EB/ro.log" | tr '\n' '|')"

	cp "$IMG" "$EB/bad.img"
	printf '\000\000' | dd of="$EB/bad.img" bs=1 seek=$((1024 + 56)) conv=notrunc status=none
	run_guest "$EB/bad.log" tests/apps/ext2 -O "$EB/b" --vmm qemu --disk "$EB/bad.img" -- list
	[ $rc -eq 127 ] && [ "$(grep -c 'ext2: vda:' "$EB/bad.log")" -eq 1 ] &&
		grep -q 'ext2: vda: not an ext2 filesystem (bad magic)' "$EB/bad.log" && ! grep -q '^ext2: ok' "$EB/bad.log"
	check "a corrupt image: one line naming the cause, status 127, main never runs" $? \
		"status $rc: $(grep -v KVM "$EB/bad.log" | head -3 | tr '\n' '|')"

	# LIBEXT2_ROOT: the disk becomes / without an initrd; the exit (no
	# unmount) leaves it clean.
	ext2_image "$T" "$EB/root.img" 8M
	run_guest "$EB/root.log" tests/apps/ext2root -O "$EB/rb" --vmm qemu --disk "$EB/root.img"
	[ $rc -eq 0 ] && grep -qx 'name hello.txt' "$EB/root.log" && grep -qx 'name lost+found' "$EB/root.log" &&
		grep -q '^ext2root: ok' "$EB/root.log" &&
		[ "$(ext2_cat "$EB/root.img" /from-the-guest)" = "root on ext2" ] &&
		debugfs -R stats "$EB/root.img" 2>/dev/null | grep -q 'Filesystem state: *clean$' &&
		e2fsck -fn "$EB/root.img" >"$EB/root.fsck" 2>&1
	check "LIBEXT2_ROOT: the disk is / without an initrd; the exit leaves it clean (e2fsck -fn)" $? \
		"status $rc: $(grep -m2 -e FAIL -e error "$EB/root.log" | tr '\n' '|')$(grep -v '^Pass\|^e2fsck' "$EB/root.fsck" 2>/dev/null | head -2 | tr '\n' '|')"

	ext2_fault_test qemu "${TS_EXT2_ROUNDS:-20}"
	if [ -n "$KVM_REASON" ]; then
		skip "tvm: fsync'd records survive SIGKILL of the monitor" "tvm needs KVM, not usable here ($KVM_REASON)"
	else
		ext2_fault_test tvm "${TS_EXT2_ROUNDS:-20}"
	fi
}

if ! command -v mkfs.ext2 >/dev/null || ! command -v e2fsck >/dev/null || ! command -v debugfs >/dev/null; then
	skip "ext2" "e2fsprogs (mkfs.ext2, e2fsck, debugfs) not installed"
else
	# The host tests (also run by the host group).
	if make -s -f support/build/hosttest.mk LIBDIR=lib/ext2 OUT="$EB/host" >"$EB/host-build.log" 2>&1; then
		(cd "$EB" && timeout 300 "$EB/host/ext2" >"$EB/host.log" 2>&1)
		r=$?
		check "host/ext2 on mkfs.ext2 images, e2fsck -fn clean after each ($(grep -c '^ok ' "$EB/host.log") cases)" $r \
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
	if [ -f lib/blk/Config.uk ]; then
		ext2_guests
	else
		skip "ext2 disks in guests" "lib/blk is not on this branch yet"
	fi
fi
