/* json.c - the JSON reader: text from files and registries into a checked tree (RFC 8259). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "json.h"

struct parser {
	const char *p, *end, *start;
	char *err;
	size_t err_len;
	int failed;
};

static int fail(struct parser *ps, const char *why)
{
	if (!ps->failed && ps->err_len)
		snprintf(ps->err, ps->err_len, "%s at byte %zu", why, (size_t)(ps->p - ps->start));
	ps->failed = 1;
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* A buffer for one string being decoded. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static int sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		char *ns;

		while (cap < b->len + n + 1)
			cap *= 2;
		ns = realloc(b->s, cap);
		if (!ns)
			return -1;
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static int hex4(struct parser *ps, unsigned *out)
{
	unsigned v = 0;
	int i;

	if (ps->end - ps->p < 4)
		return fail(ps, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		int d = hex_digit(*ps->p++);

		if (d < 0)
			return fail(ps, "bad \\u escape");
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

/* Append code point cp as UTF-8. */
static int put_utf8(struct sbuf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); u[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
	}
	return sbuf_add(b, u, n);
}

/* A \uXXXX escape (ps->p after the 'u'), with its low surrogate if any. */
static int escape_u(struct parser *ps, struct sbuf *b)
{
	unsigned cp, lo;

	if (hex4(ps, &cp) < 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(ps, "lone low surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return fail(ps, "high surrogate without its low half");
		ps->p += 2;
		if (hex4(ps, &lo) < 0)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(ps, "high surrogate without its low half");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return fail(ps, "\\u0000 in a string");
	return put_utf8(b, cp) < 0 ? fail(ps, "out of memory") : 0;
}

/* Length of the valid UTF-8 sequence at p (a non-ASCII lead byte), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned cp, min;
	size_t n, i;

	if (*p >= 0xc2 && *p <= 0xdf) {
		n = 2; cp = *p & 0x1f; min = 0x80;
	} else if (*p >= 0xe0 && *p <= 0xef) {
		n = 3; cp = *p & 0x0f; min = 0x800;
	} else if (*p >= 0xf0 && *p <= 0xf4) {
		n = 4; cp = *p & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* A string (ps->p on its opening quote) into *out (malloc'ed). */
static int parse_string(struct parser *ps, char **out)
{
	struct sbuf b = { 0 };

	ps->p++;
	if (sbuf_add(&b, "", 0) < 0)
		return fail(ps, "out of memory");
	for (;;) {
		const char *run = ps->p;
		unsigned char c;

		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
		       (unsigned char)*ps->p >= 0x20 && (unsigned char)*ps->p < 0x80)
			ps->p++;
		if (ps->p > run && sbuf_add(&b, run, (size_t)(ps->p - run)) < 0)
			goto oom;
		if (ps->p >= ps->end) {
			fail(ps, "unterminated string");
			goto bad;
		}
		c = (unsigned char)*ps->p;
		if (c == '"') {
			ps->p++;
			*out = b.s;
			return 0;
		}
		if (c < 0x20) {
			fail(ps, "control character in a string");
			goto bad;
		}
		if (c >= 0x80) {
			size_t n = utf8_len((const unsigned char *)ps->p, (const unsigned char *)ps->end);

			if (!n) {
				fail(ps, "invalid UTF-8 in a string");
				goto bad;
			}
			if (sbuf_add(&b, ps->p, n) < 0)
				goto oom;
			ps->p += n;
			continue;
		}
		/* A backslash escape. */
		if (++ps->p >= ps->end) {
			fail(ps, "unterminated string");
			goto bad;
		}
		c = (unsigned char)*ps->p++;
		switch (c) {
		case '"': case '\\': case '/':
			if (sbuf_add(&b, (const char *)&c, 1) < 0)
				goto oom;
			break;
		case 'b': if (sbuf_add(&b, "\b", 1) < 0) goto oom; break;
		case 'f': if (sbuf_add(&b, "\f", 1) < 0) goto oom; break;
		case 'n': if (sbuf_add(&b, "\n", 1) < 0) goto oom; break;
		case 'r': if (sbuf_add(&b, "\r", 1) < 0) goto oom; break;
		case 't': if (sbuf_add(&b, "\t", 1) < 0) goto oom; break;
		case 'u':
			if (escape_u(ps, &b) < 0)
				goto bad;
			break;
		default:
			ps->p--;
			fail(ps, "bad escape in a string");
			goto bad;
		}
	}
oom:
	fail(ps, "out of memory");
bad:
	free(b.s);
	return -1;
}

static int is_digit(struct parser *ps)
{
	return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

/* A number (RFC 8259's grammar): exact int64 when it has no fraction or
 * exponent and fits, otherwise only checked. */
static int parse_number(struct parser *ps, struct tess_json *v)
{
	int neg = 0, overflow = 0, is_int = 1;
	uint64_t mag = 0;

	if (*ps->p == '-') {
		neg = 1;
		ps->p++;
	}
	if (!is_digit(ps))
		return fail(ps, "bad number");
	if (*ps->p == '0') {
		ps->p++;
	} else {
		while (is_digit(ps)) {
			unsigned d = (unsigned)(*ps->p++ - '0');

			if (mag > (UINT64_MAX - d) / 10)
				overflow = 1;
			else
				mag = mag * 10 + d;
		}
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		is_int = 0;
		if (!is_digit(ps))
			return fail(ps, "bad number");
		while (is_digit(ps))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		is_int = 0;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!is_digit(ps))
			return fail(ps, "bad number");
		while (is_digit(ps))
			ps->p++;
	}
	v->type = TESS_JSON_NUMBER;
	if (is_int && !overflow && (neg ? mag <= (uint64_t)INT64_MAX + 1 : mag <= INT64_MAX)) {
		v->is_int = 1;
		v->num = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	}
	return 0;
}

static int parse_value(struct parser *ps, struct tess_json *v, int depth);

/* Append item (and key, for objects) to v's lists. */
static int push_item(struct parser *ps, struct tess_json *v, struct tess_json *item, char *key)
{
	if ((v->n & (v->n - 1)) == 0) { /* grow at 0, 1, 2, 4, 8, ... */
		size_t cap = v->n ? v->n * 2 : 1;
		struct tess_json **items = realloc(v->items, cap * sizeof(*items));

		if (!items)
			return fail(ps, "out of memory");
		v->items = items;
		if (v->type == TESS_JSON_OBJECT) {
			char **keys = realloc(v->keys, cap * sizeof(*keys));

			if (!keys)
				return fail(ps, "out of memory");
			v->keys = keys;
		}
	}
	v->items[v->n] = item;
	if (v->type == TESS_JSON_OBJECT)
		v->keys[v->n] = key;
	v->n++;
	return 0;
}

/* An array or object (ps->p on its opening bracket). */
static int parse_container(struct parser *ps, struct tess_json *v, int depth)
{
	int obj = *ps->p == '{';
	char close = obj ? '}' : ']';

	if (depth >= TESS_JSON_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	v->type = obj ? TESS_JSON_OBJECT : TESS_JSON_ARRAY;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		struct tess_json *item;
		char *key = NULL;

		skip_ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "expected a key");
			if (parse_string(ps, &key) < 0)
				return -1;
			if (v->n >= TESS_JSON_MAX_KEYS) {
				free(key);
				return fail(ps, "too many keys in an object");
			}
			if (tess_json_get(v, key)) {
				free(key);
				return fail(ps, "repeated key");
			}
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				return fail(ps, "expected ':'");
			}
			ps->p++;
		}
		item = calloc(1, sizeof(*item));
		if (!item || push_item(ps, v, item, key) < 0) {
			free(item);
			free(key);
			return fail(ps, "out of memory");
		}
		if (parse_value(ps, item, depth + 1) < 0)
			return -1;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		}
		return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int literal(struct parser *ps, const char *word, struct tess_json *v, enum tess_json_type t)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	v->type = t;
	return 0;
}

