/* print.c: leveled kernel log on the platform console. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/console.h>
#include <ts/print.h>

static int loglevel = CONFIG_LIBPRINT_LOGLEVEL;

static const char *const level_names[] = { "crit", "error", "warn", "info", "debug" };

void ts_print_init(const char *v)
{
	if (!v)
		return;
	for (int i = 0; i <= TS_LOG_DEBUG; i++)
		if (!strcmp(v, level_names[i]) || (v[0] == '0' + i && !v[1])) {
			loglevel = i;
			return;
		}
	ts_pr_warn("print: loglevel=%s is not one of 0-4, crit, error, warn, info, debug\n", v);
}

int ts_log_enabled(enum ts_log_level level)
{
	return (int)level <= loglevel;
}

void ts_vlog(enum ts_log_level level, const char *fmt, va_list ap)
{
	static const char *const prefix[] = { "critical: ", "error: ", "warning: ", "", "debug: " };
	char buf[512];
	if (!ts_log_enabled(level))
		return;
	size_t p = strlen(prefix[level]);
	memcpy(buf, prefix[level], p);
	int n = vsnprintf(buf + p, sizeof(buf) - p, fmt, ap);
	if (n < 0)
		return;
	p += (size_t)n < sizeof(buf) - p ? (size_t)n : sizeof(buf) - p - 1;
	fflush(stdout);
	ts_plat_console_write(buf, p);
}

void ts_log(enum ts_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ts_vlog(level, fmt, ap);
	va_end(ap);
}
