#!/usr/bin/env bash
# size.sh: stripped image sizes against the 64 KiB target.
set -u
. "$(dirname "$0")/lib.sh"
header "Image size (stripped ELF, bytes)"
progress "building helloworld and the smallest configuration"
"$TESS" build "$ROOT/apps/helloworld" -O "$OUT/hello" >/dev/null || exit 1
TS_CONFIG=allno "$TESS" build "$ROOT/tests/apps/minimal" -O "$OUT/minimal" >/dev/null || exit 1
h=$(wc -c <"$OUT/hello/helloworld_kvm-x86_64")
m=$(wc -c <"$OUT/minimal/minimal_kvm-x86_64")
judge "helloworld (default configuration)" "$h" B "<= 65536"
row "smallest configuration (allnoconfig)" "$m" B "" ""
row "Unikraft helloworld (published, not measured)" "~200000-250000" B "" "reference"
echo
echo "  per component (helloworld):"
sed 's/^/    /' "$OUT/hello/size-report.txt"
