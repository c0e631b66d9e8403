/* lib/print: the kernel log with levels, assertions and panics. */
#ifndef TS_PRINT_H
#define TS_PRINT_H

#include <stdarg.h>

enum ts_log_level {
	TS_LOG_CRIT = 0,
	TS_LOG_ERR = 1,
	TS_LOG_WARN = 2,
	TS_LOG_INFO = 3,
	TS_LOG_DEBUG = 4,
};

/*
 * Set the log level from the value of the loglevel= kernel option
 * ("0".."4" or "crit", "error", "warn", "info", "debug"; anything else
 * keeps the level and warns). NULL (no such option) keeps the default
 * level (the LIBPRINT_LOGLEVEL option). lib/boot calls this before the init calls:
 * the caller reads the option, so lib/print does not depend on lib/boot.
 */
void ts_print_init(const char *loglevel);

/* Nonzero when messages of `level` are printed. */
int ts_log_enabled(enum ts_log_level level);

/*
 * Print a message of `level` to the console (printf format, at most 512
 * bytes; longer ones are cut). Errors and warnings get an "error: " /
 * "warning: " prefix, debug messages "debug: ". Flushes stdout first so
 * log lines and program output keep their order.
 */
void ts_log(enum ts_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ts_vlog(enum ts_log_level level, const char *fmt, va_list ap);

#define ts_pr_crit(...)  ts_log(TS_LOG_CRIT, __VA_ARGS__)
#define ts_pr_err(...)   ts_log(TS_LOG_ERR, __VA_ARGS__)
#define ts_pr_warn(...)  ts_log(TS_LOG_WARN, __VA_ARGS__)
#define ts_pr_info(...)  ts_log(TS_LOG_INFO, __VA_ARGS__)
#define ts_pr_debug(...) ts_log(TS_LOG_DEBUG, __VA_ARGS__)

/*
 * Print "PANIC: <message> (<file>:<line>)" and a backtrace, then stop the
 * VM with TS_EXIT_CRASH. For broken invariants, not for bad input.
 */
#define ts_panic(...) ts__panic(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void ts__panic(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), cold));

/* Panic with the failed condition when CONFIG_ASSERTIONS is set. */
#if CONFIG_ASSERTIONS
#define TS_ASSERT(cond) \
	do { if (__builtin_expect(!(cond), 0)) ts__panic(__FILE__, __LINE__, "assertion failed: %s", #cond); } while (0)
#else
#define TS_ASSERT(cond) do { (void)sizeof(cond); } while (0)
#endif

#endif
