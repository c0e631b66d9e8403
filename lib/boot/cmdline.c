/* cmdline.c: the kernel command-line parser (quotes, escapes, "--"). */
#include <errno.h>
#include <stddef.h>
#include "cmdline.h"

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Unquote one word starting at *p into itself; advances *p past it. */
static int take_word(char **p, char **word)
{
	char *r = *p, *w = *p;
	int quoted = 0;
	*word = w;
	for (; *r && (quoted || !is_space(*r)); r++) {
		if (*r == '"') {
			quoted = !quoted;
		} else if (*r == '\\') {
			if (!r[1])
				return -EINVAL;
			*w++ = *++r;
		} else {
			*w++ = *r;
		}
	}
	if (quoted)
		return -EINVAL;
	*p = *r ? r + 1 : r;
	*w = '\0';
	return 0;
}

int ts_cmdline_split(char *buf, char **words, int max, struct ts_cmdline *out)
{
	int n = 0, dashes = -1;
	char *p = buf;
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		int raw_dashes = p[0] == '-' && p[1] == '-' && (!p[2] || is_space(p[2]));
		char *word;
		if (raw_dashes && dashes < 0) {
			dashes = n;
			p += 2;
			continue;
		}
		if (n == max)
			return -E2BIG;
		int err = take_word(&p, &word);
		if (err)
			return err;
		words[n++] = word;
	}
	out->kopt = words;
	out->nkopt = dashes < 0 ? n : dashes;
	out->argv = words + out->nkopt;
	out->argc = n - out->nkopt;
	return 0;
}
