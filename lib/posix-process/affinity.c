/* affinity.c: sched_getaffinity, sched_setaffinity and getcpu — the instance has one CPU, CPU 0. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/syscall.h>
#include "process.h"

/* Bytes of the kernel's CPU mask: one long holds our one CPU. */
#define MASK_BYTES sizeof(unsigned long)

/*
 * pid 0 is the calling thread, 1 the process (its first thread).
 * TODO: other threads' ids are lib/posix-thread's (ts_posix_thread_find,
 * not merged yet); until they can be looked up they are -ESRCH, so
 * pthread_getaffinity_np works on the calling and the first thread only.
 */
static int pid_ok(int pid)
{
	return pid == 0 || pid == PROC_PID;
}

/* Writes the mask (bit 0) and returns its size in bytes, as Linux's call
 * does (the C library zeroes the rest of the caller's set). len must be
 * a multiple of 8 and hold CPU 0: else -EINVAL. */
TS_SYSCALL_DEFINE3(sched_getaffinity, "dup:d", int, pid, unsigned int, len, unsigned long *, mask)
{
	if (!pid_ok(pid))
		return -ESRCH;
	if (len < MASK_BYTES || (len & (MASK_BYTES - 1)))
		return -EINVAL;
	if (!ts_user_ok(mask, MASK_BYTES, 1))
		return -EFAULT;
	*mask = 1;
	return MASK_BYTES;
}

/* Accepted when the mask includes CPU 0 (the only one to run on); a mask
 * without it is -EINVAL, as a mask of offline CPUs is on Linux. */
TS_SYSCALL_DEFINE3(sched_setaffinity, "dup:d", int, pid, unsigned int, len,
		   const unsigned char *, mask)
{
	if (!pid_ok(pid))
		return -ESRCH;
	if (!ts_user_ok(mask, len, 0))
		return -EFAULT;
	return len && (mask[0] & 1) ? 0 : -EINVAL;
}

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
