/* util.c - messages, allocation, string buffers and path helpers used everywhere in tess. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tess.h"

const char *tess_cmd;
int tess_fail_status = TESS_EXIT_FAIL;
int tess_usage_status = TESS_EXIT_USAGE;

static void vmsg(const char *fmt, va_list ap, const char *tail)
{
	/* One buffer and one write, so the line is not interleaved with
	 * output forwarded from a child. */
	struct tess_buf b = {0};
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	tess_buf_adds(&b, "tess: ");
	if (n > 0) {
		char *s = tess_xmalloc((size_t)n + 1);

		vsnprintf(s, (size_t)n + 1, fmt, ap);
		tess_buf_add(&b, s, (size_t)n);
		free(s);
	}
	if (tail)
		tess_buf_adds(&b, tail);
	tess_buf_addc(&b, '\n');
	tess_write_all(STDERR_FILENO, b.s, b.len);
	free(b.s);
}

void tess_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
}

void tess_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
	exit(tess_fail_status);
}

void tess_usage(const char *fmt, ...)
{
	char tail[64];
	va_list ap;

	if (tess_cmd)
		snprintf(tail, sizeof(tail), " (see 'tess %s --help')", tess_cmd);
	else
		snprintf(tail, sizeof(tail), " (see 'tess --help')");
	va_start(ap, fmt);
	vmsg(fmt, ap, tail);
	va_end(ap);
	exit(tess_usage_status);
}

void *tess_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		/* No allocation on this path. */
		static const char msg[] = "tess: out of memory\n";

		tess_write_all(STDERR_FILENO, msg, sizeof(msg) - 1);
		exit(tess_fail_status);
	}
	return p;
}

void *tess_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		static const char msg[] = "tess: out of memory\n";

		tess_write_all(STDERR_FILENO, msg, sizeof(msg) - 1);
		exit(tess_fail_status);
	}
	return q;
}

char *tess_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(tess_xmalloc(n), s, n);
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		tess_die("internal error: bad format");
	s = tess_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}

char *tess_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void tess_buf_add(struct tess_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = tess_xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void tess_buf_adds(struct tess_buf *b, const char *s)
{
	tess_buf_add(b, s, strlen(s));
}

void tess_buf_addc(struct tess_buf *b, char c)
{
	tess_buf_add(b, &c, 1);
}

char *tess_buf_take(struct tess_buf *b)
{
	char *s = b->s ? b->s : tess_xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void tess_vec_push(struct tess_vec *v, const char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = tess_xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = tess_xstrdup(s);
	v->v[v->n] = NULL;
}

void tess_vec_pushf(struct tess_vec *v, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	tess_vec_push(v, s);
	free(s);
}

void tess_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

char *tess_path_abs(const char *path)
{
	struct tess_buf b = {0};

	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			tess_die("cannot get the current directory: %s", strerror(errno));
		tess_buf_adds(&b, cwd);
		free(cwd);
		if (b.len && b.s[b.len - 1] != '/')
			tess_buf_addc(&b, '/');
		/* "." alone means the current directory itself. */
		if (strcmp(path, ".") != 0)
			tess_buf_adds(&b, path);
	} else {
		tess_buf_adds(&b, path);
	}
	while (b.len > 1 && b.s[b.len - 1] == '/')
		b.s[--b.len] = '\0';
	return tess_buf_take(&b);
}

char *tess_path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n && a[n - 1] == '/')
		return tess_xasprintf("%s%s", a, b);
	return tess_xasprintf("%s/%s", a, b);
}

int tess_in_path(const char *name)
{
	const char *path = getenv("PATH");
	const char *p;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; ) {
		const char *end = strchrnul(p, ':');
		char *dir = end == p ? tess_xstrdup(".") : strndup(p, (size_t)(end - p));
		char *file;
		struct stat st;
		int found;

		if (!dir)
			tess_die("out of memory");
		file = tess_path_join(dir, name);
		found = stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, X_OK) == 0;
		free(file);
		free(dir);
		if (found)
			return 1;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

int tess_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void tess_shell_quote(struct tess_buf *b, const char *s)
{
	const char *p;

	if (*s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "0123456789_-+=.,:/@%^")]) {
		tess_buf_adds(b, s);
		return;
	}
	tess_buf_addc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			tess_buf_adds(b, "'\\''");
		else
			tess_buf_addc(b, *p);
	}
	tess_buf_addc(b, '\'');
}
