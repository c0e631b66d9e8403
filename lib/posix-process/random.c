/* random.c: getrandom, from lib/random's generator (seeded at boot, never blocks). */
#include <errno.h>
#include <ts/random.h>
#include <ts/syscall.h>

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

/* Linux's cap on one read (MAX_RW_COUNT). */
#define RW_MAX 0x7ffff000ul

/*
 * lib/random is seeded before main and has no "not yet seeded" state, so
 * every flag gives the same bytes at once: GRND_NONBLOCK never returns
 * -EAGAIN, GRND_RANDOM never blocks (as on Linux 5.6 and later).
 * GRND_INSECURE with GRND_RANDOM, or an unknown flag, is -EINVAL.
 */
TS_SYSCALL_DEFINE3(getrandom, "pux:l", void *, buf, size_t, len, unsigned int, flags)
{
	if (flags & ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > RW_MAX)
		len = RW_MAX;
	if (!ts_user_ok(buf, len, 1))
		return -EFAULT;
	ts_random_bytes(buf, len);
	return (long)len;
}
