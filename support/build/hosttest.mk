# hosttest.mk: build one library's host unit tests (lib/<name>/tests/host/host.uk)
# under ASan+UBSan. Usage: make -f support/build/hosttest.mk LIBDIR=lib/<name> OUT=<dir>
# `make ... list` prints the test names.
LIBDIR := $(patsubst %/,%,$(LIBDIR))
HOSTTESTS :=
# host.uk may add prerequisites to a test (headers elsewhere): its rules
# must not become the default goal.
.DEFAULT_GOAL := all
include $(LIBDIR)/tests/host/host.uk
HOST_CC ?= gcc
HOST_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Wall -Wextra -Werror -I$(LIBDIR)/tests/host -I$(LIBDIR) -Isupport/build

.PHONY: all list
all: $(addprefix $(OUT)/,$(HOSTTESTS))
list:
	@echo $(HOSTTESTS)

define hosttest_rule
$(OUT)/$(1): $(addprefix $(LIBDIR)/,$($(1)_SRCS)) $(wildcard $(LIBDIR)/*.h $(LIBDIR)/tests/host/*.h $(LIBDIR)/include/*.h $(LIBDIR)/include/*/*.h include/freestanding/*.h include/ts/*.h) support/build/hosttest.h
	@mkdir -p $(OUT)
	$(HOST_CC) $(HOST_CFLAGS) $($(1)_CFLAGS) -o $$@ $(addprefix $(LIBDIR)/,$($(1)_SRCS))
endef
$(foreach t,$(HOSTTESTS),$(eval $(call hosttest_rule,$(t))))
