# app.mk: builds one application image.  make -C <tessera> A=<appdir> [O=<builddir>] [V=1]
#
# Flow: Tessfile -> options.defconfig -> .config (kconfig-conf) -> auto.conf +
# autoconf.h + per-symbol stamps -> objects (with config-aware depfiles) ->
# pass-1 link -> symbol table -> final link -> stripped image, size report,
# run.conf. Every step writes its outputs under $(O); the source tree is
# never touched.

TS_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
TS_BUILD := $(TS_ROOT)/support/build
A := $(abspath $(A))
O := $(abspath $(or $(O),$(A)/build))

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += -s
endif
MAKEFLAGS += --no-print-directory -rR
.SUFFIXES:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all

# $(call ts_stamp,FILE,TEXT): rewrite FILE only when TEXT differs from its
# content (or FILE is missing), so targets depending on FILE are redone
# exactly when TEXT changes.
ts_stamp = $(if $(filter-out $(file <$(1)),$(2))$(filter-out $(2),$(file <$(1)))$(if $(wildcard $(1)),,new),$(shell mkdir -p $(dir $(1)))$(file >$(1),$(2)))

# $(ts_tmp) starts a recipe line that writes $$t, a temporary name unique to
# this run, and ends "&& mv -f $$t $@": the target appears complete or not
# at all. $$t and $$t.* are removed if the line fails.
ts_tmp = t=$@.tmp.$$$$; trap 'rm -f "$$t" "$$t".*' 0;

# ---- first pass: check the paths, lock the build folder, run the second -------
ifneq ($(word 2,$(TS_ROOT)),)
$(error $(TS_ROOT): make cannot handle spaces in paths; move the Tessera tree)
endif
ifneq ($(TS_LOCK_HELD),1)
include $(TS_BUILD)/lock.mk
else
# The second pass runs with the build folder locked and adopted (lock.mk).
# Every step writes its output under a temporary name and renames it into
# place, so a build killed at any point leaves nothing half-written that a
# later build would take as up to date. A file or folder the build writes
# at the top of $(O) must also be listed in builddir.sh, or clean refuses.

# ---- host tools --------------------------------------------------------------
include $(TS_BUILD)/tools.mk
$(call ts_need_tool,kconfig-conf,kconfig-frontends)
$(call ts_need_tool,$(CC),gcc)
$(call ts_need_tool,objcopy,binutils)
$(if $(filter menu,$(MAKECMDGOALS)),$(call ts_need_tool,kconfig-mconf,kconfig-frontends))

# ---- the app's Tessfile (parsed in one checked place) -----------------------
ifeq ($(wildcard $(A)/Tessfile),)
$(error $(A): not a Tessera app (no Tessfile))
endif

# TS_PLAT=kvm|tvm picks the platform (tess run --vmm sets it); TS_CONFIG is
# described below. A change of either reconfigures, and so does another app
# or tree using this build folder (their files may well be older than ours).
ifneq ($(filter-out kvm tvm,$(TS_PLAT)),)
$(error TS_PLAT=$(TS_PLAT): use kvm or tvm)
endif
$(call ts_stamp,$(O)/config/mode.stamp,$(TS_CONFIG) $(TS_PLAT) $(A) $(TS_ROOT))

$(O)/tessfile.mk $(O)/options.defconfig &: $(A)/Tessfile $(TS_BUILD)/tessfile.sh $(O)/config/mode.stamp
	$(Q)$(TS_BUILD)/tessfile.sh $(A) $(O) $(TS_PLAT)
include $(O)/tessfile.mk

# ---- configuration -----------------------------------------------------------
KCONFIG_FILES := $(wildcard $(TS_BUILD)/Config.uk $(TS_ROOT)/arch/*/Config.uk \
	$(TS_ROOT)/plat/Config.uk $(TS_ROOT)/plat/*/Config.uk \
	$(TS_ROOT)/drivers/*/Config.uk $(TS_ROOT)/lib/*/Config.uk $(A)/Config.uk)
