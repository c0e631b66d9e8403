/* gzip.c: the gzip wrapper (RFC 1952): header fields, then DEFLATE data, then CRC-32 and size checked. */
#include <errno.h>
#include <ts/inflate.h>

#define FTEXT 1
#define FHCRC 2
#define FEXTRA 4
#define FNAME 8
#define FCOMMENT 16
#define GZIP_MIN 18 /* a 10-byte header, an empty stream's 2 bytes, an 8-byte trailer */

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int ts_gzip_is(const void *buf, size_t n)
{
	const uint8_t *p = buf;

	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

int ts_gzip_size(const void *buf, size_t n, size_t *size)
{
	if (n < GZIP_MIN)
		return -EINVAL;
	*size = le32((const uint8_t *)buf + n - 4);
	return 0;
}

static int fail(struct ts_inflate_error *err, int r, const char *what, size_t off)
{
	err->what = what;
	err->offset = off;
	return r;
}

/* Skip a NUL-terminated field (FNAME, FCOMMENT) starting at *pos. */
static int skip_string(const uint8_t *p, size_t n, size_t *pos)
{
	while (*pos < n && p[*pos])
		(*pos)++;
	if (*pos >= n)
		return -1;
	(*pos)++;
	return 0;
}

/* The header (2.3.1): returns its length, or a negative error. */
static long header(const uint8_t *p, size_t n, struct ts_inflate_error *err)
{
	size_t pos = 10;
	uint8_t flg;

	if (n < GZIP_MIN || !ts_gzip_is(p, n))
		return fail(err, -EINVAL, "not a gzip file", 0);
	if (p[2] != 8)
		return fail(err, -EOPNOTSUPP, "gzip: compression method is not deflate", 2);
	flg = p[3];
	if (flg & 0xe0)
		return fail(err, -EINVAL, "gzip: reserved flag set", 3);
	if (flg & FEXTRA) {
		size_t xlen = n - pos >= 2 ? (size_t)(p[pos] | p[pos + 1] << 8) : n;
		if (xlen > n - pos - 2)
			return fail(err, -EINVAL, "gzip: extra field past the end", pos);
		pos += 2 + xlen;
	}
	if ((flg & FNAME) && skip_string(p, n, &pos) < 0)
		return fail(err, -EINVAL, "gzip: file name not terminated", 10);
	if ((flg & FCOMMENT) && skip_string(p, n, &pos) < 0)
		return fail(err, -EINVAL, "gzip: comment not terminated", 10);
	if (flg & FHCRC) {
		if (n - pos < 2)
			return fail(err, -EINVAL, "gzip: truncated header", pos);
		if ((ts_crc32(0, p, pos) & 0xffff) != (uint32_t)(p[pos] | p[pos + 1] << 8))
			return fail(err, -EBADMSG, "gzip: header CRC mismatch", pos);
		pos += 2;
	}
	return (long)pos;
}

int ts_gunzip(const void *src, size_t n, void *dst, size_t size, struct ts_inflate_error *err)
{
	const uint8_t *p = src;
	long hdr = header(p, n, err);
	size_t used, outlen, end;
	int r;

	if (hdr < 0)
		return (int)hdr;
	r = ts_inflate(p + hdr, n - (size_t)hdr, dst, size, &used, &outlen, err);
	if (r < 0) {
		err->offset += (size_t)hdr;
		return r;
	}
	end = (size_t)hdr + used;
	if (n - end < 8)
		return fail(err, -EINVAL, "gzip: truncated trailer", end);
	if (ts_crc32(0, dst, outlen) != le32(p + end))
		return fail(err, -EBADMSG, "gzip: CRC-32 mismatch", end);
	if (outlen != size || (uint32_t)outlen != le32(p + end + 4))
		return fail(err, -EBADMSG, "gzip: size mismatch", end + 4);
	for (size_t i = end + 8; i < n; i++)
		if (p[i])
			return fail(err, -EOPNOTSUPP, "gzip: data after the first member", i);
	return 0;
}
