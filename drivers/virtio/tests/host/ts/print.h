/* Host-test stand-in for <ts/print.h>: log lines are counted and kept (the last one). */
#ifndef TS_PRINT_H
#define TS_PRINT_H

#include <stdio.h>

extern int host_log_errors;
extern char host_log_last[256];

#define ts_pr_err(...) (host_log_errors++, snprintf(host_log_last, sizeof host_log_last, __VA_ARGS__))
#define ts_pr_debug(...) snprintf(host_log_last, sizeof host_log_last, __VA_ARGS__)

#endif
