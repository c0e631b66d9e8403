# Tessera: `make` builds the host tools into bin/; with A=<appdir> it builds
# that app (support/build/app.mk). `make example` boots helloworld,
# `make test` runs every test; both install missing Debian packages first.
ifneq ($(A),)
include support/build/app.mk
else

CC_HOST ?= gcc
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE

.PHONY: all deps example test clean
all: bin/tess bin/tvm bin/tess-cc

# tools/common: what tess and tvm share (the ELF core writer), with the
# guest headers it needs from include/.
bin/tess: $(wildcard tools/tess/*.c tools/tess/*.h tools/common/*.c tools/common/*.h) include/ts/arch/trap.h
	@mkdir -p bin
	$(CC_HOST) $(HOST_CFLAGS) -Iinclude -Itools/common -o $@ $(filter %.c,$^)

# tvm: static, so it starts fast and its RSS stays small.
bin/tvm: $(wildcard tools/tvm/*.c tools/tvm/*.h tools/common/*.c tools/common/*.h) include/ts/tvm_abi.h include/ts/arch/trap.h
	@mkdir -p bin
	$(CC_HOST) $(HOST_CFLAGS) -Iinclude -Itools/common -static -o $@ $(filter %.c,$^) -lseccomp

# tess-cc (CC= for upstream projects' own builds, docs/tess-cc.md) is a
# script; its copy in bin/ finds the tree from there.
bin/tess-cc: tools/tess-cc/tess-cc
	@mkdir -p bin
	install -m 755 $< $@

deps:
	@support/setup/deps.sh

example: deps all
	bin/tess run apps/helloworld -- --exit 0

test: deps all
	tests/run

clean:
	rm -rf bin
endif
