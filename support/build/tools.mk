# tools.mk: host tools the build needs, and a clear message when one is missing.
ifeq ($(origin CC),default)
CC := gcc
endif

# $(call ts_need_tool,<command>,<Debian package>)
ts_need_tool = $(if $(shell command -v $(1) 2>/dev/null),,$(error '$(1)' not found; install the Debian package '$(2)'))
