# tests/groups/posixfs.sh: nolibc's POSIX file API against glibc's: the same
# program (tests/apps/posixfs) built for the host and for Tessera prints the
# same lines; apps/wordfreq likewise, on a generated folder of text.
#
# posixfs_case NAME DIR [TESS-ARGS...] runs the Tessera build in the guest
# folder DIR and compares with the host's output; more filesystems (ext2,
# 9p) need only one line each, e.g.
#   posixfs_case "on ext2" /data --disk IMG -k vfs.mount=/dev/vda:/data:ext2
group "POSIX files: nolibc against glibc (posixfs, wordfreq)"
PF=$OUT/posixfs
rm -rf "$PF"; mkdir -p "$PF/hostdir"
# The host's run: descriptor limit as Tessera's (LIBVFS_MAX_FDS, 1024), the
# usual umask, no input on stdin.
gcc -O1 -Wall -Wextra -o "$PF/posixfs-host" tests/apps/posixfs/posixfs.c >"$PF/host-cc.log" 2>&1 &&
	(ulimit -n 1024 && umask 022 && exec "$PF/posixfs-host" "$PF/hostdir" >"$PF/host.out" 2>&1 </dev/null)
r=$?; n=$(grep -c ': ' "$PF/host.out")
[ $r -eq 0 ] && [ "$n" -ge 250 ]
check "posixfs host build (glibc): $n check lines" $? "status $r: $(cat "$PF/host-cc.log" "$PF/host.out" | tail -2 | tr '\n' '|')"

"$TESS" build tests/apps/posixfs -O "$PF/b" >"$PF/build.log" 2>&1
check "posixfs builds for Tessera" $? "$(grep -m2 -i error "$PF/build.log" | tr '\n' '|')"

posixfs_case() {
	local name=$1 dir=$2 log
	shift 2
	log=$PF/guest-$(echo "$name" | tr -c 'A-Za-z0-9' _)
	run_guest "$log.log" tests/apps/posixfs -O "$PF/b" --vmm qemu --machine microvm "$@" -- "$dir"
	grep -v '^tess: ' "$log.log" >"$log.out"
	diff "$PF/host.out" "$log.out" >"$log.diff"
	local d=$?
	[ $rc -eq 0 ] && [ $d -eq 0 ]
	check "posixfs $name: output identical to glibc's ($n lines)" $? \
		"status $rc, $(grep -c '^[<>]' "$log.diff") lines differ: $(grep '^[<>]' "$log.diff" | head -4 | tr '\n' '|')"
}
posixfs_case "in / (ramfs root)" /
posixfs_case "in /tmp (a second ramfs)" /tmp -k vfs.mount=none:/tmp:ramfs
mkdir -p "$PF/voldir"
posixfs_case "on a 9P volume (a host folder, -v)" /vol -v "$PF/voldir:/vol"
if command -v mkfs.ext2 >/dev/null; then
	rm -f "$PF/ext2.img"; mkfs.ext2 -q -F "$PF/ext2.img" 16M >/dev/null 2>&1
	posixfs_case "on ext2 (a disk made by mkfs.ext2)" /data --disk "$PF/ext2.img" -k vfs.mount=/dev/vda:/data:ext2
	e2fsck -fn "$PF/ext2.img" >"$PF/ext2-fsck.log" 2>&1
	check "posixfs on ext2: e2fsck -fn finds the disk clean afterwards" $? "$(grep -v '^Pass\|^e2fsck' "$PF/ext2-fsck.log" | head -3 | tr '\n' '|')"
else
	skip "posixfs on ext2" "mkfs.ext2 not installed (Debian package e2fsprogs)"
fi

# wordfreq: host build vs Tessera build on the same folder (given as the
# initrd), and the host build's table against a shell pipeline.
WF=$PF/wordfreq
mkdir -p "$WF"
tests/tools/gen-text.sh "$WF/text"
gcc -O2 -Wall -Wextra -o "$WF/wordfreq-host" apps/wordfreq/wordfreq.c >"$WF/cc.log" 2>&1 &&
	"$WF/wordfreq-host" "$WF/text/corpus" --out "$WF/freq-host.txt" --cat-out >"$WF/host.out" 2>&1
