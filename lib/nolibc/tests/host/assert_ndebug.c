/* assert_ndebug.c: assert() compiled with NDEBUG must not evaluate its argument. */
#define NDEBUG
#include <assert.h>

int assert_ndebug_probe(int *evaluated);

int assert_ndebug_probe(int *evaluated)
{
	(void)evaluated; /* assert expands to nothing that uses it */
	assert((*evaluated = 1) == 0);
	return 0;
}
