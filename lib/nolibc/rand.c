/* rand.c: rand and srand, a 64-bit linear congruential generator. */
#include <stdint.h>
#include <stdlib.h>

static uint64_t state = 1; /* C: without srand() the seed is 1 */

void srand(unsigned int seed)
{
	state = seed;
}

int rand(void)
{
	/* Knuth's MMIX constants; the top bits are the well-mixed ones. */
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(state >> 33);
}
