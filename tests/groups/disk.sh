# tests/groups/disk.sh: block devices — lib/blk's host tests, virtio-blk on microvm and pc, tvm's disks, tess run --disk.
group "disks (lib/blk, virtio-blk, tvm, tess run --disk)"
DK=$OUT/disk
rm -rf "$DK"; mkdir -p "$DK"

# lib/blk against a fake disk, and virtio-blk against a fake device,
# under ASan+UBSan (also in the host group).
# host_test DIR NAME WHAT
host_test() {
	if make -s -f support/build/hosttest.mk LIBDIR="$1" OUT="$DK/host" >"$DK/host-build.log" 2>&1; then
		timeout 120 "$DK/host/$2" >"$DK/$2.log" 2>&1
		r=$?; check "$2 host tests ($(grep -c '^ok ' "$DK/$2.log") cases: $3)" $r \
			"$(grep -m1 -E '^FAIL|ERROR|runtime error' "$DK/$2.log")"
	else
		fail "$2 host tests build" "$(grep -m1 -i error "$DK/host-build.log")"
	fi
}
host_test lib/blk blk "split, bounds, ro, -EAGAIN, errors, threads"
host_test drivers/virtio virtio_blk "limits, batches, flush, device errors, a broken used ring"

# pattern FILE TAG SECTORS [FROM TO TAG2]: FILE's sector s holds the line
# "TAG sector NNNNNN" padded to 512 bytes (TAG2 for FROM <= s < TO), as
# the guest's tests/apps/disk writes and checks it.
pattern() {
	awk -v t="$2" -v n="$3" -v a="${4:--1}" -v b="${5:--1}" -v t2="${6:-}" \
		'BEGIN { for (s = 0; s < n; s++) printf "%-511s\n", sprintf("%s sector %06d", s >= a && s < b ? t2 : t, s) }' >"$1"
}
# has LOG LINE...: every LINE is a whole line of LOG
has() { local log=$1; shift; for l in "$@"; do grep -qxF -- "$l" "$log" || return 1; done; }
why() { echo "status $rc: $(grep -v -e KVM -e '^debug' "$1" | tail -4 | tr '\n' '|')"; }

# One boot per machine: vda read-write (the host's pattern A), vdb :ro
# (pattern B); the guest reads both, writes pattern W over vda's sectors
# 400..699 (300 sectors: two requests of 128 KiB and one more), flushes,
# and is refused beyond the end and on the read-only disk.
DISK_CMDS="list verify vda 0 300 A verify vdb 0 64 B write vda 400 300 W flush vda verify vda 400 300 W
	read vda 2048 1 read vda 2047 2 read vda 2047 1 write vdb 0 1 X flush vdb"
for m in microvm pc; do
	pattern "$DK/a.img" A 2048; pattern "$DK/b.img" B 64; cp "$DK/b.img" "$DK/b.orig"
	pattern "$DK/a.want" A 2048 400 700 W
	# shellcheck disable=SC2086
	run_guest "$DK/$m.log" tests/apps/disk -O "$DK/b" --vmm qemu --machine $m -k loglevel=debug \
		--disk "$DK/a.img" --disk "$DK/b.img:ro" -- $DISK_CMDS
	has "$DK/$m.log" "vda: 2048 sectors, rw" "vdb: 64 sectors, ro" && [ $rc -eq 0 ] &&
		grep -q '^debug: vda: virtio-blk, 2048 sectors, write cache' "$DK/$m.log"
	check "$m: two disks are vda and vdb in order, the :ro one read-only, with a write cache" $? "$(why "$DK/$m.log")"
	has "$DK/$m.log" "verify vda 0 300 A: ok" "verify vdb 0 64 B: ok"
	check "$m: the guest reads what the host wrote (300 sectors, and a read-only disk)" $? "$(why "$DK/$m.log")"
	has "$DK/$m.log" "write vda 400 300 W: 0" "flush vda: 0" "verify vda 400 300 W: ok" && cmp -s "$DK/a.img" "$DK/a.want"
	check "$m: what the guest writes and flushes is in the host file, nothing else changed (cmp)" $? \
		"$(why "$DK/$m.log"); $(cmp "$DK/a.img" "$DK/a.want" 2>&1)"
	has "$DK/$m.log" "read vda 2048 1: -22" "read vda 2047 2: -22" "read vda 2047 1: 0"
	check "$m: reads beyond the end give -EINVAL, the last sector reads" $? "$(why "$DK/$m.log")"
	has "$DK/$m.log" "write vdb 0 1 X: -30" "flush vdb: 0" && cmp -s "$DK/b.img" "$DK/b.orig"
	check "$m: a :ro disk gives -EROFS for writes and its file is unchanged" $? "$(why "$DK/$m.log")"
done

