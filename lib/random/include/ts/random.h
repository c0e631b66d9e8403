/* lib/random: the kernel's cryptographically secure random numbers (ChaCha20, fast key erasure). */
#ifndef TS_RANDOM_H
#define TS_RANDOM_H

#include <stddef.h>
#include <ts/initcall.h>

/*
 * Fill buf with n random bytes. Never fails and never blocks on entropy:
 * the generator is seeded once, with 256 bits, at boot (init level lib,
 * priority 0, before any filesystem is mounted). A call made before that
 * (an earlier init call) seeds it on the spot. If no seed source works,
 * the VM stops there with one line on the console and the crash status:
 * there is no "not yet seeded" state in which weak bytes come out.
 * Thread-safe; requests are served in chunks of up to 64 KiB, each under
 * the generator's lock and followed by a new key, so bytes once handed out
 * cannot be recomputed from the generator's later state.
 */
void ts_random_bytes(void *buf, size_t n);

/*
 * Mix n bytes (e.g. written to /dev/random) into the key, then replace
 * the key with fresh output. Never weakens the generator: the bytes are
 * XORed into a key the caller cannot know. No entropy is credited (nothing
 * is counted anyway).
 */
void ts_random_mix(const void *buf, size_t n);

/* The name of the source that seeded the generator ("rdseed", "rdrand",
 * "tvm", "virtio-rng"), or NULL before it is seeded. */
const char *ts_random_seeded_by(void);

/* ---- seed sources ---- */

/*
 * One way to get seed bytes. get fills buf with n (<= 64) bytes of
 * unpredictable data and returns 0, or -errno when it cannot (no such
 * device or CPU feature: -ENODEV; it kept failing: -EIO). Sources are
 * tried in increasing rank, the first one that delivers wins:
 * 10 RDSEED, 20 RDRAND, 30 tvm's hypercall, 40 virtio-rng.
 */
struct ts_random_source {
	const char *name;
	int rank;
	int (*get)(void *buf, size_t n);
	struct ts_random_source *next; /* lib/random's list */
};

/* Make a source known (before the generator is seeded). */
void ts_random_source_register(struct ts_random_source *src);

/*
 * Register a source at boot: TS_RANDOM_SOURCE(my_source) at file scope
 * (a non-const struct ts_random_source). Uses the init table (level
 * early), so every source is known when the generator is seeded.
 */
#define TS_RANDOM_SOURCE(src)                                           \
	static int ts__random_source_##src(void)                        \
	{                                                               \
		ts_random_source_register(&src);                        \
		return 0;                                               \
	}                                                               \
	TS_INITCALL(ts__random_source_##src, TS_INIT_EARLY, 5)

#endif
