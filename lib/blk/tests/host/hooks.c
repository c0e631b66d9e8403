/* hooks.c: the host stand-ins for lib/sched's critical sections and yield (ts/hooks.h). */
#include <pthread.h>
#include <sched.h>
#include "ts/hooks.h"

static pthread_mutex_t section = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
long host_yields;
int host_in_atomic;

void host_atomic_begin(void)
{
	pthread_mutex_lock(&section);
	host_in_atomic++;
}

void host_atomic_end(void)
{
	host_in_atomic--;
	pthread_mutex_unlock(&section);
}

void host_yield(void)
{
	__atomic_add_fetch(&host_yields, 1, __ATOMIC_RELAXED);
	sched_yield();
}
