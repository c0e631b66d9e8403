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

# ---- clean needs no configuration ---------------------------------------------
ifeq ($(MAKECMDGOALS),clean)
clean:
	$(Q)if [ -f $(O)/.tessera-build ]; then rm -rf $(O); \
	elif [ -e $(O) ]; then echo "error: $(O) is not a Tessera build directory; not removing it" >&2; exit 1; fi
else

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
# described below. A change of either reconfigures.
ifneq ($(filter-out kvm tvm,$(TS_PLAT)),)
$(error TS_PLAT=$(TS_PLAT): use kvm or tvm)
endif
$(call ts_stamp,$(O)/config/mode.stamp,$(TS_CONFIG) $(TS_PLAT))

$(O)/tessfile.mk $(O)/options.defconfig &: $(A)/Tessfile $(TS_BUILD)/tessfile.sh $(O)/config/mode.stamp
	$(Q)$(TS_BUILD)/tessfile.sh $(A) $(O) $(TS_PLAT)
	$(Q)test -e $(O)/.tessera-build || echo "Tessera build directory for $(A)" > $(O)/.tessera-build
include $(O)/tessfile.mk

# ---- configuration -----------------------------------------------------------
KCONFIG_FILES := $(wildcard $(TS_BUILD)/Config.uk $(TS_ROOT)/arch/*/Config.uk \
	$(TS_ROOT)/plat/Config.uk $(TS_ROOT)/plat/*/Config.uk \
	$(TS_ROOT)/lib/*/Config.uk $(A)/Config.uk)
KCONFIG_TOP := $(O)/config/Config.uk
KCONFIG_ENV := KCONFIG_CONFIG=$(O)/config/.config \
	KCONFIG_AUTOCONFIG=$(O)/include/config/auto.conf \
	KCONFIG_AUTOHEADER=$(O)/include/generated/autoconf.h

$(KCONFIG_TOP): $(KCONFIG_FILES) $(TS_BUILD)/gen-kconfig.sh
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
	$(Q)cd $(O) && $(KCONFIG_ENV) $(TS_CONF_MODE) $(KCONFIG_TOP) >$(O)/config/conf.log 2>&1 \
		|| { echo "error: kconfig-conf failed: $$(grep -m1 -v '^#' $(O)/config/conf.log)" >&2; exit 1; }
	$(Q)! grep -m1 'error' $(O)/config/conf.log >&2 || { rm -f $@; exit 1; }
	$(Q)$(TS_BUILD)/checkconfig.sh $(O)/options.defconfig $@ $(KCONFIG_FILES)

$(O)/include/config/auto.conf: $(O)/config/.config
	$(Q)mkdir -p $(O)/include/config $(O)/include/generated
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-conf -s --silentoldconfig $(KCONFIG_TOP) >$(O)/config/conf.log 2>&1 \
		|| { echo "error: kconfig-conf failed: $$(grep -m1 -v '^#' $(O)/config/conf.log)" >&2; exit 1; }
	$(Q)touch $@
include $(O)/include/config/auto.conf

# ---- components: arch, platform, libraries, app -----------------------------
# A component folder D is enabled by CONFIG_<PREFIX> and lists its sources in
# D/Makefile.uk as <PREFIX>_SRCS-y (relative to D). lib/foo -> LIBFOO,
# plat/kvm -> PLAT_KVM, arch/x86_64 -> ARCH_X86_64.
ts_upper = $(shell echo '$(1)' | tr 'a-z/' 'A-Z_')
ts_prefix = $(if $(filter lib/%,$(1)),LIB$(call ts_upper,$(patsubst lib/%,%,$(1))),$(call ts_upper,$(1)))

TS_COMPONENTS := $(patsubst $(TS_ROOT)/%/,%,$(dir $(wildcard $(TS_ROOT)/arch/*/Makefile.uk \
	$(TS_ROOT)/plat/*/Makefile.uk $(TS_ROOT)/lib/*/Makefile.uk)))
TS_OBJS :=
TS_INCLUDES := -I$(TS_ROOT)/include -I$(O)/include

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
$(foreach c,$(TS_ENABLED),$(eval $(call ts_add_component,$(call ts_prefix,$(c)),$(c))))

