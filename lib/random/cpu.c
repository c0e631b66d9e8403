/* cpu.c: seed sources RDSEED and RDRAND, where CPUID reports them. */
#include <ts/errno.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/random.h>

/* Intel's guidance: RDRAND may fail transiently (an empty buffer); ten
 * tries is their bound for a healthy CPU. RDSEED fails more often under
 * load, so it gets more tries (it is also cheap to fall back to RDRAND). */
#define RDRAND_TRIES 10
#define RDSEED_TRIES 100

/* Some CPUs' RDRAND has been seen to return one value forever (all ones,
 * after a resume) while reporting success: a word equal to the one before
 * fails the source, as Linux's boot-time check does. */
static int fill(void *buf, size_t n, int (*insn)(uint64_t *), int tries)
{
	uint8_t *p = buf;
	uint64_t prev = 0;
	int first = 1;

	while (n) {
		uint64_t v;
		size_t c = n < sizeof v ? n : sizeof v;
		int t = 0;

		while (!insn(&v))
			if (++t == tries)
				return -EIO;
		if (!first && v == prev)
			return -EIO;
		first = 0;
		prev = v;
		memcpy(p, &v, c);
		p += c;
		n -= c;
	}
	return 0;
}

static int rdseed_get(void *buf, size_t n)
{
	if (!ts_arch_has_rdseed())
		return -ENODEV;
	return fill(buf, n, ts_arch_rdseed64, RDSEED_TRIES);
}

static int rdrand_get(void *buf, size_t n)
{
	if (!ts_arch_has_rdrand())
		return -ENODEV;
	return fill(buf, n, ts_arch_rdrand64, RDRAND_TRIES);
}

static struct ts_random_source rdseed = { .name = "rdseed", .rank = 10, .get = rdseed_get };
static struct ts_random_source rdrand = { .name = "rdrand", .rank = 20, .get = rdrand_get };
TS_RANDOM_SOURCE(rdseed);
TS_RANDOM_SOURCE(rdrand);
