# tests/groups/posix-memory.sh: lib/posix-memory against Linux — the same
# program (tests/apps/posix-memory) built for the host (glibc) and for
# Tessera (musl) prints the same lines, except the "wx:" ones, where
# Tessera refuses writable+executable pages (W^X) and Linux allows them;
# and RAM above 4 GiB (-m 16G) mapped and used.
group "posix-memory: mmap, munmap, mremap, mprotect (W^X), brk, madvise, msync, file mappings"
PM=$OUT/posix-memory
rm -rf "$PM"; mkdir -p "$PM/hostdir"
PMAPP=tests/apps/posix-memory

gcc -O1 -Wall -Wextra -o "$PM/host" "$PMAPP/main.c" >"$PM/host-cc.log" 2>&1 &&
	"$PM/host" "$PM/hostdir" >"$PM/host.out" 2>&1 </dev/null
r=$?; n=$(grep -c ': ' "$PM/host.out")
[ $r -eq 0 ] && [ "$n" -ge 70 ] && grep -qx done "$PM/host.out"
check "posix-memory host build (glibc): $n check lines" $? "status $r: $(cat "$PM/host-cc.log" "$PM/host.out" | tail -2 | tr '\n' '|')"

"$TESS" build "$PMAPP" -O "$PM/b" >"$PM/build.log" 2>&1
check "posix-memory builds for Tessera (musl)" $? "$(grep -m2 -i error "$PM/build.log" | tr '\n' '|')"

run_guest "$PM/guest.log" "$PMAPP" -O "$PM/b" --vmm qemu -- /
grep -v '^tess: ' "$PM/guest.log" | grep -v '^warning: ' >"$PM/guest.out"
# pm_same NAME PATTERN: the lines matching PATTERN (grep -E) are the host's.
pm_same() {
	grep -E "$2" "$PM/host.out" >"$PM/host-$1.cmp"
	grep -E "$2" "$PM/guest.out" >"$PM/guest-$1.cmp"
	diff "$PM/host-$1.cmp" "$PM/guest-$1.cmp" >"$PM/guest-$1.diff"
	[ $rc -eq 0 ] && [ -s "$PM/host-$1.cmp" ] && [ ! -s "$PM/guest-$1.diff" ]
}
pm_same anon '^([^fw]|fault: )'
r=$? n=$(wc -l <"$PM/host-anon.cmp") # $? first: a $(...) in check's arguments would replace it
check "anonymous mappings, munmap, mremap, MAP_FIXED, mprotect (and its faults as SIGSEGV), brk, madvise, errors: as glibc's ($n lines)" $r \
	"status $rc, $(grep -c '^[<>]' "$PM/guest-anon.diff") lines differ: $(grep '^[<>]' "$PM/guest-anon.diff" | head -4 | tr '\n' '|')"
# File mappings need open() and unlink() from lib/posix-files.
pm_same file '^file'
r=$? n=$(wc -l <"$PM/host-file.cmp")
check "file mappings (shared: msync/munmap write back; private: not; EACCES/ENODEV/EINVAL): as glibc's ($n lines)" $r \
	"status $rc, $(grep -c '^[<>]' "$PM/guest-file.diff") lines differ: $(grep '^[<>]' "$PM/guest-file.diff" | head -3 | tr '\n' '|')"

printf '%s\n' 'wx: mmap RWX EACCES' 'wx: mprotect RWX EACCES' >"$PM/wx.want"
grep '^wx: ' "$PM/guest.out" | diff "$PM/wx.want" - >"$PM/wx.diff" &&
	[ "$(grep -c '^warning: posix-memory: pages both writable and executable refused (W^X): EACCES$' "$PM/guest.log")" -eq 2 ]
r=$?
check "W^X: PROT_WRITE|PROT_EXEC refused with EACCES (mmap and mprotect), one log line each" $r \
	"$(cat "$PM/wx.diff" | tr '\n' '|') $(grep -c 'W^X' "$PM/guest.log") log lines"

