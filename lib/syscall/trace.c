/* trace.c: syscall.trace=1 — each call and its result on the console, in strace's format. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include "syscall_private.h"

#define AT_FDCWD (-100)
#define SHOWN 64 /* bytes of a string or buffer shown, as strace -s 64 */

struct line {
	char buf[512];
	size_t len;
};

static void put(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (l->len < sizeof(l->buf)) {
		int n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
		l->len += n > 0 ? (size_t)n : 0;
		if (l->len > sizeof(l->buf) - 1)
			l->len = sizeof(l->buf) - 1;
	}
	va_end(ap);
}

/* Bytes quoted with C escapes; an unreadable pointer is shown as an address. */
static void put_bytes(struct line *l, const char *p, size_t len, int nul_ends)
{
	if (!ts_user_ok(p, 1, 0)) {
		put(l, "%p", (const void *)p);
		return;
	}
	put(l, "\"");
	size_t i;
	for (i = 0; i < len && i < SHOWN && ts_user_ok(p + i, 1, 0); i++) {
		unsigned char c = (unsigned char)p[i];
		if (nul_ends && !c)
			break;
		if (c == '\n')
			put(l, "\\n");
		else if (c == '\t')
			put(l, "\\t");
		else if (c == '"' || c == '\\')
			put(l, "\\%c", c);
		else if (c < 32 || c >= 127)
			put(l, "\\%o", c);
		else
			put(l, "%c", c);
	}
	put(l, "\"%s", i < len && (!nul_ends || p[i]) ? "..." : "");
}

static void put_arg(struct line *l, char f, long v, long next, long ret, int after)
{
	switch (f) {
	case 'd': put(l, "%d", (int)v); break;
	case 'l': put(l, "%ld", v); break;
	case 'u': put(l, "%lu", (unsigned long)v); break;
	case 'x': put(l, "%#lx", (unsigned long)v); break;
	case 'o': put(l, "%#lo", (unsigned long)v); break;
	case 'f':
		if ((int)v == AT_FDCWD)
			put(l, "AT_FDCWD");
		else
			put(l, "%d", (int)v);
		break;
	case 's': put_bytes(l, (const char *)v, SHOWN + 1, 1); break;
	case 'b': put_bytes(l, (const char *)v, (size_t)next, 0); break;
	case 'B':
		if (after && ret >= 0)
			put_bytes(l, (const char *)v, (size_t)ret, 0);
		else
			put(l, "%p", (void *)v);
		break;
	default: put(l, v ? "%p" : "NULL", (void *)v); break;
	}
}

static void put_result(struct line *l, char f, long r)
{
	if (r < 0 && r > -4096) {
		const char *name = ts_errno_name(-r);
		put(l, " = -1 %s (%s)\n", name ? name : "E?", strerror((int)-r));
	} else if (f == 'x' || f == 'p') {
		put(l, " = %#lx\n", (unsigned long)r);
	} else if (f == 'o') {
		put(l, " = %#lo\n", (unsigned long)r);
	} else {
		put(l, " = %ld\n", r);
	}
}

long ts_syscall_traced(const struct ts_syscall *s, long n, const long a[6])
{
	const char *fmt = s ? s->fmt : "";
	const char *colon = strchr(fmt, ':');
	size_t nargs = colon ? (size_t)(colon - fmt) : strlen(fmt);
	long r = s ? s->fn(a[0], a[1], a[2], a[3], a[4], a[5]) : -38 /* ENOSYS */;

	struct line l = { .len = 0 };
	const char *name = ts_syscall_name(n);
	if (name)
		put(&l, "%s(", name);
	else
		put(&l, "syscall_%#lx(", (unsigned long)n);
	if (!s) /* unknown: the raw arguments, as strace does */
		put(&l, "%#lx, %#lx, %#lx, %#lx, %#lx, %#lx", a[0], a[1], a[2], a[3], a[4], a[5]);
	for (size_t i = 0; i < nargs && i < 6; i++) {
		if (i)
			put(&l, ", ");
		put_arg(&l, fmt[i], a[i], i < 5 ? a[i + 1] : 0, r, 1);
	}
	put(&l, ")");
	put_result(&l, colon ? colon[1] : 'l', r);
	ts_plat_console_write(l.buf, l.len);
	return r;
}
