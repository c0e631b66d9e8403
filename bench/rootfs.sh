#!/usr/bin/env bash
# rootfs.sh: guest time from entry to main with a 10 MiB initrd of 1,000
# files unpacked into the root ramfs, above the same image with an initrd
# that is not an archive (left alone); tvm where KVM is usable, else TCG.
set -u
. "$(dirname "$0")/lib.sh"
D=$OUT/rootfs-tree
if [ ! -f "$OUT/rootfs-10m.cpio" ]; then
	rm -rf "$D"; mkdir -p "$D"
	for i in $(seq 0 999); do
		mkdir -p "$D/d$((i / 100))"
		head -c 10485 /dev/urandom >"$D/d$((i / 100))/f$i"
	done
	(cd "$D" && find . | cpio -o -H newc 2>/dev/null) >"$OUT/rootfs-10m.cpio" || exit 1
fi
head -c 4096 /dev/zero >"$OUT/rootfs-none.bin"

vmms="qemu"
[ -r /dev/kvm ] && [ -w /dev/kvm ] && vmms="tvm"
header "Entry to main with a 10 MiB initrd of 1,000 files (median of $RUNS, ms)"
for vmm in $vmms; do
	"$TESS" build "$ROOT/tests/apps/rootfs" -O "$OUT/rootfs-$vmm" --vmm $vmm >/dev/null || exit 1
	t() { # t INITRD: median entry-to-main in ms
		for i in $(seq "$RUNS"); do
			"$TESS" run "$ROOT/tests/apps/rootfs" -O "$OUT/rootfs-$vmm" --vmm $vmm -m 96M \
				--initrd "$1" -k loglevel=debug 2>&1 |
				sed -n 's/.*boot: \([0-9.]*\) us from entry to main.*/\1/p'
		done | median | awk '{ printf "%.2f", $1 / 1000 }'
	}
	progress "rootfs, $vmm"
	none=$(t "$OUT/rootfs-none.bin")
	full=$(t "$OUT/rootfs-10m.cpio")
	extra=$(echo "$full - $none" | bc -l | awk '{ printf "%.2f", $1 }')
	row "without an archive, $vmm" "$none" ms "" ""
	row "with the archive, $vmm" "$full" ms "" ""
	if [ $vmm = tvm ]; then judge "extra for 10 MiB, 1,000 files, tvm" "$extra" ms "<= 5"
	else row "extra for 10 MiB, 1,000 files, TCG" "$extra" ms "" ""; fi
done