# The order is the command line's, whatever the files: swapped, vda is B.
# Then two threads write and read back 100 sectors each, 20 times, at once.
run_guest "$DK/swap.log" tests/apps/disk -O "$DK/b" --vmm qemu --block "$DK/b.img,ro" --disk "$DK/a.img" \
	-- list verify vda 0 64 B verify vdb 0 300 A threads vdb 1000 100
has "$DK/swap.log" "vda: 64 sectors, ro" "vdb: 2048 sectors, rw" "verify vda 0 64 B: ok" "verify vdb 0 300 A: ok"
check "disks swapped on the command line swap vda and vdb (--block FILE,ro as an alias)" $? "$(why "$DK/swap.log")"
has "$DK/swap.log" "threads vdb 1000 100: ok" && [ "$(dd if="$DK/a.img" bs=512 skip=1100 count=1 2>/dev/null | head -c 17)" = "T1t sector 001100" ]
check "two threads doing I/O on one disk at once (schedcoop)" $? "$(why "$DK/swap.log")"

# Eight disks (the most) of eight sizes keep their order on both machines.
EIGHT= WANT8= i=0
for l in a b c d e f g h; do
	i=$((i + 1))
	truncate -s $((i * 4096)) "$DK/m$i.img"
	EIGHT="$EIGHT --disk $DK/m$i.img"
	WANT8="${WANT8}vd$l: $((i * 8)) sectors, rw|"
done
for m in microvm pc; do
	# shellcheck disable=SC2086
	run_guest "$DK/eight-$m.log" tests/apps/disk -O "$DK/b" --vmm qemu --machine $m $EIGHT -- list
	got=$(grep '^vd' "$DK/eight-$m.log" | tr '\n' '|')
	[ $rc -eq 0 ] && [ "$got" = "$WANT8" ]
	check "$m: eight disks are vda..vdh in command-line order" $? "status $rc: $got"
done

# A flush reaches the host disk: QEMU calls fdatasync on the file for the
# guest's flush (cache=writeback), and not without one.
if command -v strace >/dev/null; then
	for f in "flush vda" ""; do
		# shellcheck disable=SC2086
		timeout 120 strace -f -qq -y -e trace=fdatasync,fsync -o "$DK/strace.log" "$TESS" run --timeout 90 \
			tests/apps/disk -O "$DK/b" --vmm qemu --disk "$DK/a.img" -- write vda 0 1 F $f >"$DK/sync.log" 2>&1 </dev/null
		rc=$?; n=$(grep -c "sync([0-9]*<$DK/a.img>" "$DK/strace.log")
		if [ -n "$f" ]; then
			[ $rc -eq 0 ] && [ "$n" -ge 1 ]
			check "flush: the guest's flush is an fdatasync of the host file" $? "status $rc, $n syncs of a.img"
		else
			[ $rc -eq 0 ] && [ "$n" -eq 0 ]
			check "flush: no fdatasync of the host file without a flush" $? "status $rc, $n syncs of a.img"
		fi
	done
else
	skip "flush reaches the host disk" "no strace"
fi

# A full host file system under a sparse disk file: the write fails with
# EIO in the guest (QEMU reports it, werror=report), no hang, no pause.
if unshare -m --propagation private true 2>/dev/null; then
	mkdir -p "$DK/full"
	timeout 120 unshare -m --propagation private sh -c \
		'mount -t tmpfs -o size=64k none "$0" && truncate -s 1M "$0/sparse.img" && exec "$@"' "$DK/full" \
		"$TESS" run --timeout 90 tests/apps/disk -O "$DK/b" --vmm qemu --disk "$DK/full/sparse.img" \
		-- write vda 0 300 W read vda 0 1 >"$DK/full.log" 2>&1 </dev/null
	rc=$?
	[ $rc -eq 0 ] && has "$DK/full.log" "write vda 0 300 W: -5" "read vda 0 1: 0"
	check "a disk whose host file system is full: the write gives -EIO, the disk stays usable" $? "$(why "$DK/full.log")"
else
	skip "a disk whose host file system is full" "no mount namespaces"
fi

# tvm: the same app, tvm's block devices as vda, vdb.
if [ -n "$KVM_REASON" ]; then
	skip "tvm: the disk app on two tvm disks (read, write, flush, ro, bounds)" "$KVM_REASON"
