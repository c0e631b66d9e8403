/* cpu.c: getcpu — the instance has one CPU, CPU 0 (sched_getaffinity and sched_setaffinity are lib/posix-thread's). */
#include <errno.h>
#include <ts/syscall.h>

/* Always CPU 0 of NUMA node 0; the third argument is unused since Linux
 * 2.6.24. */
TS_SYSCALL_DEFINE3(getcpu, "ppp:d", unsigned int *, cpu, unsigned int *, node, void *, cache)
{
	(void)cache;
	if ((cpu && !ts_user_ok(cpu, sizeof(*cpu), 1)) || (node && !ts_user_ok(node, sizeof(*node), 1)))
		return -EFAULT;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}