# The app: Makefile.uk's APP_SRCS-y if present, else every top-level .c/.S.
ifneq ($(wildcard $(A)/Makefile.uk),)
APP_DIR := $(A)
include $(A)/Makefile.uk
else
APP_SRCS-y := $(notdir $(wildcard $(A)/*.c $(A)/*.S))
endif
ifeq ($(strip $(APP_SRCS-y)),)
$(error $(A): the app has no sources (no .c or .S files))
endif
APP_OBJS := $(addprefix $(O)/obj/app/,$(addsuffix .o,$(basename $(APP_SRCS-y))))
$(APP_OBJS): TS_XFLAGS := $(APP_CFLAGS-y)
TS_OBJS += $(APP_OBJS)
TS_FLAGS_SIG += APP:$(APP_CFLAGS-y)

# ---- compiler flags ------------------------------------------------------------
TS_OPT := $(if $(CONFIG_OPTIMIZE_PERF),-O2,$(if $(CONFIG_OPTIMIZE_DEBUG),-Og,-Os))
TS_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -fno-pie -fno-pic -fno-common \
	-fno-stack-protector -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fcf-protection=none -fno-delete-null-pointer-checks -ffunction-sections -fdata-sections -g $(TS_OPT) \
	-Wall -Wextra -Werror -include $(O)/include/generated/autoconf.h $(TS_INCLUDES)
TS_ASFLAGS := -D__ASSEMBLY__ -fno-pie -nostdinc -g -include $(O)/include/generated/autoconf.h $(TS_INCLUDES)
# Ring-0 code runs emulated on nested hosts and must not touch SSE state.
TS_RING0_FLAGS := -mgeneral-regs-only -mno-red-zone

# Any change of flags or of the object list is recorded in a stamp file, so
# the objects (flags) or the link (list) depending on it are redone.
TS_FLAGS_SIG += $(TS_CFLAGS) $(TS_ASFLAGS)
ifneq ($(MAKE_RESTARTS)$(wildcard $(O)/include/config/auto.conf),)
$(call ts_stamp,$(O)/flags.stamp,$(TS_FLAGS_SIG))
$(call ts_stamp,$(O)/objs.stamp,$(TS_OBJS))
endif

# ---- progress ------------------------------------------------------------------
TS_STEPS := $(words $(TS_OBJS) link strip $(if $(CONFIG_CRASH_SYMBOLS),symbols link2))
TS_PROGRESS := $(O)/.progress
$(shell rm -f $(TS_PROGRESS))
ifeq ($(V),1)
ts_progress =
else
ts_progress = @printf '[%2d/%d] %-4s %s\n' $$(flock $(TS_PROGRESS) sh -c 'echo >>$(TS_PROGRESS); wc -c <$(TS_PROGRESS)') $(TS_STEPS) '$(1)' '$(2)'
endif

# ---- compile ---------------------------------------------------------------------
ts_fixdep = awk -v target=$@ -v cfgdir=$(O)/include/config -f $(TS_BUILD)/fixdep.awk $(@:.o=.d.raw) >$(@:.o=.d) && rm -f $(@:.o=.d.raw)
ts_ring0 = $(if $(findstring /ring0/,$@),$(TS_RING0_FLAGS))
TS_PRE := $(O)/flags.stamp | $(O)/include/config/auto.conf

$(O)/obj/app/%.o: $(A)/%.c $(TS_PRE)
	$(call ts_progress,CC,app/$*.c)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TS_CFLAGS) $(TS_XFLAGS) -MMD -MP -MF $(@:.o=.d.raw) -c $< -o $@
	$(Q)$(ts_fixdep)

$(O)/obj/app/%.o: $(A)/%.S $(TS_PRE)
	$(call ts_progress,AS,app/$*.S)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TS_ASFLAGS) $(TS_XFLAGS) -MMD -MP -MF $(@:.o=.d.raw) -c $< -o $@
	$(Q)$(ts_fixdep)

$(O)/obj/%.o: $(TS_ROOT)/%.c $(TS_PRE)
	$(call ts_progress,CC,$*.c)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TS_CFLAGS) $(ts_ring0) $(TS_XFLAGS) -MMD -MP -MF $(@:.o=.d.raw) -c $< -o $@
	$(Q)$(ts_fixdep)

$(O)/obj/%.o: $(TS_ROOT)/%.S $(TS_PRE)
	$(call ts_progress,AS,$*.S)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TS_ASFLAGS) $(TS_XFLAGS) -MMD -MP -MF $(@:.o=.d.raw) -c $< -o $@
	$(Q)$(ts_fixdep)

-include $(TS_OBJS:.o=.d)

# ---- link ----------------------------------------------------------------------------
TS_PLAT_NAME := $(if $(CONFIG_PLAT_KVM),kvm,$(if $(CONFIG_PLAT_TVM),tvm,none))
TS_IMAGE := $(O)/$(TS_APP_NAME)_$(TS_PLAT_NAME)-x86_64
TS_LINK := $(O)/link
TS_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments \
	-L$(TS_LINK) -Wl,-T,$(TS_BUILD)/image.ld

$(TS_LINK)/tables.ld: $(TS_BUILD)/gen-tables.sh
	@mkdir -p $(@D)
	$(Q)$(TS_BUILD)/gen-tables.sh >$@

$(TS_LINK)/pass1.elf: $(TS_OBJS) $(O)/objs.stamp $(TS_LINK)/tables.ld $(TS_BUILD)/image.ld
	$(call ts_progress,LD,$(notdir $(TS_IMAGE)) (pass 1))
	$(Q)$(CC) $(TS_LDFLAGS) -Wl,-Map,$(TS_LINK)/pass1.map -o $@ $(TS_OBJS) -lgcc

ifeq ($(CONFIG_CRASH_SYMBOLS),y)
$(TS_LINK)/symtab.S: $(TS_LINK)/pass1.elf $(TS_BUILD)/gen-symtab.sh
	$(call ts_progress,GEN,symbol table)
	$(Q)$(TS_BUILD)/gen-symtab.sh $< >$@

$(TS_LINK)/symtab.o: $(TS_LINK)/symtab.S
	$(Q)$(CC) -c $< -o $@

$(TS_IMAGE).dbg: $(TS_LINK)/pass1.elf $(TS_LINK)/symtab.o
	$(call ts_progress,LD,$(notdir $(TS_IMAGE)))
	$(Q)$(CC) $(TS_LDFLAGS) -Wl,-Map,$(TS_LINK)/image.map -o $@ $(TS_OBJS) $(TS_LINK)/symtab.o -lgcc
	$(Q)$(TS_BUILD)/check-symbols.sh $(TS_LINK)/pass1.elf $@
else
$(TS_IMAGE).dbg: $(TS_LINK)/pass1.elf
	$(Q)cp $< $@ && cp $(TS_LINK)/pass1.map $(TS_LINK)/image.map
endif

$(TS_IMAGE): $(TS_IMAGE).dbg
	$(call ts_progress,STRIP,$(notdir $@))
	$(Q)objcopy --strip-all --remove-section=.comment $< $@
	$(Q)$(TS_BUILD)/size-report.sh $(TS_LINK)/image.map $(TS_ROOT) $(O) >$(O)/size-report.txt
	@printf '\n  image   %s (%s bytes; with symbols: %s)\n  sizes   %s\n\n' \
		'$@' "$$(wc -c <$@)" '$@.dbg' '$(O)/size-report.txt'

$(O)/run.conf: $(O)/tessfile.mk $(TS_IMAGE)
	$(Q)printf 'name=%s\nimage=%s\nplatform=%s\nmemory_kib=%s\nargs=%s\nkernel_args=%s\n' \
		'$(TS_APP_NAME)' '$(TS_IMAGE)' '$(TS_PLAT_NAME)' '$(TS_APP_MEMORY_KIB)' '$(TS_APP_ARGS)' '$(TS_APP_KARGS)' >$@

.PHONY: all image menu clean print-image
all image: $(TS_IMAGE) $(O)/run.conf

print-image:
	@echo $(TS_IMAGE)

# ---- menu: edit the configuration, write the minimal form back -------------------------
menu: $(O)/config/.config
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-mconf $(KCONFIG_TOP)
	$(Q)cd $(O) && $(KCONFIG_ENV) kconfig-conf -s --savedefconfig=$(O)/config/defconfig $(KCONFIG_TOP)
	$(Q)$(TS_BUILD)/tessfile-save.sh $(A)/Tessfile $(O)/config/defconfig

endif # clean
