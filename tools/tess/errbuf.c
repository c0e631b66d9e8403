/* errbuf.c - a one-line reason written into the caller's buffer: how the OCI code reports failures to the command that prints them. */
#include <stdarg.h>
#include <stdio.h>

#include "oci.h"

int tess_errbuf(char *err, size_t err_len, const char *fmt, ...)
{
	va_list ap;

	if (!err_len)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return -1;
}
