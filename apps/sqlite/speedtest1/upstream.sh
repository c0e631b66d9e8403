# upstream.sh: the recipe that builds speedtest1 (test/speedtest1.c, SQLite's benchmark) from Debian's sqlite3 source with its own configure and Makefile and tess-cc.
#
# Run by support/build/app.mk in a fresh build folder with CC (tess-cc),
# TS_UPSTREAM_SRC (the unpacked source: configured out of tree, never
# written), TS_UPSTREAM_OUT (where the program goes) and TS_JOBS; see
# docs/apps.md. apps/sqlite/upstream.sh is the same build with
# another make target.
#
# Why it works this way:
# - A cross build (--host): tess-cc's programs cannot run here. The build
#   compiles and runs tools of its own (lemon, mkkeywordhash, mksourceid):
#   BCC is the host compiler for them, and CROSS_BUILDING=yes is the switch
#   of Debian's Makefile (its patch 30-cross) that makes the parser
#   generator the host-built lemon too.
# - make builds the amalgamation (sqlite3.c, with tclsh) and links
#   speedtest1.c with it: --disable-shared.
# - No readline/editline (none for musl here), no Tcl extension, and no
#   loadable extensions (no dlopen in a unikernel).
"$TS_UPSTREAM_SRC/configure" --host=x86_64-linux-musl --build=x86_64-linux-gnu CC="$CC" BCC=gcc \
	--disable-shared --enable-static --disable-tcl --disable-readline --disable-editline --disable-load-extension
make -j"$TS_JOBS" CROSS_BUILDING=yes speedtest1
cp speedtest1 "$TS_UPSTREAM_OUT"
