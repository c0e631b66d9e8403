# lock.mk: the first pass of every app command (included by app.mk). It checks
# the paths, then runs the real work holding the build folder's lock
# (lock.sh): a build or menu is app.mk again with TS_LOCK_HELD=1, after
# builddir.sh has adopted the folder; clean is builddir.sh alone. So two
# commands on one folder never overlap, with tess or with plain make.

# make splits paths at spaces, and ':', '%' and ',' (and, in recipes, the
# shell's special characters) break its rules: refuse such paths up front.
ts_comma := ,
TS_PATH_BAD := : % $(ts_comma) & ' " ( ) ; | < > $$ \ ` * ? [ ]
ts_path_check = $(if $(word 2,$(2)),$(error $(2): make cannot handle spaces in paths; use $(1) without them))$(foreach c,$(TS_PATH_BAD),$(if $(findstring $(c),$(2)),$(error $(2): make cannot handle '$(c)' in paths; use $(1) without it)))
$(call ts_path_check,an app folder,$(value A))
$(call ts_path_check,a build folder,$(value O))

ifneq ($(filter clean,$(MAKECMDGOALS)),)
ifneq ($(MAKECMDGOALS),clean)
$(error clean cannot be combined with other goals)
endif
.PHONY: clean
clean:
	@$(TS_BUILD)/lock.sh $(O) $(TS_BUILD)/builddir.sh clean $(A) $(O)
else

# The menu runs kconfig-mconf, which spins forever without a terminal.
ts_need_tty = { [ -t 0 ] && [ -t 1 ]; } || { echo "error: the menu needs a terminal (standard input and output must be one)" >&2; exit 1; };

TS_GOALS := $(or $(MAKECMDGOALS),all)
.PHONY: $(TS_GOALS) ts-locked
$(TS_GOALS): ts-locked
	@:
ts-locked:
	@+$(if $(filter menu,$(TS_GOALS)),$(ts_need_tty)) \
	$(TS_BUILD)/lock.sh --create $(O) $(TS_BUILD)/builddir.sh adopt $(A) $(O) \
	$(MAKE) -f $(TS_BUILD)/app.mk TS_LOCK_HELD=1 A=$(A) O=$(O) $(MAKECMDGOALS)
endif
