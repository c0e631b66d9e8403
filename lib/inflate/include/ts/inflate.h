/* lib/inflate: DEFLATE (RFC 1951) and gzip (RFC 1952) decompression of memory buffers, and CRC-32. */
#ifndef TS_INFLATE_H
#define TS_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32 of gzip and zip (reflected, polynomial 0xedb88320): start
 * with crc 0 and feed the data in pieces, passing the last result back. */
uint32_t ts_crc32(uint32_t crc, const void *buf, size_t n);

/* Where and why decompressing stopped. */
struct ts_inflate_error {
	const char *what; /* a static string */
	size_t offset;    /* bytes from the start of the input */
};

/*
 * Decompress the raw DEFLATE stream at src (srclen bytes) into dst
 * (dstcap bytes). On success returns 0 with *used = the input bytes the
 * stream took (through its last block's final byte) and *outlen = the
 * bytes written. Errors, with *err filled: -EINVAL (a corrupt stream:
 * reserved block type, a stored block's length check, a bad or
 * over-subscribed Huffman code, a code not in the table, a distance
 * further back than the output, the input ending too early), -ENOSPC
 * (the output does not fit in dstcap).
 */
int ts_inflate(const void *src, size_t srclen, void *dst, size_t dstcap, size_t *used,
	       size_t *outlen, struct ts_inflate_error *err);

/* Nonzero when buf (n bytes) starts with gzip's magic 1f 8b. */
int ts_gzip_is(const void *buf, size_t n);

/* The uncompressed size gzip stores in its last 4 bytes (ISIZE: modulo
 * 2^32). 0, or -EINVAL when n is below a gzip file's 18 bytes. */
int ts_gzip_size(const void *buf, size_t n, size_t *size);

/*
 * Decompress the one-member gzip file at src (n bytes) into dst, which
 * holds exactly size bytes (ts_gzip_size()). Checks the header (method
 * 8, no reserved flag, its CRC-16 if present), the CRC-32 and the size of
 * the output against the trailer. 0, or with *err filled: -EINVAL (a
 * corrupt header or stream, or a truncated file), -EOPNOTSUPP (another
 * method, data after the member), -EBADMSG (the CRC-32 or the size does
 * not match the data), -ENOSPC (more data than size).
 */
int ts_gunzip(const void *src, size_t n, void *dst, size_t size, struct ts_inflate_error *err);

#endif
