/* httpparse.c - reading HTTP/1.1 responses: the status line and headers, and chunked bodies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hex.h"
#include "http.h"

#define CHUNK_LINE_MAX 4096 /* a chunk-size line (with extensions) or a trailer line */

static long bad(char *err, size_t err_len, const char *why)
{
	if (err_len)
		snprintf(err, err_len, "malformed HTTP response (%s)", why);
	return -1;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* One header line (without its CRLF): keep what tess uses. */
static int header(struct tess_http_resp *r, const char *line, size_t n, char *err, size_t err_len)
{
	const char *colon = memchr(line, ':', n), *v, *e = line + n;
	char **dst = NULL;
	size_t name_len;

	if (!colon || colon == line)
		return (int)bad(err, err_len, "header line without a name");
	name_len = (size_t)(colon - line);
	for (v = line; v < colon; v++)
		if (*v <= ' ' || *v >= 0x7f)
			return (int)bad(err, err_len, "bad header name");
	for (v = colon + 1; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
#define IS(name) (name_len == sizeof(name) - 1 && strncasecmp(line, name, name_len) == 0)
	if (IS("Content-Length")) {
		int64_t len = 0;
		const char *p;

		if (v == e || r->content_length >= 0)
			return (int)bad(err, err_len, "bad or repeated Content-Length");
		for (p = v; p < e; p++) {
			if (*p < '0' || *p > '9' || len > (INT64_MAX - 9) / 10)
				return (int)bad(err, err_len, "bad Content-Length");
			len = len * 10 + (*p - '0');
		}
		r->content_length = len;
		return 0;
	}
	if (IS("Transfer-Encoding")) {
		if ((size_t)(e - v) != 7 || strncasecmp(v, "chunked", 7) != 0)
			return (int)bad(err, err_len, "unsupported Transfer-Encoding");
		r->chunked = 1;
		return 0;
	}
	if (IS("Location"))
		dst = &r->location;
	else if (IS("Content-Type"))
		dst = &r->content_type;
	else if (IS("Docker-Content-Digest"))
		dst = &r->digest;
#undef IS
	if (!dst)
		return 0;
	if (*dst)
		return (int)bad(err, err_len, "repeated header");
	*dst = dup_n(v, (size_t)(e - v));
	if (!*dst)
		return (int)bad(err, err_len, "out of memory");
	return 0;
}

/* "HTTP/1.x NNN reason" */
static int status_line(struct tess_http_resp *r, const char *line, size_t n, char *err, size_t err_len)
{
	if (n < 12 || memcmp(line, "HTTP/1.", 7) != 0 || (line[7] != '0' && line[7] != '1') ||
	    line[8] != ' ' || line[9] < '1' || line[9] > '5' || line[10] < '0' || line[10] > '9' ||
	    line[11] < '0' || line[11] > '9' || (n > 12 && line[12] != ' '))
		return (int)bad(err, err_len, "bad status line");
	r->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
	return 0;
}

long tess_http_parse_head(const char *buf, size_t len, struct tess_http_resp *resp,
			  char *err, size_t err_len)
{
	const char *p = buf, *end;
	size_t scan = len < TESS_HTTP_HEAD_MAX ? len : TESS_HTTP_HEAD_MAX;
	int first = 1;

	/* The head is complete once an empty line is seen; parse nothing before. */
	end = NULL;
	for (size_t i = 0; i + 3 < scan; i++)
		if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
			end = buf + i + 4;
			break;
		}
	if (!end) {
		if (len >= TESS_HTTP_HEAD_MAX)
			return bad(err, err_len, "headers too long");
		return 0;
	}
	resp->content_length = -1;
	while (p < end - 2) {
		const char *eol = p;

		while (eol[0] != '\r' || eol[1] != '\n')
			eol++;
		if (memchr(p, '\0', (size_t)(eol - p)) || memchr(p, '\n', (size_t)(eol - p)))
			return bad(err, err_len, "control character in the head");
		if (first) {
			if (status_line(resp, p, (size_t)(eol - p), err, err_len) < 0)
				return -1;
			first = 0;
		} else if (header(resp, p, (size_t)(eol - p), err, err_len) < 0) {
			return -1;
		}
		p = eol + 2;
	}
	if (first)
		return bad(err, err_len, "no status line");
	if (resp->chunked && resp->content_length >= 0)
		return bad(err, err_len, "both Content-Length and chunked");
	return (long)(end - buf);
}

/* States of the chunked decoder. */
enum { CH_SIZE, CH_EXT, CH_SIZE_LF, CH_DATA, CH_DATA_CR, CH_DATA_LF, CH_TRAILER, CH_TRAILER_LF,
       CH_DONE };

static long chunk_bad(char *err, size_t err_len, const char *why)
{
	if (err_len)
		snprintf(err, err_len, "malformed chunked body (%s)", why);
	return -1;
}

long tess_http_chunked_feed(struct tess_http_chunked *c, const char *in, size_t n,
			    tess_http_sink out, void *ctx, int *done, char *err, size_t err_len)
{
	size_t i = 0;

	while (i < n && c->state != CH_DONE) {
		char ch = in[i];

		if (c->state == CH_DATA) {
			size_t take = n - i < c->left ? n - i : (size_t)c->left;

			if (out(ctx, in + i, take, err, err_len) < 0)
				return -1;
			i += take;
			c->left -= take;
			if (!c->left)
				c->state = CH_DATA_CR;
			continue;
		}
		i++;
		if (++c->line > CHUNK_LINE_MAX)
			return chunk_bad(err, err_len, "line too long");
		switch (c->state) {
		case CH_SIZE:
			if (hex_digit(ch) >= 0) {
				if (c->left >> 60)
					return chunk_bad(err, err_len, "chunk too large");
				c->left = c->left << 4 | (uint64_t)hex_digit(ch);
				c->digits++;
				break;
			}
			if (!c->digits)
				return chunk_bad(err, err_len, "no chunk size");
			if (ch == ';' || ch == ' ' || ch == '\t')
				c->state = CH_EXT;
			else if (ch == '\r')
				c->state = CH_SIZE_LF;
			else
				return chunk_bad(err, err_len, "bad chunk size");
			break;
		case CH_EXT: /* chunk extensions are ignored */
			if (ch == '\r')
				c->state = CH_SIZE_LF;
			else if (ch == '\n')
				return chunk_bad(err, err_len, "bare LF");
			break;
		case CH_SIZE_LF:
			if (ch != '\n')
				return chunk_bad(err, err_len, "CR without LF");
			c->line = 0;
			c->digits = 0;
			c->state = c->left ? CH_DATA : CH_TRAILER;
			break;
		case CH_DATA_CR:
			if (ch != '\r')
				return chunk_bad(err, err_len, "chunk longer than its size");
			c->state = CH_DATA_LF;
			break;
		case CH_DATA_LF:
			if (ch != '\n')
				return chunk_bad(err, err_len, "CR without LF");
			c->line = 0;
			c->state = CH_SIZE;
			break;
		case CH_TRAILER: /* trailer lines are skipped; an empty one ends the body */
			if (ch == '\r')
				c->state = CH_TRAILER_LF;
			else if (ch == '\n')
				return chunk_bad(err, err_len, "bare LF");
			break;
		case CH_TRAILER_LF:
			if (ch != '\n')
				return chunk_bad(err, err_len, "CR without LF");
			c->state = c->line == 2 ? CH_DONE : CH_TRAILER;
			c->line = 0;
			break;
		}
	}
	*done = c->state == CH_DONE;
	return (long)i;
}

void tess_http_resp_free(struct tess_http_resp *resp)
{
	free(resp->location);
	free(resp->content_type);
	free(resp->digest);
	free(resp->body);
	memset(resp, 0, sizeof(*resp));
}
