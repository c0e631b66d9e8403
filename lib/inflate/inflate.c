/* inflate.c: a DEFLATE decoder written from RFC 1951 (stored, fixed and dynamic Huffman blocks). */
#include <errno.h>
#include <string.h>
#include <ts/inflate.h>

#define MAXBITS 15  /* longest code (3.2.7) */
#define FASTBITS 9  /* codes this short decode with one table look-up */
#define NLITLEN 288
#define NDIST 32

/* A canonical Huffman code: how many codes of each length, the symbols
 * ordered by (length, value), and a table of the codes of at most FASTBITS
 * bits indexed by the next FASTBITS input bits (entry: length << 10 | symbol,
 * 0 when the code is longer). */
struct huff {
	uint16_t count[MAXBITS + 1];
	uint16_t sym[NLITLEN];
	uint16_t fast[1 << FASTBITS];
};

/* Input bits, least significant first (3.1.1). Past the end the buffer is
 * filled with zeros counted in `extra`; taking any of those is an error. */
struct in {
	const uint8_t *p;
	size_t n, pos;
	uint64_t buf;
	unsigned cnt, extra;
};

struct state {
	struct in in;
	uint8_t *out;
	size_t cap, len;
	const char *why;
	struct huff lit, dist;
};

static void fill(struct in *s)
{
	while (s->cnt <= 56) {
		if (s->pos < s->n)
			s->buf |= (uint64_t)s->p[s->pos++] << s->cnt;
		else
			s->extra += 8;
		s->cnt += 8;
	}
}

/* Drop k (<= 32) bits; -1 when they were not all in the input. */
static int drop(struct in *s, unsigned k)
{
	if (k > s->cnt - s->extra)
		return -1;
	s->buf >>= k;
	s->cnt -= k;
	return 0;
}

/* Take k (<= 32) bits as a number; -1 when the input ended. */
static int64_t bits(struct in *s, unsigned k)
{
	uint64_t v;

	fill(s);
	v = s->buf & ((1ull << k) - 1);
	return drop(s, k) < 0 ? -1 : (int64_t)v;
}

static int fail(struct state *st, const char *why)
{
	st->why = why;
	return -EINVAL;
}

/* Reverse the low len bits of code (Huffman codes are sent MSB first). */
static unsigned reverse(unsigned code, unsigned len)
{
	unsigned r = 0;

	while (len--) {
		r = r << 1 | (code & 1);
		code >>= 1;
	}
	return r;
}

/* Build h from the code lengths of n symbols (3.2.2). An over-subscribed
 * set is an error; an incomplete one is allowed (a single distance code),
 * its unused codes fail when met. */
static int build(struct huff *h, const uint8_t *lens, unsigned n)
{
	uint16_t offs[MAXBITS + 2], next[MAXBITS + 1];
	int left = 1;
	unsigned code = 0;

	memset(h->count, 0, sizeof(h->count));
	memset(h->fast, 0, sizeof(h->fast));
	for (unsigned i = 0; i < n; i++)
		h->count[lens[i]]++;
	h->count[0] = 0;
	for (unsigned len = 1; len <= MAXBITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return -1;
	}
	offs[1] = 0;
	for (unsigned len = 1; len <= MAXBITS; len++) {
		offs[len + 1] = offs[len] + h->count[len];
		code = (code + (len > 1 ? h->count[len - 1] : 0)) << 1;
		next[len] = (uint16_t)code;
	}
	for (unsigned i = 0; i < n; i++) {
		unsigned len = lens[i];
		if (!len)
			continue;
		h->sym[offs[len]++] = (uint16_t)i;
		if (len <= FASTBITS) {
			unsigned r = reverse(next[len], len);
			for (unsigned f = r; f < 1u << FASTBITS; f += 1u << len)
				h->fast[f] = (uint16_t)(len << 10 | i);
		}
		next[len]++;
	}
	return 0;
}

