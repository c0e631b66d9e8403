/* chacha20.c: the ChaCha20 block function, written from RFC 8439 section 2. */
#include <string.h>
#include "chacha20.h"

static inline uint32_t rotl(uint32_t v, int c)
{
	return (v << c) | (v >> (32 - c));
}

/* RFC 8439 2.1: the quarter round on four words of the state. */
#define QR(a, b, c, d)                                   \
	do {                                             \
		a += b; d ^= a; d = rotl(d, 16);         \
		c += d; b ^= c; b = rotl(b, 12);         \
		a += b; d ^= a; d = rotl(d, 8);          \
		c += d; b ^= c; b = rotl(b, 7);          \
	} while (0)

static inline uint32_t load32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void store32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE], uint8_t out[CHACHA20_BLOCK])
{
	/* 2.3: "expand 32-byte k", the key, the counter, the nonce. */
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];
	int i;

	for (i = 0; i < 8; i++)
		in[4 + i] = load32(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = load32(nonce + 4 * i);
	memcpy(x, in, sizeof x);
	for (i = 0; i < 10; i++) { /* 20 rounds: column then diagonal */
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (i = 0; i < 16; i++)
		store32(out + 4 * i, x[i] + in[i]);
	/* The state held key material: do not leave it on the stack. */
	memset(x, 0, sizeof x);
	memset(in, 0, sizeof in);
	__asm__ volatile("" : : "r"(x), "r"(in) : "memory");
}

void chacha20_stream(const uint8_t key[CHACHA20_KEY], uint32_t counter,
		     const uint8_t nonce[CHACHA20_NONCE], uint8_t *out, size_t n)
{
	uint8_t block[CHACHA20_BLOCK];

	while (n >= CHACHA20_BLOCK) {
		chacha20_block(key, counter++, nonce, out);
		out += CHACHA20_BLOCK;
		n -= CHACHA20_BLOCK;
	}
	if (n) {
		chacha20_block(key, counter, nonce, block);
		memcpy(out, block, n);
		memset(block, 0, sizeof block);
		__asm__ volatile("" : : "r"(block) : "memory");
	}
}
