/* random_test.c: host tests of lib/random — RFC 8439 vectors, fast key erasure, threads, byte spread. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <ts/random.h>
#include "chacha20.h"
#include "hosttest.h"

/* ---- the seed: a fixed one, so the output can be predicted ---- */

static const uint8_t test_seed[32] = { 's', 'e', 'e', 'd' };
static int seed_calls;

void random_seed_now(void)
{
	seed_calls++;
	random_generator_seed(test_seed, "test");
}

static void unhex(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

static const uint8_t rfc_key[32] = {
	0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/* RFC 8439 2.3.2: the block function's test vector. */
static void block_vector(void)
{
	static const uint8_t nonce[12] = { 0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	uint8_t want[64], got[64];

	unhex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	      "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e", want, 64);
	chacha20_block(rfc_key, 1, nonce, got);
	CHECK(memcmp(got, want, 64) == 0, "block differs from RFC 8439 2.3.2");
}

/* RFC 8439 A.1: test vectors 1 and 2 (all-zero key and nonce, blocks 0 and 1). */
static void zero_key_vectors(void)
{
	static const uint8_t zero[32];
	uint8_t want[64], got[64];

	unhex("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	      "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586", want, 64);
	chacha20_block(zero, 0, zero, got);
	CHECK(memcmp(got, want, 64) == 0, "A.1 #1 differs");
	unhex("9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	      "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f", want, 64);
	chacha20_block(zero, 1, zero, got);
	CHECK(memcmp(got, want, 64) == 0, "A.1 #2 differs");
}

/* RFC 8439 2.4.2: the "sunscreen" text, 114 bytes: two blocks and a tail,
 * so the stream's block stepping and its partial last block are checked. */
static void stream_vector(void)
{
	static const uint8_t nonce[12] = { 0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	static const char text[] = "Ladies and Gentlemen of the class of '99: If I could offer you "
				   "only one tip for the future, sunscreen would be it.";
	uint8_t want[114], ks[114];
	size_t n = sizeof text - 1;

	CHECK(n == 114, "text is %zu bytes", n);
	unhex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
	      "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
	      "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
	      "5af90bbf74a35be6b40b8eedf2785e42874d", want, 114);
	chacha20_stream(rfc_key, 1, nonce, ks, n);
	for (size_t i = 0; i < n; i++)
		ks[i] ^= (uint8_t)text[i];
	CHECK(memcmp(ks, want, n) == 0, "ciphertext differs from RFC 8439 2.4.2");
}

/* The model of fast key erasure: output = keystream(key)[32..32+n), the
 * next key = keystream(key)[0..32). Chunks of 64 KiB each take a key. */
static uint8_t model_key[32];

static void model_seed(void)
{
	static const uint8_t nonce[12];
	uint8_t ks[32];

	chacha20_stream(test_seed, 0, nonce, ks, 32);
	memcpy(model_key, ks, 32);
}

static void model_bytes(uint8_t *out, size_t n)
{
	static const uint8_t nonce[12];

	while (n) {
		size_t c = n < 65536 ? n : 65536;
		uint8_t *ks = malloc(c + 32);

		chacha20_stream(model_key, 0, nonce, ks, c + 32);
		memcpy(out, ks + 32, c);
		memcpy(model_key, ks, 32);
		free(ks);
		out += c;
		n -= c;
	}
}

static void generator_matches_model(void)
{
	static const size_t sizes[] = { 1, 31, 32, 33, 64, 100, 4096, 65536, 65537, 200000 };
	static uint8_t got[200000], want[200000];

	CHECK(ts_random_seeded_by() == NULL && seed_calls == 0, "seeded before the first use");
	model_seed();
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		ts_random_bytes(got, sizes[i]);
		model_bytes(want, sizes[i]);
		CHECK(memcmp(got, want, sizes[i]) == 0, "request of %zu bytes differs from the model",
		      sizes[i]);
	}
	CHECK(seed_calls == 1, "seeded %d times", seed_calls);
	CHECK(ts_random_seeded_by() && strcmp(ts_random_seeded_by(), "test") == 0,
	      "seeded_by is %s", ts_random_seeded_by() ? ts_random_seeded_by() : "NULL");
}

/* Two requests never repeat, even of the same size; a zero-length one is fine. */
static void requests_differ(void)
{
	uint8_t a[64], b[64];

	ts_random_bytes(a, sizeof a);
	ts_random_bytes(b, 0);
	ts_random_bytes(b, sizeof b);
	CHECK(memcmp(a, b, sizeof a) != 0, "two requests gave the same bytes");
}

/* Mixing follows its model too: XOR into the key, a new key per 32 bytes. */
static void mix_model(void)
{
	static const uint8_t nonce[12];
	uint8_t data[40], got[48], want[48], ks[32];

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 7 + 1);
	/* bring the model to the generator's current key */
	model_seed();
	{
		static const size_t sizes[] = { 1, 31, 32, 33, 64, 100, 4096, 65536, 65537, 200000, 64, 64 };
		static uint8_t skip[200000];

		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			model_bytes(skip, sizes[i]);
	}
	ts_random_mix(data, sizeof data);
	for (size_t i = 0; i < sizeof data; i++) {
		model_key[i % 32] ^= data[i];
		if (i % 32 == 31 || i + 1 == sizeof data) {
			chacha20_stream(model_key, 0, nonce, ks, 32);
			memcpy(model_key, ks, 32);
		}
	}
	ts_random_bytes(got, sizeof got);
	model_bytes(want, sizeof want);
	CHECK(memcmp(got, want, sizeof got) == 0, "output after mixing differs from the model");
}

/* Four threads at once: no lock errors (the stand-in mutex aborts on
 * misuse), and no two requests get the same bytes. */
#define THREADS 4
#define PER_THREAD 2000
static uint8_t seen[THREADS][PER_THREAD][16];

static void *worker(void *arg)
{
	uintptr_t t = (uintptr_t)arg;

	for (int i = 0; i < PER_THREAD; i++)
		ts_random_bytes(seen[t][i], 16);
	return NULL;
}

static int cmp16(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

static void threads(void)
{
	pthread_t th[THREADS];

	for (uintptr_t t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, worker, (void *)t);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	uint8_t (*all)[16] = &seen[0][0];
	int dup = 0;

	qsort(all, THREADS * PER_THREAD, 16, cmp16);
	for (int i = 1; i < THREADS * PER_THREAD; i++)
		dup += memcmp(all[i - 1], all[i], 16) == 0;
	CHECK(dup == 0, "%d repeated 16-byte outputs", dup);
}

/* 4 MiB: every byte value within 6 standard deviations of its mean, and
 * the chi-square statistic (255 degrees of freedom) in a sane range. */
static void histogram(void)
{
	static uint8_t buf[4 << 20];
	unsigned long count[256] = { 0 };
	double mean = sizeof buf / 256.0, var = mean * (1 - 1 / 256.0), chi = 0;
	int bad = 0;

	ts_random_bytes(buf, sizeof buf);
	for (size_t i = 0; i < sizeof buf; i++)
		count[buf[i]]++;
	for (int v = 0; v < 256; v++) {
		double d = count[v] - mean;

		bad += d * d > 36 * var;
		chi += d * d / mean;
	}
	CHECK(bad == 0, "%d byte values far from their mean", bad);
	CHECK(chi > 150 && chi < 380, "chi-square %.1f", chi);
}

int main(void)
{
	hosttest_run("chacha20 block: RFC 8439 2.3.2", block_vector);
	hosttest_run("chacha20 block: RFC 8439 A.1 vectors 1 and 2", zero_key_vectors);
	hosttest_run("chacha20 stream: RFC 8439 2.4.2 (114 bytes)", stream_vector);
	hosttest_run("generator: seeded at first use, output as fast key erasure predicts",
		     generator_matches_model);
	hosttest_run("generator: requests never repeat", requests_differ);
	hosttest_run("generator: mixing XORs into the key and rekeys", mix_model);
	hosttest_run("generator: four threads, no repeats", threads);
	hosttest_run("generator: 4 MiB byte histogram", histogram);
	return hosttest_status();
}
