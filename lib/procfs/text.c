/* text.c: growing text buffers for the content of /proc files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "procfs.h"

static int reserve(struct pf_text *t, size_t more)
{
	if (t->err)
		return -1;
	if (t->len + more + 1 <= t->cap)
		return 0;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < t->len + more + 1)
		cap *= 2;
	char *b = realloc(t->buf, cap);
	if (!b) {
		t->err = -ENOMEM;
		return -1;
	}
	t->buf = b;
	t->cap = cap;
	return 0;
}

void pf_put(struct pf_text *t, const void *p, size_t n)
{
	if (reserve(t, n))
		return;
	memcpy(t->buf + t->len, p, n);
	t->len += n;
	t->buf[t->len] = 0;
}

void pf_printf(struct pf_text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(t, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}