KCONFIG_TOP := $(O)/config/Config.uk
KCONFIG_ENV := KCONFIG_CONFIG=$(O)/config/.config \
	KCONFIG_AUTOCONFIG=$(O)/include/config/auto.conf \
	KCONFIG_AUTOHEADER=$(O)/include/generated/autoconf.h

$(KCONFIG_TOP): $(KCONFIG_FILES) $(TS_BUILD)/gen-kconfig.sh $(O)/config/mode.stamp
	$(Q)mkdir -p $(@D)
	$(Q)$(TS_BUILD)/gen-kconfig.sh $(TS_ROOT) $(A) $@

# TS_CONFIG=allno|allyes builds the smallest or the fullest configuration
# that still honours the app's options (used by the configuration matrix).
ifneq ($(filter allno allyes,$(TS_CONFIG)),)
TS_CONF_MODE := KCONFIG_ALLCONFIG=$(O)/options.defconfig kconfig-conf -s --$(TS_CONFIG)config
else ifneq ($(TS_CONFIG),)
$(error TS_CONFIG=$(TS_CONFIG): use allno or allyes)
else
TS_CONF_MODE := kconfig-conf -s --defconfig=$(O)/options.defconfig
endif

$(O)/config/.config: $(O)/options.defconfig $(KCONFIG_TOP) $(KCONFIG_FILES) $(O)/config/mode.stamp
	$(Q)$(ts_tmp) cd $(O) && $(KCONFIG_ENV) KCONFIG_CONFIG=$$t $(TS_CONF_MODE) $(KCONFIG_TOP) >$(O)/config/conf.log 2>&1 \
		|| { echo "error: kconfig-conf failed: $$(grep -m1 -v '^#' $(O)/config/conf.log)" >&2; exit 1; }; \
	! grep -m1 'error' $(O)/config/conf.log >&2 && \
	$(TS_BUILD)/checkconfig.sh $(O)/options.defconfig $$t $(KCONFIG_FILES) && mv -f $$t $@

$(O)/include/config/auto.conf: $(O)/config/.config
	$(Q)mkdir -p $(O)/include/config $(O)/include/generated
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-conf -s --silentoldconfig $(KCONFIG_TOP) >$(O)/config/conf.log 2>&1 \
		|| { echo "error: kconfig-conf failed: $$(grep -m1 -v '^#' $(O)/config/conf.log)" >&2; exit 1; }
	$(Q)touch $@
include $(O)/include/config/auto.conf

# ---- components: arch, platform, libraries, app -----------------------------
# A component folder D is enabled by CONFIG_<PREFIX> and lists its sources in
# D/Makefile.uk as <PREFIX>_SRCS-y (relative to D). lib/foo -> LIBFOO, lib/posix-foo -> LIBPOSIX_FOO,
# plat/kvm -> PLAT_KVM, drivers/virtio -> DRIVERS_VIRTIO, arch/x86_64 -> ARCH_X86_64.
# A library path as a Kconfig symbol part (lib/posix-event -> POSIX_EVENT
# after ts_prefix's LIB): upper case, '/' and '-' as '_'. In make itself,
# not a shell per call: a no-op build asks it dozens of times.
ts_upper = $(subst z,Z,$(subst y,Y,$(subst x,X,$(subst w,W,$(subst v,V,$(subst u,U,$(subst t,T,$(subst s,S,$(subst r,R,$(subst q,Q,$(subst p,P,$(subst o,O,$(subst n,N,$(subst m,M,$(subst l,L,$(subst k,K,$(subst j,J,$(subst i,I,$(subst h,H,$(subst g,G,$(subst f,F,$(subst e,E,$(subst d,D,$(subst c,C,$(subst b,B,$(subst a,A,$(subst /,_,$(subst -,_,$(1)))))))))))))))))))))))))))))
ts_prefix = $(if $(filter lib/%,$(1)),LIB$(call ts_upper,$(patsubst lib/%,%,$(1))),$(call ts_upper,$(1)))

