/* cmdline.c: the kernel command-line parser (quotes, escapes, "--"). */
#include <errno.h>
#include <stddef.h>
#include "cmdline.h"

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Is the word at p a bare "--" (before any unquoting)? */
static int is_dashes(const char *p)
{
	return p[0] == '-' && p[1] == '-' && (!p[2] || is_space(p[2]));
}

/* Walk one word starting at *p and advance *p past it. With store set,
 * unquote it into itself and NUL-terminate it there (the result is never
 * longer than the source); without, only check it and write nothing. */
static int take_word(char **p, int store)
{
	char *r = *p, *w = *p;
	int quoted = 0;
	for (; *r && (quoted || !is_space(*r)); r++) {
		if (*r == '"') {
			quoted = !quoted;
		} else if (*r == '\\') {
			if (!r[1])
				return -EINVAL;
			r++;
			if (store)
				*w++ = *r;
		} else if (store) {
			*w++ = *r;
		}
	}
	if (quoted)
		return -EINVAL;
	*p = *r ? r + 1 : r;
	if (store)
		*w = '\0';
	return 0;
}

/* One pass over buf: count the words (and store them when words is
 * non-NULL), noting where a first bare "--" fell in *dashes (-1: none). */
static int walk(char *buf, char **words, int max, int *dashes)
{
	int n = 0;
	char *p = buf;
	*dashes = -1;
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			return n;
		if (*dashes < 0 && is_dashes(p)) {
			*dashes = n;
			p += 2;
			continue;
		}
		if (words && n == max)
			return -E2BIG;
		char *start = p;
		int err = take_word(&p, words != NULL);
		if (err)
			return err;
		if (words)
			words[n] = start;
		n++;
	}
}

int ts_cmdline_count(const char *buf)
{
	int dashes;
	return walk((char *)buf, NULL, 0, &dashes); /* stores nothing: buf is not written */
}

int ts_cmdline_split(char *buf, char **words, int max, struct ts_cmdline *out)
{
	int dashes, n = walk(buf, words, max, &dashes);
	if (n < 0)
		return n;
	out->kopt = words;
	out->nkopt = dashes < 0 ? n : dashes;
	out->argv = words + out->nkopt;
	out->argc = n - out->nkopt;
	return 0;
}