/* The next symbol of h; -1 for a code outside it or the end of input. */
static int decode(struct in *s, const struct huff *h)
{
	unsigned e, first = 0, index = 0, code = 0;

	fill(s);
	e = h->fast[s->buf & ((1u << FASTBITS) - 1)];
	if (e)
		return drop(s, e >> 10) < 0 ? -1 : (int)(e & 0x3ff);
	for (unsigned len = 1; len <= MAXBITS; len++) {
		code |= (unsigned)(s->buf >> (len - 1)) & 1;
		if (code - first < h->count[len])
			return drop(s, len) < 0 ? -1 : h->sym[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -1;
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
				       35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
				       3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
					193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
					6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
					7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* Copy len bytes from dist back in the output (they may overlap). */
static int copy_match(struct state *st, unsigned len, unsigned dist)
{
	uint8_t *d;

	if (dist > st->len)
		return fail(st, "distance too far back");
	if (len > st->cap - st->len) {
		st->why = "output larger than expected";
		return -ENOSPC;
	}
	d = st->out + st->len;
	if (dist >= len)
		memcpy(d, d - dist, len);
	else
		for (const uint8_t *from = d - dist, *end = d + len; d < end;)
			*d++ = *from++; /* overlapping: repeats the last dist bytes */
	st->len += len;
	return 0;
}

/* The symbols of one Huffman-coded block, up to its end code (3.2.5). */
static int codes(struct state *st)
{
	for (;;) {
		int sym = decode(&st->in, &st->lit), dsym;
		int64_t x, y;

		if (sym < 0)
			return fail(st, "bad literal/length code");
		if (sym < 256) {
			if (st->len == st->cap) {
				st->why = "output larger than expected";
				return -ENOSPC;
			}
			st->out[st->len++] = (uint8_t)sym;
			continue;
		}
		if (sym == 256)
			return 0;
		if ((sym -= 257) >= 29)
			return fail(st, "bad length symbol");
		x = bits(&st->in, len_extra[sym]);
		dsym = decode(&st->in, &st->dist);
		if (x < 0 || dsym < 0 || dsym >= 30)
			return fail(st, "bad distance code");
		y = bits(&st->in, dist_extra[dsym]);
		if (y < 0)
			return fail(st, "input ends inside a block");
		int r = copy_match(st, len_base[sym] + (unsigned)x, dist_base[dsym] + (unsigned)y);
		if (r < 0)
			return r;
	}
}

/* A stored block: byte-aligned LEN, NLEN = ~LEN, LEN bytes (3.2.4). */
static int stored(struct state *st)
{
	struct in *s = &st->in;
	int64_t len, nlen;
	size_t start;

	drop(s, (s->cnt - s->extra) & 7);
	len = bits(s, 16);
	nlen = bits(s, 16);
	if (len < 0 || nlen < 0)
		return fail(st, "input ends inside a stored block");
	if ((len ^ 0xffff) != nlen)
		return fail(st, "stored block length check fails");
	/* Give back the whole bytes still in the bit buffer. */
	start = s->pos - (s->cnt - s->extra) / 8;
	s->buf = 0;
	s->cnt = s->extra = 0;
	if ((size_t)len > s->n - start)
		return fail(st, "input ends inside a stored block");
	if ((size_t)len > st->cap - st->len) {
		st->why = "output larger than expected";
		return -ENOSPC;
	}
	memcpy(st->out + st->len, s->p + start, (size_t)len);
	st->len += (size_t)len;
	s->pos = start + (size_t)len;
	return 0;
}

static int fixed(struct state *st)
{
	uint8_t lens[NLITLEN];
	unsigned i = 0;

	for (; i < 144; i++)
		lens[i] = 8;
	for (; i < 256; i++)
		lens[i] = 9;
	for (; i < 280; i++)
		lens[i] = 7;
	for (; i < NLITLEN; i++)
		lens[i] = 8;
	build(&st->lit, lens, NLITLEN);
	memset(lens, 5, NDIST);
	build(&st->dist, lens, NDIST);
	return codes(st);
}

/* The code lengths of a dynamic block, themselves Huffman-coded (3.2.7). */
static int dynamic(struct state *st)
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	uint8_t lens[NLITLEN + NDIST] = { 0 };
	struct in *s = &st->in;
	int64_t hlit = bits(s, 5), hdist = bits(s, 5), hclen = bits(s, 4);
	unsigned i, n;

	if (hlit < 0 || hdist < 0 || hclen < 0)
		return fail(st, "input ends inside a block header");
	hlit += 257, hdist += 1, hclen += 4;
	if (hlit > 286 || hdist > 30)
		return fail(st, "too many length or distance codes");
	for (i = 0; i < hclen; i++) {
		int64_t l = bits(s, 3);
		if (l < 0)
			return fail(st, "input ends inside a block header");
		lens[order[i]] = (uint8_t)l;
	}
	if (build(&st->lit, lens, 19) < 0)
		return fail(st, "bad code-length code");
	for (i = 0, n = (unsigned)(hlit + hdist); i < n;) {
		int sym = decode(s, &st->lit);
		int64_t rep;
		uint8_t val = 0;

		if (sym < 0)
			return fail(st, "bad code-length code");
		if (sym < 16) {
			lens[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return fail(st, "repeat of no previous length");
			val = lens[i - 1];
			rep = bits(s, 2) + 3;
		} else if (sym == 17) {
			rep = bits(s, 3) + 3;
		} else {
			rep = bits(s, 7) + 11;
		}
		if (rep < 3 || i + (unsigned)rep > n)
			return fail(st, "code lengths repeat past the end");
		while (rep--)
			lens[i++] = val;
	}
	if (lens[256] == 0)
		return fail(st, "no end-of-block code");
	if (build(&st->lit, lens, (unsigned)hlit) < 0 ||
	    build(&st->dist, lens + hlit, (unsigned)hdist) < 0)
		return fail(st, "over-subscribed Huffman code");
	return codes(st);
}

int ts_inflate(const void *src, size_t srclen, void *dst, size_t dstcap, size_t *used,
	       size_t *outlen, struct ts_inflate_error *err)
{
	struct state st = { .in = { .p = src, .n = srclen }, .out = dst, .cap = dstcap };
	int64_t last, type;
	int r = 0;

	do {
		last = bits(&st.in, 1);
		type = bits(&st.in, 2);
		if (last < 0 || type < 0)
			r = fail(&st, "input ends before the last block");
		else if (type == 0)
			r = stored(&st);
		else if (type == 1)
			r = fixed(&st);
		else if (type == 2)
			r = dynamic(&st);
		else
			r = fail(&st, "reserved block type 3");
	} while (r == 0 && !last);
	if (r < 0) {
		err->what = st.why;
		err->offset = st.in.pos - (st.in.cnt - st.in.extra) / 8;
		return r;
	}
	*used = st.in.pos - (st.in.cnt - st.in.extra) / 8;
	*outlen = st.len;
	return 0;
}
