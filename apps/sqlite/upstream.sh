# upstream.sh: the recipe that builds the sqlite3 shell from Debian's sqlite3 source with its own configure and Makefile and tess-cc.
#
# Run by support/build/app.mk in a fresh build folder with CC (tess-cc),
# TS_UPSTREAM_SRC (the unpacked source: configured out of tree, never
# written), TS_UPSTREAM_OUT (where the program goes) and TS_JOBS; see
# docs/apps.md. apps/sqlite/speedtest1/upstream.sh is the same build with
# another make target.
#
# Why it works this way:
# - A cross build (--host): tess-cc's programs cannot run here. The build
#   compiles and runs tools of its own (lemon, mkkeywordhash, mksourceid):
#   BCC is the host compiler for them, and CROSS_BUILDING=yes is the switch
#   of Debian's Makefile (its patch 30-cross) that makes the parser
#   generator the host-built lemon too.
# - make builds the amalgamation (sqlite3.c, with tclsh) and links the
#   shell with libtool's static archive: --disable-shared.
# - No readline/editline (none for musl here), no Tcl extension, and no
#   loadable extensions (no dlopen in a unikernel).
"$TS_UPSTREAM_SRC/configure" --host=x86_64-linux-musl --build=x86_64-linux-gnu CC="$CC" BCC=gcc \
	--disable-shared --enable-static --disable-tcl --disable-readline --disable-editline --disable-load-extension
make -j"$TS_JOBS" CROSS_BUILDING=yes sqlite3
cp sqlite3 "$TS_UPSTREAM_OUT"
