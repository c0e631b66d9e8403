/* log.c: the host tests' ts_log — lines go to stderr, counted, the last one kept. */
#include <stdarg.h>
#include <stdio.h>
#include <ts/print.h>

int host_log_lines;
char host_log_last[512];

void ts_log(enum ts_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_log_last, sizeof(host_log_last), fmt, ap);
	va_end(ap);
	host_log_lines++;
	fprintf(stderr, "%s%s\n", level <= TS_LOG_ERR ? "error: " : level == TS_LOG_WARN ? "warning: " : "",
		host_log_last);
}
