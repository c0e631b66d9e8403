#!/bin/sh
# deps.sh: install the Debian packages Tessera needs, saying which, and
# nothing when they are all present. Usage: deps.sh [--check]
set -eu
# tcl: tclsh makes SQLite's amalgamation (apps/sqlite); lua5.4 and sqlite3:
# the host programs the lua and sqlite test groups compare with.
# skopeo and docker-registry: the oci group checks that skopeo reads the
# images tess pkg makes, and pushes to and pulls from a real registry.
# gdb: tess gdb, and tests/groups/gdb.sh drives it in batch mode (QEMU's and tvm's gdb servers, core files).
PKGS="make gcc libc6-dev binutils bc kconfig-frontends qemu-system-x86 libseccomp-dev iproute2 clang libclang-rt-14-dev cpio dpkg-dev xz-utils e2fsprogs xxd tcl lua5.4 sqlite3 skopeo docker-registry gdb"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "${1:-}" = --check ]; then
	echo "missing Debian packages:$missing" >&2
	exit 1
fi
echo "tessera: installing missing Debian packages:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! $SUDO apt-get install -y -q --no-install-recommends $missing >/tmp/tessera-apt.log 2>&1; then
	$SUDO apt-get update -q >>/tmp/tessera-apt.log 2>&1 || true
	$SUDO apt-get install -y -q --no-install-recommends $missing >>/tmp/tessera-apt.log 2>&1 || {
		echo "error: apt-get could not install:$missing (log: /tmp/tessera-apt.log)" >&2
		exit 1
	}
fi
echo "tessera: installed:$missing"
