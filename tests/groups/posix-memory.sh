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
grep -v '^wx: ' "$PM/host.out" >"$PM/host.cmp"
grep -v '^wx: ' "$PM/guest.out" >"$PM/guest.cmp"
diff "$PM/host.cmp" "$PM/guest.cmp" >"$PM/guest.diff"
[ $rc -eq 0 ] && [ -s "$PM/host.cmp" ] && [ ! -s "$PM/guest.diff" ]
check "posix-memory on Tessera: output identical to glibc's ($(wc -l <"$PM/host.cmp") lines)" $? \
	"status $rc, $(grep -c '^[<>]' "$PM/guest.diff") lines differ: $(grep '^[<>]' "$PM/guest.diff" | head -4 | tr '\n' '|')"

printf '%s\n' 'wx: mmap RWX EACCES' 'wx: mprotect RWX EACCES' >"$PM/wx.want"
grep '^wx: ' "$PM/guest.out" | diff "$PM/wx.want" - >"$PM/wx.diff" &&
	[ "$(grep -c '^warning: posix-memory: pages both writable and executable refused (W^X): EACCES$' "$PM/guest.log")" -eq 2 ]
check "W^X: PROT_WRITE|PROT_EXEC refused with EACCES (mmap and mprotect), one log line each" $? \
	"$(cat "$PM/wx.diff" | tr '\n' '|') $(grep -c 'W^X' "$PM/guest.log") log lines"
