# tests/groups/busybox.sh: apps/busybox (BusyBox 1.35 built unmodified from Debian's busybox source by tess-cc, every defconfig applet): applets on files of an initrd answer as the host's tools do; gzip and tar streams the host reads back; an sh script of builtins; fork refused in one line.
group "busybox: Debian's busybox built by tess-cc"
BB=$OUT/busybox
mkdir -p "$BB"; rm -rf "$BB"/*.log "$BB"/*.out "$BB/root" # the build folder stays: a rerun builds nothing

"$TESS" build apps/busybox -O "$BB/b" >"$BB/build.log" 2>&1
r=$?
check "apps/busybox builds (upstream busybox, defconfig; image $(wc -c <"$BB/b/busybox_kvm-x86_64" 2>/dev/null) bytes)" $r \
	"$(grep -m3 -i -e error -e 'undefined reference' "$BB/build.log" "$BB/b/upstream/build.log" 2>/dev/null | tr '\n' '|')"

mkdir -p "$BB/root/d" "$BB/root/tmp"
printf 'banana\napple\ncherry\napple\n' >"$BB/root/fruit.txt"
for i in $(seq 1 3000); do echo "line $i value $((i * 7 % 13))"; done >"$BB/root/d/data.txt"
# bb LOG APPLET ARGS...: the applet's console output in LOG.raw and, less
# the kernel's warnings, in LOG.out; tess's stderr in LOG.err; status $rc.
# The guest's current folder is /.
bb() {
	local log=$1; shift
	timeout 120 "$TESS" run apps/busybox -O "$BB/b" --vmm qemu --timeout $((90 * TS_TIME_SCALE)) --initrd "$BB/root" \
		-- "$@" >"$BB/$log.raw" 2>"$BB/$log.err" </dev/null
	rc=$?
	grep -av '^warning: ' "$BB/$log.raw" >"$BB/$log.out"
}
same() { # NAME LOG WANT-FILE: status 0 and the output as wanted
	[ $rc -eq 0 ] && cmp -s "$BB/$2.out" "$3"
	check "$1" $? "status $rc: $(diff "$3" "$BB/$2.out" | grep '^[<>]' | head -3 | tr '\n' '|') $(tail -1 "$BB/$2.err")"
}

# Each applet in a guest of its own: sh runs other applets by fork and exec.
(cd "$BB/root" && sort fruit.txt) >"$BB/want-sort"
bb sort sort /fruit.txt
same "sort: as the host's sort" sort "$BB/want-sort"
sort "$BB/root/fruit.txt" >"$BB/root/sorted.txt"
uniq -c "$BB/root/sorted.txt" | awk '{ print $1, $2 }' >"$BB/want-uniq"
bb uniq uniq -c /sorted.txt
awk '{ print $1, $2 }' "$BB/uniq.out" >"$BB/uniq.norm" && mv "$BB/uniq.norm" "$BB/uniq.out"
same "uniq -c: the host's counts" uniq "$BB/want-uniq"
for sum in md5sum sha256sum; do
	echo "$($sum <"$BB/root/d/data.txt" | cut -d' ' -f1)  /d/data.txt" >"$BB/want-$sum"
	bb $sum $sum /d/data.txt
	same "$sum: the host's sum" $sum "$BB/want-$sum"
done
sed -n 's/^line \(1[0-9]\) .*/x\1/p' "$BB/root/d/data.txt" >"$BB/want-sed"
bb sed sed -n 's/^line \(1[0-9]\) .*/x\1/p' /d/data.txt
same "sed: as the host's sed" sed "$BB/want-sed"
awk '{ s += $4 } END { print s, NR }' "$BB/root/d/data.txt" >"$BB/want-awk"
bb awk awk '{ s += $4 } END { print s, NR }' /d/data.txt
same "awk: as the host's awk" awk "$BB/want-awk"
(cd "$BB/root" && find . -name '*.txt' | sort) >"$BB/want-find"
bb find find . -name '*.txt'
sort "$BB/find.out" >"$BB/find.sorted" && mv "$BB/find.sorted" "$BB/find.out"
same "find: the same files as the host's find" find "$BB/want-find"
printf '1,2,3,4,5,\nfive\n' >"$BB/want-sh"
bb sh sh -c 'i=0; while [ $i -lt 5 ]; do i=$((i + 1)); printf "%s," $i; done; echo; case $i in 5) echo five ;; esac'
same "sh: a script of builtins (loop, arithmetic, test, printf, case)" sh "$BB/want-sh"

bb gz gzip -c /d/data.txt
[ $rc -eq 0 ] && gunzip -c <"$BB/gz.raw" | cmp -s - "$BB/root/d/data.txt"
check "gzip -c: a stream the host's gunzip restores byte for byte" $? "status $rc: $(gunzip -t <"$BB/gz.raw" 2>&1 | head -1)"
bb tar tar -cf - -C / fruit.txt d
[ $rc -eq 0 ] && [ "$(tar -tf "$BB/tar.raw" | sort | tr '\n' ' ')" = "d/ d/data.txt fruit.txt " ]
check "tar -c: an archive the host's tar lists" $? "status $rc: $(tar -tf "$BB/tar.raw" 2>&1 | head -3 | tr '\n' '|')"

bb fork sh -c 'echo a | cat'
[ $rc -ne 0 ] && grep -q "can't fork" "$BB/fork.raw" && [ "$(grep -c 'fork is not supported' "$BB/fork.raw")" -eq 1 ]
check "a pipeline in sh: fork refused with ENOSYS, one log line naming busybox" $? "status $rc: $(head -2 "$BB/fork.raw" | tr '\n' '|')"
bb none nosuchapplet
[ $rc -eq 127 ] && grep -q 'applet not found' "$BB/none.out"
check "an unknown applet: busybox's own error, status 127" $? "status $rc: $(head -1 "$BB/none.out")"
