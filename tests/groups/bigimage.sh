# tests/groups/bigimage.sh: images far above 2 MiB (tests/apps/bigimage: 2 MiB of code, 3 MiB of data, 40 MiB of BSS) on QEMU and in tvm's page tables.
group "bigimage: a 46 MiB image (code, data and BSS above 2 MiB)"
BB=$OUT/bigimage
mkdir -p "$BB"; rm -f "$BB"/*.log # build folders stay: reruns build nothing
BAPP=tests/apps/bigimage

# ---- the truth, computed on the host ---------------------------------------
cat >"$BB/truth.c" <<'EOC'
/* truth.c: the checksums tests/apps/bigimage must print. */
#include <stdint.h>
#include <stdio.h>
int main(void)
{
	uint32_t s = 2166136261u;
	for (uint32_t i = 0; i < (3u << 18); i++)
		s = (s ^ (i * 2654435761u)) * 16777619u;
	printf("bigimage: data 786432 words, 0 wrong, checksum %08x\n", s);
	s = 2166136261u;
	for (uint32_t i = 0; i < (40u << 20); i += 4)
		s = (s ^ (i ^ 0xa5a5a5a5u)) * 16777619u;
	printf("bigimage: bss 40 MiB, 0 words not zero at start, 0 wrong, checksum %08x\n", s);
	return 0;
}
EOC
gcc -O2 -o "$BB/truth" "$BB/truth.c" && "$BB/truth" >"$BB/truth.txt"
r=$?; check "host: the expected checksums" $r "$(head -c 200 "$BB/truth.txt")"

# ---- QEMU: boots and has all of itself, on both machines --------------------
"$TESS" build "$BAPP" -O "$BB/b" >"$BB/build.log" 2>&1
r=$?; check "bigimage builds (a 2 MiB function, 3 MiB .data, 40 MiB .bss)" $r "$(grep -m2 -iE 'error|assert' "$BB/build.log")"
dbg=$BB/b/bigimage_kvm-x86_64.dbg
bsym() { nm "$1" | awk -v s="$2" '$3 == s { print "0x" $1 }'; }
iend=$(bsym "$dbg" __ts_image_end)
[ -n "$iend" ] && [ $((iend)) -gt $((40 << 20)) ] && [ $(($(bsym "$dbg" __ts_big_regions))) -gt 0 ] &&
	[ $(($(bsym "$dbg" __ts_bigpt_end) - $(bsym "$dbg" __ts_bigpt_start))) -eq $((16 * 4096)) ]
check "the image ends at $iend, above 2 MiB, with its 16-page page-table pool" $? "end ${iend:-?}"
need_kib=$(( (iend + 4095) / 4096 * 4 + 64 ))	# tess: the image, rounded to pages, + 64 KiB

for machine in microvm pc; do
	mem=64M; [ $machine = microvm ] && mem=${need_kib}K	# the least tess allows must do
	run_guest "$BB/run-$machine.log" "$BAPP" -O "$BB/b" --vmm qemu --machine $machine -m $mem
	grep -E '^bigimage: (data|bss) ' "$BB/run-$machine.log" | diff "$BB/truth.txt" - >"$BB/run-$machine.diff"
	[ $rc -eq 0 ] && grep -qx 'bigimage: code returns 42' "$BB/run-$machine.log" && [ ! -s "$BB/run-$machine.diff" ]
	check "QEMU -M $machine -m $mem: the code above 2 MiB runs, 3 MiB of data read back, 40 MiB of BSS zero then written and read (checksums as the host's)" \
		$? "status $rc: $(grep -m3 -E 'bigimage|CRASH|error' "$BB/run-$machine.log" | tr '\n' '|')"
done

# One page short of the minimum: tess's one-line error, no QEMU.
small=$((need_kib - 4))K
timeout 60 "$TESS" run "$BAPP" -O "$BB/b" --vmm qemu -m $small >"$BB/small.log" 2>&1 </dev/null
r=$?
[ $r -ne 0 ] && [ "$(wc -l <"$BB/small.log")" -eq 1 ] && grep -q "^tess: -m $small is too small for bigimage (needs at least " "$BB/small.log"
check "-m $small (a page short): tess refuses in one line" $? "status $r: $(head -c 200 "$BB/small.log")"

# ---- the rights above 2 MiB: each forbidden access faults -------------------
big_crash() { # big_crash CASE PATTERN: the case crashes the guest with PATTERN in the report
	run_guest "$BB/crash-$1.log" "$BAPP" -O "$BB/b" --vmm qemu -- "$1"
	[ $rc -eq 127 ] && grep -q "$2" "$BB/crash-$1.log" && ! grep -q "did not fault" "$BB/crash-$1.log"
	check "QEMU: $1 above 2 MiB faults ($2)" $? "status $rc: $(grep -m2 -E 'bigimage|CRASH' "$BB/crash-$1.log" | tr '\n' '|')"
}
big_crash code-write 'page fault.*\[write, protection violation, user mode'
big_crash data-exec 'page fault.*\[instruction fetch, protection violation, user mode'
big_crash guard 'page fault.*\[read, page not present, user mode'
big_crash ring0data 'page fault.*\[read, protection violation, user mode'
big_crash pagetable 'page fault.*\[read, protection violation, user mode'

# ---- tvm: its tables for the same image, checked without KVM ----------------
"$TESS" build "$BAPP" -O "$BB/bt" --vmm tvm >"$BB/build-tvm.log" 2>&1 || fail "bigimage builds for tvm" "$(tail -3 "$BB/build-tvm.log")"
tdbg=$BB/bt/bigimage_tvm-x86_64.dbg
c=$(bsym "$tdbg" bigimage_code); d=$(bsym "$tdbg" bigimage_data); b=$(bsym "$tdbg" bss)
g1=$(bsym "$tdbg" __ts_boot_stack_guard); g2=$(bsym "$tdbg" __ts_crash_stack_guard)
r0=$(bsym "$tdbg" __ts_rodata_end); ro=$(bsym "$tdbg" __ts_text_end)
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -D_GNU_SOURCE -I include -I tools/tvm -o "$BB/bigmap-test" \
	tools/tvm/tests/bigmap-test.c tools/tvm/elf.c tools/tvm/paging.c tools/tvm/hypercall.c >"$BB/bigmap-test.log" 2>&1 &&
	"$BB/bigmap-test" "$BB/bt/bigimage_tvm-x86_64" 64 $(printf '%x=urx %x=urx %x=ur %x=urw %x=urw %x=urw %x=none %x=urw %x=none %x=urw %x=s' \
		$((c + 0x100000)) $((c + 0x200000)) $ro $((d + 0x100000)) $b $((b + 0x2000000)) \
		$g1 $((g1 + 4096)) $g2 $((g2 + 4096)) $r0) >>"$BB/bigmap-test.log" 2>&1
r=$?; n=$(grep -c '^ok' "$BB/bigmap-test.log")
[ $r -eq 0 ] && [ "$n" -eq 12 ]
check "tvm: its page tables for the 46 MiB image ($n checks: identity map, code RX, rodata R, data RW NX, guard pages out, ring-0 data supervisor)" \
	$? "status $r: $(grep -m1 -E '^FAIL|error' "$BB/bigmap-test.log")"