else
	pattern "$DK/a.img" A 2048; pattern "$DK/b.img" B 64; cp "$DK/b.img" "$DK/b.orig"
	# shellcheck disable=SC2086
	run_guest "$DK/tvm.log" tests/apps/disk -O "$DK/bt" --vmm tvm --disk "$DK/a.img" --disk "$DK/b.img:ro" -- $DISK_CMDS
	has "$DK/tvm.log" "vda: 2048 sectors, rw" "vdb: 64 sectors, ro" "verify vda 0 300 A: ok" "verify vdb 0 64 B: ok" \
		"write vda 400 300 W: 0" "flush vda: 0" "verify vda 400 300 W: ok" "read vda 2048 1: -22" \
		"read vda 2047 2: -22" "write vdb 0 1 X: -30" && [ $rc -eq 0 ] && cmp -s "$DK/a.img" "$DK/a.want" &&
		cmp -s "$DK/b.img" "$DK/b.orig"
	check "tvm: the disk app on two tvm disks (read, write, flush, ro, bounds)" $? "$(why "$DK/tvm.log")"
fi

# tess refuses bad disks in one line, status 125, before building anything.
# refuse NAME PATTERN ARGS...: tess run ARGS fails that way
refuse() {
	local name=$1 pat=$2; shift 2
	rm -rf "$DK/nob"
	"$TESS" run tests/apps/disk -O "$DK/nob" --vmm qemu "$@" >"$DK/refuse.log" 2>&1 </dev/null
	local r=$?
	[ $r -eq 125 ] && [ "$(wc -l <"$DK/refuse.log")" -eq 1 ] && grep -qE -- "$pat" "$DK/refuse.log" && [ ! -e "$DK/nob" ]
	check "tess refuses $name" $? "status $r: $(head -3 "$DK/refuse.log" | tr '\n' '|')"
}
: >"$DK/empty.img"; head -c 1000 /dev/zero >"$DK/odd.img"; mkdir -p "$DK/dir"
refuse "a missing disk file" "^tess: --disk $DK/none.img: No such file or directory$" --disk "$DK/none.img"
refuse "a folder as a disk" "--disk $DK/dir: is a folder" --disk "$DK/dir"
refuse "an empty disk file" "its size \(0 bytes\) is not a positive multiple of 512" --disk "$DK/empty.img:ro"
refuse "a disk file of 1000 bytes" "its size \(1000 bytes\) is not a positive multiple of 512" --disk "$DK/odd.img"
refuse "a misspelt :ro" "'rw' after ':' is not an option \(only :ro" --disk "$DK/a.img:rw"
refuse "a misspelt ,ro (--block)" "'r' after ',' is not an option" --block "$DK/a.img,r"
refuse "one file given twice" "the same file as disk 1" --disk "$DK/a.img" --disk "$DK/a.img:ro"
refuse "nine disks" "at most 8 disks" $(for i in 0 1 2 3 4 5 6 7 8; do cp "$DK/b.img" "$DK/n$i.img"; echo --disk "$DK/n$i.img"; done)
refuse "--net without tvm" "--net needs --vmm tvm" --net tap0
# (tvm's limit is checked before KVM is: this runs without it)
refuse "more devices than tvm has (8 disks and a --net)" "tvm attaches at most 8 devices; 8 --disk, 1 --net and 0 -v given" \
	$(for i in 0 1 2 3 4 5 6 7; do echo --disk "$DK/n$i.img"; done) --net tap0 --vmm tvm
# Read-only for root too: a read-only bind mount in a private namespace.
if unshare -m --propagation private true 2>/dev/null; then
	mkdir -p "$DK/rofs"; cp "$DK/b.img" "$DK/rofs/r.img"
	rm -rf "$DK/nob"
	unshare -m --propagation private sh -c 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"' \
		"$DK/rofs" "$TESS" run tests/apps/disk -O "$DK/nob" --vmm qemu --disk "$DK/rofs/r.img" >"$DK/refuse.log" 2>&1 </dev/null
	r=$?; [ $r -eq 125 ] && [ "$(wc -l <"$DK/refuse.log")" -eq 1 ] &&
		grep -q "r.img: Read-only file system (read-only use: FILE:ro)" "$DK/refuse.log" && [ ! -e "$DK/nob" ]
	check "tess refuses an unwritable disk file without :ro, suggesting :ro" $? "status $r: $(head -2 "$DK/refuse.log" | tr '\n' '|')"
else
	skip "tess refuses an unwritable disk file" "no mount namespaces"
fi
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	cp "$DK/b.img" "$DK/secret.img"; chmod 600 "$DK/secret.img"; chmod o+rx "$DK"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TESS" run tests/apps/disk -O "$DK/nob" --vmm qemu \
		--disk "$DK/secret.img:ro" >"$DK/refuse.log" 2>&1 </dev/null
	r=$?; [ $r -eq 125 ] && [ "$(wc -l <"$DK/refuse.log")" -eq 1 ] && grep -q "secret.img: Permission denied" "$DK/refuse.log"
	check "tess refuses an unreadable disk file" $? "status $r: $(head -2 "$DK/refuse.log" | tr '\n' '|')"
else
	skip "tess refuses an unreadable disk file" "needs root and setpriv"
fi
