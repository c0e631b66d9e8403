/* Host-test stand-in for <ts/print.h>: TS_ASSERT always checks; log lines
 * are counted and the last one kept (tests/host/log.c), so tests can check
 * that bad input gives exactly one line. */
#ifndef TS_EXT2_HOST_PRINT_H
#define TS_EXT2_HOST_PRINT_H

#include "../../../../vfs/tests/host/ts/print.h"

enum ts_log_level {
	TS_LOG_CRIT = 0,
	TS_LOG_ERR = 1,
	TS_LOG_WARN = 2,
	TS_LOG_INFO = 3,
	TS_LOG_DEBUG = 4,
};

void ts_log(enum ts_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define ts_pr_crit(...)  ts_log(TS_LOG_CRIT, __VA_ARGS__)
#define ts_pr_err(...)   ts_log(TS_LOG_ERR, __VA_ARGS__)
#define ts_pr_warn(...)  ts_log(TS_LOG_WARN, __VA_ARGS__)
#define ts_pr_info(...)  ts_log(TS_LOG_INFO, __VA_ARGS__)
#define ts_pr_debug(...) ts_log(TS_LOG_DEBUG, __VA_ARGS__)

/* Lines logged so far, and the last one (without its prefix). */
extern int host_log_lines;
extern char host_log_last[512];

#endif
