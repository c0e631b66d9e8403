/* chacha20.h: lib/random's private interface — the ChaCha20 block function and the generator's seeding. */
#ifndef LIB_RANDOM_CHACHA20_H
#define LIB_RANDOM_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY 32   /* bytes */
#define CHACHA20_NONCE 12 /* bytes */
#define CHACHA20_BLOCK 64 /* bytes */

/*
 * The ChaCha20 block function of RFC 8439 (2.3): 64 bytes of keystream for
 * key, block counter and nonce (both byte strings read little-endian, as
 * the RFC serialises them).
 */
void chacha20_block(const uint8_t key[CHACHA20_KEY], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE], uint8_t out[CHACHA20_BLOCK]);

/*
 * n bytes of keystream (blocks counter, counter + 1, ...) into out; n at
 * most 256 GiB minus what the counter already used. RFC 8439's encryption
 * is this XORed with the plaintext.
 */
void chacha20_stream(const uint8_t key[CHACHA20_KEY], uint32_t counter,
		     const uint8_t nonce[CHACHA20_NONCE], uint8_t *out, size_t n);

/* generator.c: key the generator with seed (its caller wipes seed).
 * Caller holds no lock; may be called again (a reseed replaces the key). */
void random_generator_seed(const uint8_t seed[CHACHA20_KEY], const char *source);

/* seed.c: seed the generator now from the first source that works, or
 * stop the VM (crash status) with one line. Called at boot, or by the
 * first ts_random_bytes() before that. */
void random_seed_now(void);

#endif
