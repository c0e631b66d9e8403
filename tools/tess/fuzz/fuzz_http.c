/* fuzz_http.c - libFuzzer target for the HTTP response readers (httpparse.c): the head, then the rest as a chunked body fed in pieces.
 *
 * The first byte chooses the size of the pieces, so splits at every
 * place get tried; the decoder must give the same data whatever the split. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct out {
	uint8_t *buf;
	size_t n;
};

static int put(void *ctx, const void *d, size_t n, char *err, size_t err_len)
{
	struct out *o = ctx;

	(void)err; (void)err_len;
	memcpy(o->buf + o->n, d, n); /* never more than the input */
	o->n += n;
	return 0;
}

/* Decode in pieces of step bytes; returns the input used, -1 on error. */
static long decode(const uint8_t *in, size_t n, size_t step, struct out *o, int *done)
{
	struct tess_http_chunked ch = { 0 };
	char err[128];
	size_t off = 0;

	*done = 0;
	while (off < n && !*done) {
		size_t k = n - off < step ? n - off : step;
		long used = tess_http_chunked_feed(&ch, (const char *)in + off, k, put, o, done, err, sizeof(err));

		if (used < 0)
			return -1;
		off += (size_t)used;
		if ((size_t)used < k && !*done)
			abort(); /* it may stop early only at the end of the body */
	}
	return (long)off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tess_http_resp r = { 0 };
	struct out a, b;
	char err[128];
	long head, ua, ub;
	int da, db;
	size_t step;

	if (size < 1)
		return 0;
	step = data[0] % 16 + 1;
	data++;
	size--;
	head = tess_http_parse_head((const char *)data, size, &r, err, sizeof(err));
	tess_http_resp_free(&r);
	if (head < 0 || (size_t)head > size)
		head = 0;
	a.buf = malloc(size + 1);
	b.buf = malloc(size + 1);
	a.n = b.n = 0;
	ua = decode(data + head, size - (size_t)head, size, &a, &da);
	ub = decode(data + head, size - (size_t)head, step, &b, &db);
	/* Whole or in pieces: the same verdict and the same bytes. */
	if ((ua < 0) != (ub < 0) || (ua >= 0 && (ua != ub || da != db || a.n != b.n || memcmp(a.buf, b.buf, a.n))))
		abort();
	free(a.buf);
	free(b.buf);
	return 0;
}
