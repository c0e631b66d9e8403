#!/usr/bin/env bash
# fs.sh: file benchmarks, one run each with the Linux reference measured
# beside it: ramfs against tmpfs, ext2 on a disk against the host's own
# filesystem, a 9P volume against cat, and image growth. The guest runs on
# tvm where KVM is usable, else on QEMU with TCG (whose figures measure the
# emulator, not Tessera: no verdicts then).
set -u
. "$(dirname "$0")/lib.sh"
APP=$ROOT/bench/apps/fsbench
MIB=${FS_MIB:-64}
vmm=qemu
[ -r /dev/kvm ] && [ -w /dev/kvm ] && vmm=tvm
gcc -O2 -Wall -Wextra -Werror -o "$OUT/fsbench-linux" "$APP/fsbench.c" || exit 1
progress "building fsbench for $vmm"
"$TESS" build "$APP" -O "$OUT/fsbench-$vmm" --vmm $vmm >/dev/null || exit 1
# guest ARGS...: run the guest build, its "key value" lines on stdout
guest() { "$TESS" run "$APP" -O "$OUT/fsbench-$vmm" --vmm $vmm -m 512M "$@" 2>/dev/null | grep -E '^[a-z_0-9]+ [0-9.]+$'; }
val() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "nan"; else printf "%.2f", a / b }'; }
# compare NAME UNIT GUESTFILE LINUXFILE KEY TARGET
compare() {
	local g l x
	g=$(val "$3" "$5") l=$(val "$4" "$5")
	x=$(ratio "$g" "$l")
	row "$1: Tessera ($vmm)" "${g:-nan}" "$2" "" ""
	row "$1: Linux" "${l:-nan}" "$2" "" "reference"
	if [ $vmm = tvm ]; then judge "$1: Tessera / Linux" "$x" x "$6"
	else row "$1: Tessera / Linux" "$x" x "($6 on KVM)" "TCG: no verdict"; fi
}

header "ramfs against Linux tmpfs ($MIB MiB file; small files: create+write 4 KiB+close+unlink)"
progress "ramfs"
S=/dev/shm/tessera-fsbench.$$; mkdir -p "$S"
"$OUT/fsbench-linux" "$S" seq "$MIB" >"$OUT/fs-linux-seq" && "$OUT/fsbench-linux" "$S" small >>"$OUT/fs-linux-seq"
rm -rf "$S"
{ guest -- / seq "$MIB"; guest -- / small; } >"$OUT/fs-guest-seq"
for k in write_4k read_4k write_1m read_1m; do
	compare "$k" MiB/s "$OUT/fs-guest-seq" "$OUT/fs-linux-seq" ${k}_mib_s ">= 1"
done
compare "small-file cycle" "/s" "$OUT/fs-guest-seq" "$OUT/fs-linux-seq" small_cycle_per_s ">= 2"

header "ext2 on a disk against the host's filesystem ($MIB MiB write+fsync, read; 1,000 files fsynced)"
progress "ext2"
H=$OUT/fs-host-dir; rm -rf "$H"; mkdir -p "$H"
"$OUT/fsbench-linux" "$H" sync "$MIB" >"$OUT/fs-linux-disk" && "$OUT/fsbench-linux" "$H" files >>"$OUT/fs-linux-disk"
rm -rf "$H"
IMG=$OUT/fs-disk.img; rm -f "$IMG"
mkfs.ext2 -q -F -b 4096 "$IMG" $((MIB * 2 + 64))M >/dev/null || exit 1
{ guest --disk "$IMG" -k vfs.mount=/dev/vda:/data:ext2 -- /data sync "$MIB"
  guest --disk "$IMG" -k vfs.mount=/dev/vda:/data:ext2 -- /data files; } >"$OUT/fs-guest-disk"
compare "write+fsync" MiB/s "$OUT/fs-guest-disk" "$OUT/fs-linux-disk" write_sync_1m_mib_s ">= 0.8"
compare "read" MiB/s "$OUT/fs-guest-disk" "$OUT/fs-linux-disk" read_sync_1m_mib_s ">= 0.8"
compare "files created and fsynced" "/s" "$OUT/fs-guest-disk" "$OUT/fs-linux-disk" files_fsynced_per_s ">= 0.8"
e2fsck -fn "$IMG" >"$OUT/fs-fsck.log" 2>&1
row "e2fsck -fn on the disk afterwards" "$([ $? -eq 0 ] && echo clean || echo ERRORS)" "" "clean" ""
rm -f "$IMG"

header "9P volume: reading a $MIB MiB host file against cat on the host"
progress "9p"
V=$OUT/fs-vol; mkdir -p "$V"
head -c $((MIB << 20)) /dev/urandom >"$V/big"
cat "$V/big" >/dev/null
t0=$(now_ns); cat "$V/big" >/dev/null; t1=$(now_ns)
cat_rate=$(awk -v m="$MIB" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", m / (ns / 1e9) }')
echo "read_1m_mib_s $cat_rate" >"$OUT/fs-linux-vol"
guest -v "$V:/vol:ro" -- /vol read >"$OUT/fs-guest-vol"
compare "read through the volume" MiB/s "$OUT/fs-guest-vol" "$OUT/fs-linux-vol" read_1m_mib_s ">= 0.5"
rm -rf "$V"

header "Image growth (stripped bytes)"
progress "sizes"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/fs-hello" >/dev/null || exit 1
"$TESS" build "$ROOT/apps/wordfreq" -O "$OUT/fs-wordfreq" >/dev/null || exit 1
row "helloworld (no files)" "$(wc -c <"$OUT/fs-hello/helloworld_kvm-x86_64")" B "unchanged" "see bench/run size"
row "apps/wordfreq (vfs, ramfs, cpio, stdio)" "$(wc -c <"$OUT/fs-wordfreq/wordfreq_kvm-x86_64")" B "" ""
echo
echo "  apps/wordfreq per component:"
sed 's/^/    /' "$OUT/fs-wordfreq/size-report.txt"
echo
echo "  Boot with a 10 MiB initrd of 1,000 files: bench/run rootfs"
