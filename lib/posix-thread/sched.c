/* sched.c: the scheduling system calls of a one-CPU instance — sched_yield, policies and priorities (stored, not enforced), affinity, membarrier. */
#include <errno.h>
#include <stdint.h>
#include <ts/syscall.h>
#include "thread_impl.h"

#define SCHED_OTHER    0
#define SCHED_FIFO     1
#define SCHED_RR       2
#define SCHED_BATCH    3
#define SCHED_IDLE     5
#define SCHED_RESET_ON_FORK 0x40000000

#define RR_INTERVAL_NS 100000000 /* Linux's default SCHED_RR slice: 100 ms */

struct ksched_param {
	int sched_priority;
};

static int policy_ok(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE;
}

static int prio_max(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR ? 99 : 0;
}

static int prio_min(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR ? 1 : 0;
}

/* The record of thread pid (0: the caller); -ESRCH / -EINVAL as Linux. */
static long target(int pid, struct pthr **out)
{
	if (pid < 0)
		return -EINVAL;
	if (pid == 0) {
		*out = pthr_self();
		return *out ? 0 : -ENOMEM;
	}
	ts_sched_atomic_begin();
	*out = pthr_find(pid);
	ts_sched_atomic_end();
	return *out ? 0 : -ESRCH;
}

TS_SYSCALL_DEFINE0(sched_yield, ":d")
{
	ts_thread_yield();
	return 0;
}

TS_SYSCALL_DEFINE1(sched_get_priority_max, "d:d", int, policy)
{
	return policy_ok(policy) ? prio_max(policy) : -EINVAL;
}

TS_SYSCALL_DEFINE1(sched_get_priority_min, "d:d", int, policy)
{
	return policy_ok(policy) ? prio_min(policy) : -EINVAL;
}

TS_SYSCALL_DEFINE1(sched_getscheduler, "d:d", int, pid)
{
	struct pthr *p;
	long r = target(pid, &p);
	return r < 0 ? r : p->policy;
}

TS_SYSCALL_DEFINE2(sched_getparam, "dp:d", int, pid, struct ksched_param *, param)
{
	struct pthr *p;
	long r;
	if (!param)
		return -EINVAL;
	r = target(pid, &p);
	if (r < 0)
		return r;
	if (!ts_user_ok(param, sizeof(*param), 1))
		return -EFAULT;
	param->sched_priority = p->prio;
	return 0;
}

/* Any policy Linux has is accepted and reported back; lib/sched keeps
 * running the thread as before (a one-CPU instance; its priorities are
 * fixed at creation). */
static long set_sched(int pid, int policy, const struct ksched_param *param)
{
	struct pthr *p;
	struct ksched_param kp;
	long r;
	if (!param)
		return -EINVAL;
	r = target(pid, &p);
	if (r < 0)
		return r;
	if (!ts_user_ok(param, sizeof(*param), 0))
		return -EFAULT;
	kp = *param;
	if (policy < 0)
		policy = p->policy; /* sched_setparam: the thread's own */
	if (!policy_ok(policy) || kp.sched_priority < prio_min(policy) || kp.sched_priority > prio_max(policy))
		return -EINVAL;
	p->policy = policy;
	p->prio = kp.sched_priority;
	return 0;
}

TS_SYSCALL_DEFINE3(sched_setscheduler, "ddp:d", int, pid, int, policy, const struct ksched_param *, param)
{
	if (policy < 0)
		return -EINVAL;
	return set_sched(pid, policy & ~SCHED_RESET_ON_FORK, param);
}

TS_SYSCALL_DEFINE2(sched_setparam, "dp:d", int, pid, const struct ksched_param *, param)
{
	return set_sched(pid, -1, param);
}

struct ktimespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

TS_SYSCALL_DEFINE2(sched_rr_get_interval, "dp:d", int, pid, struct ktimespec *, interval)
{
	struct pthr *p;
	long r = target(pid, &p);
	if (r < 0)
		return r;
	if (!ts_user_ok(interval, sizeof(*interval), 1))
		return -EFAULT;
	interval->tv_sec = 0;
	interval->tv_nsec = p->policy == SCHED_RR ? RR_INTERVAL_NS : 0;
	return 0;
}

/* One CPU (number 0): the mask is one 64-bit word, as Linux sizes it for
 * up to 64 CPUs; the call returns the bytes it wrote. */
TS_SYSCALL_DEFINE3(sched_getaffinity, "dup:d", int, pid, size_t, len, uint64_t *, mask)
{
	struct pthr *p;
	long r;
	if (len < sizeof(*mask) || len % sizeof(*mask))
		return -EINVAL;
	r = target(pid, &p);
	if (r < 0)
		return r;
	if (!ts_user_ok(mask, sizeof(*mask), 1))
		return -EFAULT;
	*mask = 1;
	return sizeof(*mask);
}

TS_SYSCALL_DEFINE3(sched_setaffinity, "dup:d", int, pid, size_t, len, const uint64_t *, mask)
{
	struct pthr *p;
	long r = target(pid, &p);
	if (r < 0)
		return r;
	if (len < sizeof(*mask))
		return -EINVAL; /* no CPU 0 in the mask */
	if (!ts_user_ok(mask, sizeof(*mask), 0))
		return -EFAULT;
	return (*mask & 1) ? 0 : -EINVAL;
}

/* membarrier: with one CPU every thread already sees every store in
 * program order, so each command is a compiler barrier. The private
 * expedited commands need their registration first, as on Linux. */
#define MEMBARRIER_CMD_QUERY                              0
#define MEMBARRIER_CMD_GLOBAL                             (1 << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED                   (1 << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED          (1 << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED                  (1 << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED         (1 << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE        (1 << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE (1 << 6)
#define MEMBARRIER_SUPPORTED 0x7f

static int mb_registered; /* REGISTER_* commands seen */

TS_SYSCALL_DEFINE3(membarrier, "xxd:d", int, cmd, unsigned int, flags, int, cpu_id)
{
	(void)cpu_id; /* only for MEMBARRIER_CMD_FLAG_CPU, which no command here takes */
	if (flags)
		return -EINVAL;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		return 0;
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
		mb_registered |= cmd;
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		return mb_registered & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED ? 0 : -EPERM;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		return mb_registered & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE ? 0 : -EPERM;
	default:
		return -EINVAL;
	}
}
