/* random.c: tvm's RANDOM hypercall (the host's getrandom) as a seed source for lib/random. */
#include <ts/random.h>
#include <ts/tvm.h>

static struct ts_random_source tvm_random = { .name = "tvm", .rank = 30, .get = ts_tvm_random };
TS_RANDOM_SOURCE(tvm_random);
