/* log.c: the host tests' ts_log — lines go to stderr, counted, the last one kept (without its newline). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/print.h>

int host_log_lines;
char host_log_last[512];

void ts_log(enum ts_log_level level, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_log_last, sizeof(host_log_last), fmt, ap);
	va_end(ap);
	n = strlen(host_log_last);
	if (n && host_log_last[n - 1] == '\n')
		host_log_last[n - 1] = '\0';
	host_log_lines++;
	fprintf(stderr, "%s%s\n", level <= TS_LOG_ERR ? "error: " : level == TS_LOG_WARN ? "warning: " : "",
		host_log_last);
}
