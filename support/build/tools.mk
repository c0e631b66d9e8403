# tools.mk: host tools the build needs, and a clear message when one is missing.
# (undefined: under -R, which the first pass hands to the second; lock.mk)
ifneq ($(filter default undefined,$(origin CC)),)
CC := gcc
endif

# $(call ts_need_tool,<command>,<Debian package>)
ts_need_tool = $(if $(shell command -v $(1) 2>/dev/null),,$(error '$(1)' not found; install the Debian package '$(2)'))
