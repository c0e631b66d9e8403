/* jsonw.c - the JSON writer: compact documents for OCI indexes, manifests, configs and tess images --format json. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static void add(struct tess_jw *w, const char *s, size_t n)
{
	if (w->len + n + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 256;

		while (cap < w->len + n + 1)
			cap *= 2;
		w->s = realloc(w->s, cap);
		if (!w->s) {
			/* tess has nothing sensible left to do without memory. */
			fputs("tess: out of memory\n", stderr);
			abort();
		}
		w->cap = cap;
	}
	memcpy(w->s + w->len, s, n);
	w->len += n;
	w->s[w->len] = '\0';
}

/* The comma before a value or key, unless it is the first in its container
 * or the value of the key just written. */
static void sep(struct tess_jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0 && !w->first[w->depth])
		add(w, ",", 1);
	w->first[w->depth] = 0;
}

static void open_c(struct tess_jw *w, char c)
{
	sep(w);
	add(w, &c, 1);
	if (w->depth < TESS_JSON_MAX_DEPTH)
		w->depth++;
	w->first[w->depth] = 1;
}

static void close_c(struct tess_jw *w, char c)
{
	add(w, &c, 1);
	if (w->depth > 0)
		w->depth--;
}

void tess_jw_obj(struct tess_jw *w) { open_c(w, '{'); }
void tess_jw_obj_end(struct tess_jw *w) { close_c(w, '}'); }
void tess_jw_arr(struct tess_jw *w) { open_c(w, '['); }
void tess_jw_arr_end(struct tess_jw *w) { close_c(w, ']'); }

static void quoted(struct tess_jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	add(w, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };

			add(w, e, 2);
		} else if (c < 0x20) {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

			add(w, e, 6);
		} else {
			add(w, (const char *)&c, 1);
		}
	}
	add(w, "\"", 1);
}

void tess_jw_key(struct tess_jw *w, const char *key)
{
	sep(w);
	quoted(w, key);
	add(w, ":", 1);
	w->after_key = 1;
}

void tess_jw_str(struct tess_jw *w, const char *s)
{
	sep(w);
	quoted(w, s);
}

void tess_jw_int(struct tess_jw *w, int64_t v)
{
	char num[24];

	sep(w);
	snprintf(num, sizeof(num), "%" PRId64, v);
	add(w, num, strlen(num));
}

void tess_jw_kstr(struct tess_jw *w, const char *key, const char *s)
{
	tess_jw_key(w, key);
	tess_jw_str(w, s);
}

void tess_jw_kint(struct tess_jw *w, const char *key, int64_t v)
{
	tess_jw_key(w, key);
	tess_jw_int(w, v);
}

char *tess_jw_take(struct tess_jw *w, size_t *len)
{
	char *s = w->s;

	if (!s) {
		s = malloc(1);
		if (!s)
			abort();
		*s = '\0';
	}
	if (len)
		*len = w->len;
	memset(w, 0, sizeof(*w));
	return s;
}