TS_COMPONENTS := $(patsubst $(TS_ROOT)/%/,%,$(dir $(wildcard $(TS_ROOT)/arch/*/Makefile.uk \
	$(TS_ROOT)/plat/*/Makefile.uk $(TS_ROOT)/drivers/*/Makefile.uk $(TS_ROOT)/lib/*/Makefile.uk)))
TS_OBJS :=
# include/freestanding holds the compiler-level C headers (stddef.h,
# stdint.h, ...) that arch, plat, drivers and libraries use; it comes
# before the libraries' folders, so no library can replace them and a
# C library adds only its hosted headers.
TS_INCLUDES := -I$(TS_ROOT)/include -I$(TS_ROOT)/include/freestanding -I$(O)/include

# Included, not $(eval)ed, so Makefile.uk files may use plain := and +=.
define ts_add_component
$(1)_DIR := $(TS_ROOT)/$(2)
include $(TS_ROOT)/$(2)/Makefile.uk
$(1)_OBJS := $$(addprefix $(O)/obj/$(2)/,$$(addsuffix .o,$$(basename $$($(1)_SRCS-y))))
TS_OBJS += $$($(1)_OBJS)
$$($(1)_OBJS): TS_XFLAGS := $$($(1)_CFLAGS-y)
TS_FLAGS_SIG += $(1):$$($(1)_CFLAGS-y)
endef

TS_ENABLED := $(foreach c,$(TS_COMPONENTS),$(if $(filter y,$(CONFIG_$(call ts_prefix,$(c)))),$(c)))
TS_INCLUDES += $(foreach c,$(TS_ENABLED),$(if $(wildcard $(TS_ROOT)/$(c)/include),-I$(TS_ROOT)/$(c)/include))

# musl is not a folder of ours: lib/musl/build.sh builds it once per
# machine and configuration (from Debian's source package, cached outside
# the tree) and prints where. Its headers serve the kernel's libraries and
# the app alike (after our own folders: the freestanding set still wins),
# and its libc.a is linked after our objects.
TS_LIBC_A :=
ifeq ($(CONFIG_LIBMUSL),y)
TS_MUSL := $(shell $(TS_ROOT)/lib/musl/build.sh)
ifeq ($(wildcard $(TS_MUSL)/lib/libc.a),)
$(error musl is not available (lib/musl/build.sh failed; its message is above))
endif
TS_INCLUDES += -isystem $(TS_MUSL)/include
TS_LIBC_A := $(TS_MUSL)/lib/libc.a
endif
$(foreach c,$(TS_ENABLED),$(eval $(call ts_add_component,$(call ts_prefix,$(c)),$(c))))

