/* sha256.h - SHA-256 (FIPS 180-4), for the digests of OCI blobs. */
#ifndef TESS_SHA256_H
#define TESS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define TESS_SHA256_LEN 32            /* bytes of a digest */
#define TESS_SHA256_HEX (2 * TESS_SHA256_LEN) /* its lower-case hex length */

/* A running hash; zero-initialising is not enough: call tess_sha256_init. */
struct tess_sha256 {
	uint32_t h[8];
	uint64_t total; /* bytes hashed so far */
	uint8_t block[64];
	size_t used;    /* bytes waiting in block */
};

void tess_sha256_init(struct tess_sha256 *s);
/* Hash n more bytes of data (any n, including 0). */
void tess_sha256_update(struct tess_sha256 *s, const void *data, size_t n);
/* Finish: write the 32-byte digest to out. s must be re-initialised before reuse. */
void tess_sha256_final(struct tess_sha256 *s, uint8_t out[TESS_SHA256_LEN]);
/* Finish and write the digest as 64 lower-case hex digits and a NUL to hex. */
void tess_sha256_final_hex(struct tess_sha256 *s, char hex[TESS_SHA256_HEX + 1]);
/* One-shot: the hex digest of data[0..n). */
void tess_sha256_hex(const void *data, size_t n, char hex[TESS_SHA256_HEX + 1]);

#endif