static int parse_value(struct parser *ps, struct tess_json *v, int depth)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end");
	switch (*ps->p) {
	case '{': case '[':
		return parse_container(ps, v, depth);
	case '"':
		v->type = TESS_JSON_STRING;
		return parse_string(ps, &v->str);
	case 't':
		return literal(ps, "true", v, TESS_JSON_TRUE);
	case 'f':
		return literal(ps, "false", v, TESS_JSON_FALSE);
	case 'n':
		return literal(ps, "null", v, TESS_JSON_NULL);
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return parse_number(ps, v);
		return fail(ps, "unexpected character");
	}
}

struct tess_json *tess_json_parse(const char *text, size_t len, char *err, size_t err_len)
{
	struct parser ps = { .p = text, .end = text + len, .start = text, .err = err,
			     .err_len = err_len };
	struct tess_json *v = calloc(1, sizeof(*v));

	if (!v) {
		if (err_len)
			snprintf(err, err_len, "out of memory");
		return NULL;
	}
	if (parse_value(&ps, v, 0) == 0) {
		skip_ws(&ps);
		if (ps.p == ps.end)
			return v;
		fail(&ps, "text after the document");
	}
	tess_json_free(v);
	return NULL;
}

void tess_json_free(struct tess_json *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		tess_json_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

const struct tess_json *tess_json_get(const struct tess_json *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != TESS_JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (obj->keys[i] && strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *tess_json_get_str(const struct tess_json *obj, const char *key)
{
	const struct tess_json *v = tess_json_get(obj, key);

	return v && v->type == TESS_JSON_STRING ? v->str : NULL;
}
