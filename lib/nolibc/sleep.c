/* sleep.c: usleep and sleep. With a scheduler linked they sleep the calling
 * thread only; without one the whole VM waits on the platform clock. */
#include <unistd.h>
#include <ts/hooks.h>
#include <ts/plat/time.h>

static void sleep_until(uint64_t deadline_ns)
{
	if (ts_thread_sleep_until_hook)
		ts_thread_sleep_until_hook(deadline_ns);
	else
		ts_plat_wait_until(deadline_ns);
}

int usleep(useconds_t usec)
{
	sleep_until(ts_plat_monotonic_ns() + (uint64_t)usec * 1000);
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	sleep_until(ts_plat_monotonic_ns() + (uint64_t)seconds * 1000000000);
	return 0;
}
