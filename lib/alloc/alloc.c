/* The default heap pointer shared by everything that allocates. */
#include <ts/alloc.h>

static struct ts_alloc *ts_alloc_dflt;

struct ts_alloc *ts_alloc_default(void)
{
	return ts_alloc_dflt;
}

void ts_alloc_set_default(struct ts_alloc *a)
{
	ts_alloc_dflt = a;
}
