/* seed.c: the seed sources (registered by the CPU, the platform and drivers) and seeding at boot. */
#include <stdio.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/boot.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>
#include <ts/random.h>
#include "chacha20.h"

static struct ts_random_source *sources; /* by increasing rank */

void ts_random_source_register(struct ts_random_source *src)
{
	struct ts_random_source **p = &sources;

	while (*p && (*p)->rank <= src->rank)
		p = &(*p)->next;
	src->next = *p;
	*p = src;
}

/*
 * The first source that delivers a full key wins: trying more would cost
 * boot time (each host source is a VM exit or several) for no gain when
 * the first is sound. The TSC is XORed in as well, for free; it is not
 * counted as a seed (it is guessable).
 */
void random_seed_now(void)
{
	uint8_t seed[CHACHA20_KEY];

	for (struct ts_random_source *s = sources; s; s = s->next) {
		uint64_t tsc = ts_arch_rdtsc();

		if (s->get(seed, sizeof seed) < 0)
			continue;
		for (size_t i = 0; i < sizeof tsc; i++)
			seed[i] ^= (uint8_t)(tsc >> (8 * i));
		random_generator_seed(seed, s->name);
		memset(seed, 0, sizeof seed);
		__asm__ volatile("" : : "r"(seed) : "memory");
		ts_pr_debug("random: seeded from %s\n", s->name);
		return;
	}
	/* Never run with predictable "random" numbers: keys, nonces and
	 * hash seeds made from them would be silently weak. */
	fflush(stdout);
	fprintf(stderr, "random: no seed source (no RDSEED or RDRAND, no virtio-rng, not on tvm): "
			"cannot make secure random numbers\n");
	ts_plat_halt(TS_EXIT_CRASH);
}

/* At boot, before filesystems and the app: a missing source is found
 * here, not at the first read of /dev/urandom. */
static int random_seed_boot(void)
{
	if (!ts_random_seeded_by())
		random_seed_now();
	return 0;
}
TS_INITCALL(random_seed_boot, TS_INIT_LIB, 0);