# The PROTECT privcall at the trust boundary, called straight (ring0.c):
# the image, page tables, loader pages, device pages and ranges outside
# RAM refused, W+X refused, nothing changed by a refused range; one trap
# per mprotect range, none for read-write mmap/munmap.
run_guest "$PM/ring0.log" "$PMAPP" -O "$PM/b" --vmm qemu -- / ring0
grep '^ring0: ' "$PM/ring0.log" | diff "$PMAPP/ring0.want" - >"$PM/ring0.diff"
[ $rc -eq 0 ] && [ ! -s "$PM/ring0.diff" ]
r=$? n=$(wc -l <"$PMAPP/ring0.want")
check "PROTECT privcall: $n results as expected (image, page tables, MMIO, W+X, bad ranges refused; 1 trap per mprotect; table pool used up, ENOMEM, recycled)" $r \
	"status $rc: $(grep '^[<>]' "$PM/ring0.diff" | head -4 | tr '\n' '|')"

# RAM above 4 GiB: QEMU puts what does not fit below its PCI hole at 4 GiB
# and up; MAP_RAM_HIGH maps it and the heap takes it. 6 GiB mapped, written
# sparsely (QEMU allocates host memory lazily, 2 MiB per touch), read back.
# big_case WHERE TESS-RUN-OPTIONS...: the app's "big" case with -m 16G.
big_case() {
	local where=$1 log=$PM/big-$1.log; shift
	run_guest "$log" "$PMAPP" "$@" -m 16G -- / big
	[ $rc -eq 0 ] && grep -q '^big: mmap 6 GiB ok, 193 bytes written one per 32 MiB and the last, 0 wrong$' "$log" &&
		grep -qx 'big: the mapping ends above 4 GiB 1' "$log" && grep -qx 'big: munmap ok' "$log"
	local r=$?
	check "-m 16G on $where: boots, mmap 6 GiB reaching above 4 GiB, written and read back" $r \
		"status $rc: $(grep -v '^tess: ' "$log" | head -3 | tr '\n' '|')"
}
for machine in microvm pc; do
	big_case $machine -O "$PM/b" --vmm qemu --machine $machine
done

# tvm (no KVM here: its tables only): 16 GiB, the page directories above
# 4 GiB from its page-table pool, supervisor only; RAM above 4 GiB user
# read-write, never executable, up to the last page.
"$TESS" build "$PMAPP" -O "$PM/bt" --vmm tvm >"$PM/build-tvm.log" 2>&1 &&
	gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I include -I tools/tvm -o "$PM/bigmap-test" \
		tools/tvm/tests/bigmap-test.c tools/tvm/elf.c tools/tvm/paging.c tools/tvm/hypercall.c >"$PM/tvm16g.log" 2>&1 &&
	"$PM/bigmap-test" "$PM/bt/posix-memory_tvm-x86_64" 16384 100000000=urw 140000000=urw 3ffe00000=urw 3fffff000=urw \
		2d000=s 2e000=s 38000=s 3000=s >>"$PM/tvm16g.log" 2>&1
r=$? n=$(grep -c '^ok' "$PM/tvm16g.log")
check "tvm's tables for -m 16G: RAM above 4 GiB user RW NX, its 12 page directories supervisor in the pool ($n checks)" $r \
	"status $r: $(grep -m2 -E '^FAIL|error' "$PM/tvm16g.log" "$PM/build-tvm.log" | tr '\n' '|')"

# ... and at run time on tvm: the same 6 GiB, most of it above 4 GiB.
if [ -n "$KVM_REASON" ]; then
	skip "-m 16G on tvm: boots, mmap 6 GiB above 4 GiB" "tvm needs KVM ($KVM_REASON)"
else
	big_case tvm -O "$PM/bt" --vmm tvm
fi
