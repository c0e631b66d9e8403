/* usage.c: sysinfo, getrusage and times — memory from lib/alloc, time from the monotonic clock. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/plat/time.h>
#ifdef CONFIG_LIBSCHED
#include <ts/sched.h>
#endif
#include <ts/syscall.h>
#include "process.h"

#define NSEC 1000000000ull
#define USER_HZ 100 /* clock ticks of times() and sysconf(_SC_CLK_TCK) */

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

/* Linux's struct sysinfo on x86_64 (112 bytes). */
struct k_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs;
	uint16_t pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
};
_Static_assert(sizeof(struct k_sysinfo) == 112, "struct sysinfo is 112 bytes");

struct k_timeval {
	int64_t tv_sec, tv_usec;
};

/* Linux's struct rusage (144 bytes). */
struct k_rusage {
	struct k_timeval ru_utime, ru_stime;
	int64_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
		ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct k_rusage) == 144, "struct rusage is 144 bytes");

struct k_tms {
	int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* Heap figures: bytes in all and bytes free; both 0 with no heap. */
static void proc_heap(size_t *total, size_t *free_bytes)
{
	struct ts_alloc *a = ts_alloc_default();
	struct ts_alloc_stats st = { 0 };

	if (a)
		ts_alloc_stats_get(a, &st);
	*total = st.total_bytes;
	*free_bytes = st.free_bytes;
}

/*
 * RAM is the heap lib/alloc manages (the image and the boot stacks are
 * outside it); there is no swap, no load average (nothing queues for a
 * CPU the way Linux counts it) and one process.
 */
TS_SYSCALL_DEFINE1(sysinfo, "p:d", struct k_sysinfo *, info)
{
	uint64_t now = ts_plat_monotonic_ns();
	size_t total, free_bytes;

	if (!ts_user_ok(info, sizeof(*info), 1))
		return -EFAULT;
	proc_heap(&total, &free_bytes);
	memset(info, 0, sizeof(*info));
	info->uptime = (int64_t)(now / NSEC + (now % NSEC ? 1 : 0)); /* rounded up, as Linux */
	info->totalram = total;
	info->freeram = free_bytes;
	info->procs = 1;
	info->mem_unit = 1;
	return 0;
}

/*
 * CPU time, as lib/posix-time's CPU clocks count it (so that clock(),
 * times() and getrusage() agree): with lib/sched, the process has run
 * for the time since boot less the scheduler's idle time, and a thread
 * for what lib/sched counted for it; without lib/sched there is one
 * thread and no idle accounting: the time since boot. All of it is user
 * time (the kernel's libraries run in the program's threads).
 */
static uint64_t cpu_ns(int thread)
{
	uint64_t now = ts_plat_monotonic_ns();
#ifdef CONFIG_LIBSCHED
	uint64_t idle = ts_sched_idle_ns();

	struct ts_thread *self = ts_thread_self();

	if (thread && self) /* no thread yet: the boot context, all the time */
		return ts_thread_cpu_ns(self);
	return idle < now ? now - idle : 0;
#else
	(void)thread;
	return now;
#endif
}

/* getrusage: maxrss is the heap in use, in KiB. Children: there are
 * none, all zeros. */
TS_SYSCALL_DEFINE2(getrusage, "dp:d", int, who, struct k_rusage *, ru)
{
	uint64_t now;
	size_t total, free_bytes;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	if (!ts_user_ok(ru, sizeof(*ru), 1))
		return -EFAULT;
	memset(ru, 0, sizeof(*ru));
	if (who == RUSAGE_CHILDREN)
		return 0;
	now = cpu_ns(who == RUSAGE_THREAD);
	proc_heap(&total, &free_bytes);
	ru->ru_utime.tv_sec = (int64_t)(now / NSEC);
	ru->ru_utime.tv_usec = (int64_t)(now % NSEC / 1000);
	ru->ru_maxrss = (int64_t)((total - free_bytes) / 1024);
	return 0;
}

/* Clock ticks since boot: the result; the process's CPU time as user
 * time in *buf (buf may be NULL). */
TS_SYSCALL_DEFINE1(times, "p:l", struct k_tms *, buf)
{
	int64_t ticks = (int64_t)(ts_plat_monotonic_ns() / (NSEC / USER_HZ));

	if (buf) {
		if (!ts_user_ok(buf, sizeof(*buf), 1))
			return -EFAULT;
		memset(buf, 0, sizeof(*buf));
		buf->tms_utime = (int64_t)(cpu_ns(0) / (NSEC / USER_HZ));
	}
	return ticks;
}
