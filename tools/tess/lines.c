/* lines.c - split a child's stderr into lines for a filter, then pass on the lines it keeps. */
#include <string.h>

#include "tess.h"

void tess_lines_flush(struct tess_lines *l)
{
	size_t n = l->len;

	if (!n)
		return;
	if (!l->cont) {
		int r = l->filter(l->ctx, l->buf, l->buf[n - 1] == '\n' ? n - 1 : n);

		l->keep = r & TESS_LINE_KEEP;
		if (r & TESS_LINE_STOP)
			l->stop = 1;
	}
	if (l->keep)
		l->out(l->out_ctx, l->buf, n);
	l->cont = l->buf[n - 1] != '\n';
	l->len = 0;
}

void tess_lines_feed(struct tess_lines *l, const char *data, size_t n)
{
	while (n) {
		const char *nl = memchr(data, '\n', n);
		size_t take = nl ? (size_t)(nl - data) + 1 : n;
		size_t room = sizeof(l->buf) - l->len;

		if (take > room)
			take = room;
		memcpy(l->buf + l->len, data, take);
		l->len += take;
		data += take;
		n -= take;
		if (l->buf[l->len - 1] == '\n' || l->len == sizeof(l->buf))
			tess_lines_flush(l);
	}
}