r=$?
find "$WF/text/corpus" -type f -print0 | xargs -0 cat | LC_ALL=C tr -cs 'A-Za-z' '\n' | LC_ALL=C tr A-Z a-z |
	grep . | LC_ALL=C sort | uniq -c | awk '{ print $1, $2 }' | LC_ALL=C sort -k1,1nr -k2,2 >"$WF/want.txt"
[ $r -eq 0 ] && cmp -s "$WF/want.txt" "$WF/freq-host.txt" && [ "$(head -1 "$WF/host.out")" = "$(head -1 "$WF/want.txt")" ]
r=$?; check "wordfreq host build: table = tr | sort | uniq -c ($(wc -l <"$WF/want.txt") words)" $r \
	"status $r: $(diff "$WF/want.txt" "$WF/freq-host.txt" | head -3 | tr '\n' '|')"
"$TESS" build apps/wordfreq -O "$WF/b" >"$WF/build.log" 2>&1
check "wordfreq builds for Tessera" $? "$(grep -m2 -i error "$WF/build.log" | tr '\n' '|')"
run_guest "$WF/guest.log" apps/wordfreq -O "$WF/b" --vmm qemu --machine microvm --initrd "$WF/text" \
	-- /corpus --out /freq.txt --cat-out
grep -v '^tess: ' "$WF/guest.log" >"$WF/guest.out"
[ $rc -eq 0 ] && cmp -s "$WF/host.out" "$WF/guest.out" && sed '1,/^-- table$/d' "$WF/guest.out" | cmp -s - "$WF/want.txt"
check "wordfreq on Tessera: top 10 and the --out table identical to the host build's" $? \
	"status $rc: $(diff "$WF/host.out" "$WF/guest.out" | head -4 | tr '\n' '|')"
run_guest "$WF/bad.log" apps/wordfreq -O "$WF/b" --vmm qemu --machine microvm --initrd "$WF/text" -- /nonexistent
[ $rc -eq 1 ] && grep -qx 'wordfreq: /nonexistent: No such file or directory' "$WF/bad.log"
check "wordfreq on a missing folder: one line, status 1" $? "status $rc: $(grep -v '^tess: ' "$WF/bad.log" | head -2 | tr '\n' '|')"

# stdin: fd 0 is the console file, which reads tess's standard input.
SI=$PF/stdin
mkdir -p "$SI"
printf 'alpha\n\nbeta gamma\nno newline at the end' >"$SI/in.txt"
gcc -O2 -Wall -Wextra -o "$SI/host" tests/apps/stdin/main.c && "$SI/host" <"$SI/in.txt" >"$SI/want" 2>&1
"$SI/host" </dev/null >"$SI/want-empty" 2>&1
timeout 120 "$TESS" run tests/apps/stdin -O "$SI/b" --vmm qemu --timeout 90 <"$SI/in.txt" >"$SI/got.log" 2>&1
rc=$?
grep -v '^tess: ' "$SI/got.log" | grep -v '^\[' | grep -v '^  ' | grep -v '^$' >"$SI/got"
[ $rc -eq 0 ] && cmp -s "$SI/want" "$SI/got"
check "stdin: fgets(stdin) reads tess's standard input as the host build does" $? "status $rc: $(diff "$SI/want" "$SI/got" | head -3 | tr '\n' '|')"
timeout 120 "$TESS" run tests/apps/stdin -O "$SI/b" --vmm qemu --timeout 90 </dev/null >"$SI/got-empty.log" 2>&1
rc=$?
grep -v '^tess: ' "$SI/got-empty.log" | grep -v '^\[' | grep -v '^  ' | grep -v '^$' >"$SI/got-empty"
[ $rc -eq 0 ] && cmp -s "$SI/want-empty" "$SI/got-empty"
check "stdin: an empty standard input is the end of input at once" $? "status $rc: $(cat "$SI/got-empty" | head -2 | tr '\n' '|')"
