/* rlimit.c: prlimit64, getrlimit and setrlimit — one table of resource limits, mostly reported rather than enforced. */
#include <errno.h>
#include <stdint.h>
#include <ts/lock.h>
#include <ts/syscall.h>
#include "process.h"

#define RLIM_INFINITY (~0ull)
#define RLIM_NLIMITS 16
#define RLIMIT_NOFILE 7

/* The descriptor table's size: lib/vfs's limit when it is linked. */
#ifdef CONFIG_LIBVFS_MAX_FDS
#define NOFILE_MAX ((uint64_t)CONFIG_LIBVFS_MAX_FDS)
#else
#define NOFILE_MAX 1024ull
#endif

struct k_rlimit {
	uint64_t rlim_cur, rlim_max;
};

/*
 * Linux's defaults for a root process, except NOFILE (the size of lib/vfs's
 * table: more descriptors cannot exist) and NPROC (threads are bounded by
 * memory, not by a count). Only NOFILE is enforced — by the table itself,
 * not by this number; the rest are what programs read to size things
 * (the stack, CORE for dumps) and may set freely.
 */
static struct k_rlimit limits[RLIM_NLIMITS] = {
	[0] = { RLIM_INFINITY, RLIM_INFINITY },           /* CPU */
	[1] = { RLIM_INFINITY, RLIM_INFINITY },           /* FSIZE */
	[2] = { RLIM_INFINITY, RLIM_INFINITY },           /* DATA */
	[3] = { 8ull << 20, RLIM_INFINITY },              /* STACK */
	[4] = { 0, RLIM_INFINITY },                       /* CORE */
	[5] = { RLIM_INFINITY, RLIM_INFINITY },           /* RSS */
	[6] = { RLIM_INFINITY, RLIM_INFINITY },           /* NPROC */
	[RLIMIT_NOFILE] = { NOFILE_MAX, NOFILE_MAX },     /* NOFILE */
	[8] = { 8ull << 20, 8ull << 20 },                 /* MEMLOCK */
	[9] = { RLIM_INFINITY, RLIM_INFINITY },           /* AS */
	[10] = { RLIM_INFINITY, RLIM_INFINITY },          /* LOCKS */
	[11] = { 4096, 4096 },                            /* SIGPENDING */
	[12] = { 819200, 819200 },                        /* MSGQUEUE */
	[13] = { 0, 0 },                                  /* NICE */
	[14] = { 0, 0 },                                  /* RTPRIO */
	[15] = { RLIM_INFINITY, RLIM_INFINITY },          /* RTTIME */
};
static struct ts_mutex lock = TS_MUTEX_INIT;

/*
 * Read limit resource into *old (if not NULL) and then set it to *new
 * (if not NULL), as one step. Root may raise any hard limit, except
 * NOFILE above the table's size (-EPERM, as Linux says beyond nr_open).
 * A soft limit above its hard one is -EINVAL.
 */
static long prlimit(unsigned int resource, const struct k_rlimit *new, struct k_rlimit *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NOFILE_MAX)
		return -EPERM;
	ts_mutex_lock(&lock);
	if (old)
		*old = limits[resource];
	if (new)
		limits[resource] = *new;
	ts_mutex_unlock(&lock);
	return 0;
}

TS_SYSCALL_DEFINE4(prlimit64, "ddpp:d", int, pid, unsigned int, resource,
		   const struct k_rlimit *, new, struct k_rlimit *, old)
{
	struct k_rlimit n, o;
	long r;

	if (pid != 0 && pid != PROC_PID)
		return -ESRCH;
	if (new) {
		if (!ts_user_ok(new, sizeof(*new), 0))
			return -EFAULT;
		n = *new;
	}
	if (old && !ts_user_ok(old, sizeof(*old), 1))
		return -EFAULT;
	r = prlimit(resource, new ? &n : NULL, old ? &o : NULL);
	if (!r && old)
		*old = o;
	return r;
}

TS_SYSCALL_DEFINE2(getrlimit, "dp:d", unsigned int, resource, struct k_rlimit *, rlim)
{
	struct k_rlimit o;
	long r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (!ts_user_ok(rlim, sizeof(*rlim), 1))
		return -EFAULT;
	r = prlimit(resource, NULL, &o);
	if (!r)
		*rlim = o;
	return r;
}

TS_SYSCALL_DEFINE2(setrlimit, "dp:d", unsigned int, resource, const struct k_rlimit *, rlim)
{
	struct k_rlimit n;

	if (!ts_user_ok(rlim, sizeof(*rlim), 0))
		return -EFAULT;
	n = *rlim;
	return prlimit(resource, &n, NULL);
}
