# upstream.sh: the recipe that builds BusyBox (busybox_unstripped, the whole multi-call program) from Debian's busybox source with its own Kconfig and Makefile and tess-cc.
#
# Run by support/build/app.mk in a fresh build folder with CC (tess-cc),
# TS_UPSTREAM_SRC (the unpacked source, never written), TS_UPSTREAM_OUT
# (where the program goes) and TS_JOBS; see docs/apps.md.
#
# Why it works this way:
# - BusyBox builds in its source folder (its out-of-tree mode wants a
#   writable source for its generated headers): a copy of it here.
# - defconfig: BusyBox's own default set of applets, unchanged. Its
#   Kconfig tools and generators are host programs: HOSTCC=gcc.
# - busybox_unstripped is the linked program (scripts/trylink); tess-cc
#   makes it one relocatable object with main, which the image links.
#   SKIP_STRIP: the image build strips.
cp -R "$TS_UPSTREAM_SRC/." src
cd src
make -s HOSTCC=gcc defconfig >/dev/null
make -j"$TS_JOBS" CC="$CC" HOSTCC=gcc SKIP_STRIP=y busybox_unstripped
cp busybox_unstripped "$TS_UPSTREAM_OUT"
