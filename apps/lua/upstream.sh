# upstream.sh: the recipe that builds Lua 5.4's standalone interpreter (lua.c's main) from Debian's lua5.4 source with its own src/Makefile and tess-cc.
#
# Run by support/build/app.mk in a fresh build folder with CC (tess-cc),
# TS_UPSTREAM_SRC (the unpacked source: read-only, never built in place),
# TS_UPSTREAM_OUT (where the program goes) and TS_JOBS; see docs/apps.md.
#
# Why it works this way:
# - Debian's src/Makefile compiles every file through libtool, once as C and
#   once as C++, and links shared libraries with it. Its compile rules and
#   its object lists are what we want, libtool is not: LIBTOOL is a shell
#   function that runs the C compile as it stands and skips the C++ one.
#   Our link rule (from stdin, a second makefile) links lua.o with the
#   library's objects, as upstream's own "lua" target does, through tess-cc.
# - Debian's build (debian/rules) writes lua5.4-deb-multiarch.h, which its
#   luaconf.h includes, before building; we write it the same way.
# - LUA_USE_POSIX is upstream's "posix" platform: Linux without dlopen (a
#   unikernel loads no C modules). LUA_COMPAT_5_3 stays, as the Makefile
#   and Debian's lua5.4 have it, so scripts behave as under the host's lua5.4.
# - MYCFLAGS replaces dpkg-buildflags' host hardening flags with plain -O2.
cp -R "$TS_UPSTREAM_SRC/src" src
printf '#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH "x86_64-linux-musl"\n#endif\n' \
	>src/lua5.4-deb-multiarch.h
make -C src -j"$TS_JOBS" -f Makefile -f - tessera-lua \
	CC="$CC -std=gnu99" MYCFLAGS=-O2 MYLDFLAGS= MYLIBS= SYSCFLAGS=-DLUA_USE_POSIX SYSLIBS= <<'MK'
LIBTOOL = tessera_libtool() { [ "$$2" != --tag=CC ] || { shift 2; "$$@"; }; }; tessera_libtool
tessera-lua: $(LUA_O) $(BASE_O)
	$(CC) $(LDFLAGS) -o lua $(LUA_O) $(BASE_O) $(LIBS)
MK
cp src/lua "$TS_UPSTREAM_OUT"