# The app: Makefile.uk's APP_SRCS-y if present, else every top-level .c/.S.
ifneq ($(wildcard $(A)/Makefile.uk),)
APP_DIR := $(A)
include $(A)/Makefile.uk
else
APP_SRCS-y := $(notdir $(wildcard $(A)/*.c $(A)/*.S))
endif

# An upstream app (Tessfile "upstream = PKG", docs/apps.md): the pinned
# Debian source package PKG is built by the app's recipe, upstream.sh, run
# with CC=tess-cc in a fresh folder $(O)/upstream/build; it leaves the
# program as one relocatable object (tess-cc's link output), linked like
# an archive after the app's objects. It is rebuilt when the source
# version, musl, tess-cc or a recipe file ($(A)/upstream.*) changes.
TS_UPSTREAM_OBJ :=
ifneq ($(TS_APP_UPSTREAM),)
ifeq ($(wildcard $(A)/upstream.sh),)
$(error $(A): "upstream = $(TS_APP_UPSTREAM)" needs the recipe $(A)/upstream.sh)
endif
TS_UPSTREAM_SRC := $(shell $(TS_ROOT)/support/fetch/debsrc.sh $(TS_APP_UPSTREAM))
ifeq ($(wildcard $(TS_UPSTREAM_SRC)/.tessera-unpacked),)
$(error upstream $(TS_APP_UPSTREAM) is not available (support/fetch/debsrc.sh failed; its message is above))
endif
TS_UPSTREAM_OBJ := $(O)/upstream/$(TS_APP_NAME).o
TS_TESS_CC := $(TS_ROOT)/tools/tess-cc/tess-cc
TS_UPSTREAM_JOBS ?= $(shell nproc)
APP_LIBS += $(TS_UPSTREAM_OBJ)
$(call ts_stamp,$(O)/upstream/source.stamp,$(TS_UPSTREAM_SRC) $(TS_MUSL) $(TS_ROOT))
# Our make's flags (-rR, -s, a jobserver) must not reach the upstream build.
$(TS_UPSTREAM_OBJ): $(wildcard $(A)/upstream.*) $(TS_TESS_CC) $(O)/upstream/source.stamp
	$(call ts_progress,UP,$(TS_APP_UPSTREAM) (its own build; log: $(O)/upstream/build.log))
	$(Q)[ "$(CONFIG_LIBMUSL)" = y ] || { echo "error: $(A): an upstream app needs musl (option = LIBMUSL=y in its Tessfile)" >&2; exit 1; }
	$(Q)$(ts_tmp) rm -rf $(O)/upstream/build && mkdir -p $(O)/upstream/build && cd $(O)/upstream/build && \
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES CC=$(TS_TESS_CC) TESS_MUSL=$(TS_MUSL) \
		TS_UPSTREAM_SRC=$(TS_UPSTREAM_SRC) TS_UPSTREAM_OUT=$$t TS_APP_DIR=$(A) TS_JOBS=$(TS_UPSTREAM_JOBS) \
		$(SHELL) -e $(A)/upstream.sh >$(O)/upstream/build.log 2>&1 || \
		{ echo "error: the upstream build of $(TS_APP_UPSTREAM) failed:" >&2; tail -5 $(O)/upstream/build.log >&2; exit 1; }; \
	[ -f "$$t" ] || { echo "error: $(A)/upstream.sh did not write \$$TS_UPSTREAM_OUT" >&2; exit 1; }; \
	mv -f $$t $@
endif
# (The Tessfile itself is asked: tessfile.mk may not be made yet.)
ifeq ($(strip $(APP_SRCS-y) $(TS_UPSTREAM_OBJ) $(shell grep -sE '^[[:space:]]*upstream[[:space:]]*=' $(A)/Tessfile)),)
$(error $(A): the app has no sources (no .c or .S files))
endif
APP_OBJS := $(addprefix $(O)/obj/app/,$(addsuffix .o,$(basename $(APP_SRCS-y))))
$(APP_OBJS): TS_XFLAGS := $(APP_CFLAGS-y)
TS_OBJS += $(APP_OBJS)
TS_FLAGS_SIG += APP:$(APP_CFLAGS-y)

# ---- compiler flags ------------------------------------------------------------
TS_OPT := $(if $(CONFIG_OPTIMIZE_PERF),-O2,$(if $(CONFIG_OPTIMIZE_DEBUG),-Og,-Os))
TS_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -fno-pie -fno-pic -fno-common \
	-fno-stack-protector -fstack-clash-protection -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fcf-protection=none -fno-delete-null-pointer-checks -ffunction-sections -fdata-sections -g $(TS_OPT) \
	-Wall -Wextra -Werror -include $(O)/include/generated/autoconf.h $(TS_INCLUDES)
TS_ASFLAGS := -D__ASSEMBLY__ -fno-pie -nostdinc -g -include $(O)/include/generated/autoconf.h $(TS_INCLUDES)
# Ring-0 code runs emulated on nested hosts and must not touch SSE state.
TS_RING0_FLAGS := -mgeneral-regs-only -mno-red-zone

# Any change of flags or of the object list is recorded in a stamp file, so
# the objects (flags) or the link (list) depending on it are redone.
TS_FLAGS_SIG += $(TS_CFLAGS) $(TS_ASFLAGS) APPDIR:$(A)
ifneq ($(MAKE_RESTARTS)$(wildcard $(O)/include/config/auto.conf),)
$(call ts_stamp,$(O)/flags.stamp,$(TS_FLAGS_SIG))
$(call ts_stamp,$(O)/objs.stamp,$(TS_OBJS))
endif

# ---- progress ------------------------------------------------------------------
TS_STEPS := $(words $(TS_OBJS) $(TS_UPSTREAM_OBJ) link strip $(if $(CONFIG_CRASH_SYMBOLS),symbols link2))
TS_PROGRESS := $(O)/.progress
$(shell rm -f $(TS_PROGRESS))
ifeq ($(V),1)
ts_progress =
else
ts_progress = @printf '[%2d/%d] %-4s %s\n' $$(flock $(TS_PROGRESS) sh -c 'echo >>$(TS_PROGRESS); wc -c <$(TS_PROGRESS)') $(TS_STEPS) '$(1)' '$(2)'
endif

# ---- compile ---------------------------------------------------------------------
# The object goes to $$t, gcc's depfile to $$t.d; the final depfile is in
# place before the object, so an object never lacks its dependencies.
ts_fixdep = awk -v target=$@ -v cfgdir=$(O)/include/config -f $(TS_BUILD)/fixdep.awk $$t.d >$$t.dep && mv -f $$t.dep $(@:.o=.d) && mv -f $$t $@
ts_ring0 = $(if $(findstring /ring0/,$@),$(TS_RING0_FLAGS))
TS_PRE := $(O)/flags.stamp | $(O)/include/config/auto.conf

$(O)/obj/app/%.o: $(A)/%.c $(TS_PRE)
	$(call ts_progress,CC,app/$*.c)
	@mkdir -p $(@D)
	$(Q)$(ts_tmp) $(CC) $(TS_CFLAGS) $(TS_XFLAGS) -MMD -MP -MF $$t.d -c $< -o $$t && $(ts_fixdep)

$(O)/obj/app/%.o: $(A)/%.S $(TS_PRE)
	$(call ts_progress,AS,app/$*.S)
	@mkdir -p $(@D)
	$(Q)$(ts_tmp) $(CC) $(TS_ASFLAGS) $(TS_XFLAGS) -MMD -MP -MF $$t.d -c $< -o $$t && $(ts_fixdep)

$(O)/obj/%.o: $(TS_ROOT)/%.c $(TS_PRE)
	$(call ts_progress,CC,$*.c)
	@mkdir -p $(@D)
	$(Q)$(ts_tmp) $(CC) $(TS_CFLAGS) $(ts_ring0) $(TS_XFLAGS) -MMD -MP -MF $$t.d -c $< -o $$t && $(ts_fixdep)

$(O)/obj/%.o: $(TS_ROOT)/%.S $(TS_PRE)
	$(call ts_progress,AS,$*.S)
	@mkdir -p $(@D)
	$(Q)$(ts_tmp) $(CC) $(TS_ASFLAGS) $(TS_XFLAGS) -MMD -MP -MF $$t.d -c $< -o $$t && $(ts_fixdep)

-include $(TS_OBJS:.o=.d)

# ---- link ----------------------------------------------------------------------------
TS_PLAT_NAME := $(if $(CONFIG_PLAT_KVM),kvm,$(if $(CONFIG_PLAT_TVM),tvm,none))
TS_IMAGE := $(O)/$(TS_APP_NAME)_$(TS_PLAT_NAME)-x86_64
TS_LINK := $(O)/link
TS_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments \
	-L$(TS_LINK) -Wl,-T,$(TS_BUILD)/image.ld

# Archives after the objects: the app's upstream libraries (APP_LIBS, from
# its Makefile.uk), then the C library and libgcc, grouped since each may
# need the other.
TS_LINK_LIBS := $(APP_LIBS) -Wl,--start-group $(TS_LIBC_A) -lgcc -Wl,--end-group

$(TS_LINK)/tables.ld: $(TS_BUILD)/gen-tables.sh
	@mkdir -p $(@D)
	$(Q)$(ts_tmp) $(TS_BUILD)/gen-tables.sh >$$t && mv -f $$t $@

$(TS_LINK)/pass1.elf: $(TS_OBJS) $(APP_LIBS) $(TS_LIBC_A) $(O)/objs.stamp $(TS_LINK)/tables.ld $(TS_BUILD)/image.ld
	$(call ts_progress,LD,$(notdir $(TS_IMAGE)) (pass 1))
	$(Q)$(ts_tmp) $(CC) $(TS_LDFLAGS) -Wl,-Map,$(TS_LINK)/pass1.map -o $$t $(TS_OBJS) $(TS_LINK_LIBS) && mv -f $$t $@

ifeq ($(CONFIG_CRASH_SYMBOLS),y)
$(TS_LINK)/symtab.S: $(TS_LINK)/pass1.elf $(TS_BUILD)/gen-symtab.sh
	$(call ts_progress,GEN,symbol table)
	$(Q)$(ts_tmp) $(TS_BUILD)/gen-symtab.sh $< >$$t && mv -f $$t $@

$(TS_LINK)/symtab.o: $(TS_LINK)/symtab.S
	$(Q)$(ts_tmp) $(CC) -c $< -o $$t && mv -f $$t $@

$(TS_IMAGE).dbg: $(TS_LINK)/pass1.elf $(TS_LINK)/symtab.o
	$(call ts_progress,LD,$(notdir $(TS_IMAGE)))
	$(Q)$(ts_tmp) $(CC) $(TS_LDFLAGS) -Wl,-Map,$(TS_LINK)/image.map -o $$t $(TS_OBJS) $(TS_LINK)/symtab.o $(TS_LINK_LIBS) && \
	$(TS_BUILD)/check-symbols.sh $(TS_LINK)/pass1.elf $$t && mv -f $$t $@
else
$(TS_IMAGE).dbg: $(TS_LINK)/pass1.elf
	$(Q)$(ts_tmp) cp $(TS_LINK)/pass1.map $(TS_LINK)/image.map && cp $< $$t && mv -f $$t $@
endif

$(TS_IMAGE): $(TS_IMAGE).dbg
	$(call ts_progress,STRIP,$(notdir $@))
	$(Q)$(ts_tmp) objcopy --strip-all --remove-section=.comment $< $$t && \
	$(TS_BUILD)/size-report.sh $(TS_LINK)/image.map $(TS_ROOT) $(O) >$$t.size && \
	mv -f $$t.size $(O)/size-report.txt && mv -f $$t $@
	@printf '\n  image   %s (%s bytes; with symbols: %s)\n  sizes   %s\n\n' \
		'$@' "$$(wc -c <$@)" '$@.dbg' '$(O)/size-report.txt'

$(O)/run.conf: $(O)/tessfile.mk $(TS_IMAGE)
	$(Q)$(ts_tmp) printf 'name=%s\nimage=%s\nplatform=%s\nmemory_kib=%s\nargs=%s\nkernel_args=%s\nrootfs=%s\nconsole_tty=%s\n' \
		'$(TS_APP_NAME)' '$(TS_IMAGE)' '$(TS_PLAT_NAME)' '$(TS_APP_MEMORY_KIB)' '$(TS_APP_ARGS)' '$(TS_APP_KARGS)' '$(TS_APP_ROOTFS)' \
		'$(if $(CONFIG_LIBVFS),y,n)' >$$t && mv -f $$t $@

.PHONY: all image menu clean print-image
all image: $(TS_IMAGE) $(O)/run.conf

print-image:
	@echo $(TS_IMAGE)

# ---- menu: edit the configuration, write the minimal form back -------------------------
menu: $(O)/config/.config
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-mconf $(KCONFIG_TOP)
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-conf -s --savedefconfig=$(O)/config/defconfig $(KCONFIG_TOP)
	$(Q)$(TS_BUILD)/tessfile-save.sh $(A)/Tessfile $(O)/config/defconfig

endif # TS_LOCK_HELD
