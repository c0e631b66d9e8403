/* generator.c: the CSPRNG — ChaCha20 keystream with fast key erasure, under one lock. */
#include <string.h>
#include <ts/lock.h>
#include <ts/random.h>
#include "chacha20.h"

/*
 * Fast key erasure (Bernstein, "Fast-key-erasure random-number
 * generators", 2017): each request takes the keystream of the current key;
 * its first 32 bytes become the next key and are never handed out, the
 * rest is the output. After the request the old key is gone, so nothing
 * that reads the generator's memory later can recompute earlier output.
 * Every key serves one request only, so a fixed nonce is safe.
 */
#define CHUNK 65536 /* bytes per lock hold (and per key) */

static struct ts_mutex lock = TS_MUTEX_INIT;
static uint8_t key[CHACHA20_KEY];
static const uint8_t nonce[CHACHA20_NONCE];
static const char *seeded_by; /* set once the key is a real seed's */

/* Overwrite secrets in a way the compiler cannot drop as a dead store. */
static void wipe(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* n (<= CHUNK) bytes of output into out, then a new key. Lock held. */
static void generate(uint8_t *out, size_t n)
{
	uint8_t first[CHACHA20_BLOCK];
	size_t take = n < CHACHA20_BLOCK - CHACHA20_KEY ? n : CHACHA20_BLOCK - CHACHA20_KEY;

	chacha20_block(key, 0, nonce, first);
	memcpy(out, first + CHACHA20_KEY, take);
	if (n > take)
		chacha20_stream(key, 1, nonce, out + take, n - take);
	memcpy(key, first, CHACHA20_KEY);
	wipe(first, sizeof first);
}

void random_generator_seed(const uint8_t seed[CHACHA20_KEY], const char *source)
{
	uint8_t none[1];

	ts_mutex_lock(&lock);
	/* XOR, not a copy: a reseed keeps whatever the old key had. */
	for (size_t i = 0; i < CHACHA20_KEY; i++)
		key[i] ^= seed[i];
	generate(none, 0);
	__atomic_store_n(&seeded_by, source, __ATOMIC_RELEASE);
	ts_mutex_unlock(&lock);
}

static void ensure_seeded(void)
{
	if (!__atomic_load_n(&seeded_by, __ATOMIC_ACQUIRE))
		random_seed_now();
}

void ts_random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;

	ensure_seeded();
	while (n) {
		size_t c = n < CHUNK ? n : CHUNK;

		ts_mutex_lock(&lock);
		generate(p, c);
		ts_mutex_unlock(&lock);
		p += c;
		n -= c;
	}
}

void ts_random_mix(const void *buf, size_t n)
{
	const uint8_t *p = buf;
	uint8_t none[1];

	ensure_seeded();
	ts_mutex_lock(&lock);
	for (size_t i = 0; i < n; i++) {
		key[i % CHACHA20_KEY] ^= p[i];
		/* Rekey per key-sized piece: a long write cannot cancel itself
		 * out by XORing the same bytes twice into one key. */
		if (i % CHACHA20_KEY == CHACHA20_KEY - 1 || i + 1 == n)
			generate(none, 0);
	}
	ts_mutex_unlock(&lock);
}

const char *ts_random_seeded_by(void)
{
	return __atomic_load_n(&seeded_by, __ATOMIC_ACQUIRE);
}
