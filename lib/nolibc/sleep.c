/* sleep.c: usleep and sleep on the platform clock. */
#include <unistd.h>
#include <ts/plat/time.h>

int usleep(useconds_t usec)
{
	ts_plat_wait_until(ts_plat_monotonic_ns() + (uint64_t)usec * 1000);
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	ts_plat_wait_until(ts_plat_monotonic_ns() + (uint64_t)seconds * 1000000000);
	return 0;
}
