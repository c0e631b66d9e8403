/* futex.c: the futex system call — waiters in a hash table keyed by address, each blocked on a lib/sched wait queue of its own. */
#include <errno.h>
#include <stdint.h>
#include <ts/plat/time.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "thread_impl.h"

/* Linux's futex operations and flags (include/uapi/linux/futex.h). */
#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_REQUEUE         3
#define FUTEX_CMP_REQUEUE     4
#define FUTEX_WAKE_OP         5
#define FUTEX_LOCK_PI         6
#define FUTEX_UNLOCK_PI       7
#define FUTEX_TRYLOCK_PI      8
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI  12
#define FUTEX_LOCK_PI2        13
#define FUTEX_PRIVATE_FLAG    128
#define FUTEX_CLOCK_REALTIME  256
#define FUTEX_BITSET_ALL      0xffffffffu

#define NSEC 1000000000ull
#define BUCKETS 256 /* a power of two */

/* One blocked thread, on its own stack. Each waiter has a queue of its own,
 * so a requeue only relinks it: it still sleeps on the same queue. */
struct waiter {
	uint32_t *addr;
	uint32_t bitset;
	int woken;
	struct ts_waitq q;
	struct waiter *prev, *next;
};

struct bucket {
	struct waiter *head, *tail;
};
static struct bucket buckets[BUCKETS];

static struct bucket *bucket_of(const uint32_t *addr)
{
	uint64_t h = ((uintptr_t)addr >> 2) * 0x9e3779b97f4a7c15ull; /* Fibonacci hashing */
	return &buckets[h >> (64 - 8)];
}

static void enqueue(struct waiter *w)
{
	struct bucket *b = bucket_of(w->addr);
	w->next = NULL;
	w->prev = b->tail;
	if (b->tail)
		b->tail->next = w;
	else
		b->head = w;
	b->tail = w;
}

static void dequeue(struct waiter *w)
{
	struct bucket *b = bucket_of(w->addr);
	if (w->prev)
		w->prev->next = w->next;
	else
		b->head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		b->tail = w->prev;
	w->prev = w->next = NULL;
}

static void wake_waiter(struct waiter *w)
{
	dequeue(w);
	w->woken = 1;
	ts_waitq_wake_one(&w->q);
}

/* As Linux counts: the first match is woken even when n is 0 or less. */
static int wake(uint32_t *uaddr, int n, uint32_t bitset)
{
	struct waiter *w, *next;
	int count = 0;
	for (w = bucket_of(uaddr)->head; w; w = next) {
		next = w->next;
		if (w->addr != uaddr || !(w->bitset & bitset))
			continue;
		wake_waiter(w);
		if (++count >= n)
			break;
	}
	return count;
}

int ts_futex_wake(uint32_t *uaddr, int n, uint32_t bitset)
{
	ts_sched_atomic_begin();
	int count = wake(uaddr, n, bitset);
	ts_sched_atomic_end();
	return count;
}

/* Check-and-block as one step (a critical section): a wake between the
 * check of *uaddr and the block cannot be lost. deadline: monotonic ns,
 * 0 for none. */
static long wait(uint32_t *uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	struct waiter w = { .addr = uaddr, .bitset = bitset, .q = TS_WAITQ_INIT };
	long r;
	ts_sched_atomic_begin();
	if (__atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val) {
		ts_sched_atomic_end();
		return -EAGAIN;
	}
	if (deadline && deadline <= ts_plat_monotonic_ns()) {
		ts_sched_atomic_end();
		return -ETIMEDOUT;
	}
	enqueue(&w);
	r = ts_waitq_wait_intr(&w.q, deadline);
	if (w.woken) {
		/* Woken: that is the result, as on Linux. An interrupt that came
		 * too is kept for the next interruptible wait (signals). */
		if (r == -EINTR)
			ts_thread_interrupt(ts_thread_self());
		r = 0;
	} else {
		dequeue(&w); /* timed out or interrupted */
	}
	ts_sched_atomic_end();
	return r;
}

/* Requeue: wake nr_wake waiters on uaddr, move up to nr_requeue more to
 * uaddr2; returns both counts added, as Linux does for REQUEUE and
 * CMP_REQUEUE alike. */
static long requeue(uint32_t *uaddr, uint32_t *uaddr2, int nr_wake, int nr_requeue)
{
	struct waiter *w, *next, *moved = NULL, **tail = &moved;
	int count = 0;
	for (w = bucket_of(uaddr)->head; w && count - nr_wake < nr_requeue; w = next) {
		next = w->next;
		if (w->addr != uaddr)
			continue;
		if (++count <= nr_wake) {
			wake_waiter(w);
			continue;
		}
		/* Out first, into uaddr2's bucket after the walk: it may be the
		 * same bucket. */
		dequeue(w);
		*tail = w;
		tail = &w->next;
	}
	while (moved) {
		w = moved;
		moved = w->next;
		w->addr = uaddr2;
		enqueue(w);
	}
	return count;
}

/* FUTEX_WAKE_OP's operation on *uaddr2; its old value is returned in *old.
 * 0, or -ENOSYS for an unknown operation or comparison (as Linux). */
static int wake_op(uint32_t *uaddr2, uint32_t encoded, int *cmp_true)
{
	int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = (int32_t)(encoded << 8) >> 20, cmparg = (int32_t)(encoded << 20) >> 20;
	int old = (int)__atomic_load_n(uaddr2, __ATOMIC_SEQ_CST), val;
	if (encoded & 0x80000000u) /* FUTEX_OP_OPARG_SHIFT */
		oparg = (int)(1u << (oparg & 31));
	switch (op) {
	case 0: val = oparg; break;        /* SET */
	case 1: val = (int)((unsigned)old + (unsigned)oparg); break; /* ADD */
	case 2: val = old | oparg; break;  /* OR */
	case 3: val = old & ~oparg; break; /* ANDN */
	case 4: val = old ^ oparg; break;  /* XOR */
	default: return -ENOSYS;
	}
	switch (cmp) {
	case 0: *cmp_true = old == cmparg; break;
	case 1: *cmp_true = old != cmparg; break;
	case 2: *cmp_true = old < cmparg; break;
	case 3: *cmp_true = old <= cmparg; break;
	case 4: *cmp_true = old > cmparg; break;
	case 5: *cmp_true = old >= cmparg; break;
	default: return -ENOSYS;
	}
	__atomic_store_n(uaddr2, (uint32_t)val, __ATOMIC_SEQ_CST);
	return 0;
}

/* struct __kernel_timespec. */
struct ktimespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* A timeout (relative to now, or an absolute time of CLOCK_MONOTONIC or
 * CLOCK_REALTIME) as a monotonic deadline; 0 when it is too far to matter. */
static uint64_t deadline_of(const struct ktimespec *ts, int absolute, int realtime)
{
	uint64_t now = ts_plat_monotonic_ns(), t;
	if ((uint64_t)ts->tv_sec > (UINT64_MAX - NSEC) / NSEC)
		return 0;
	t = (uint64_t)ts->tv_sec * NSEC + (uint64_t)ts->tv_nsec;
	if (absolute && realtime) {
		/* The wall clock moves with the monotonic one here; without a
		 * wall clock, CLOCK_REALTIME is taken as CLOCK_MONOTONIC. */
		int64_t wall = ts_plat_wallclock_ns();
		if (wall >= 0) {
			if (t <= (uint64_t)wall)
				return now ? now : 1;
			t -= (uint64_t)wall;
			absolute = 0;
		}
	}
	if (absolute)
		return t ? t : 1; /* 0 means none: the past is 1 ns */
	return t > UINT64_MAX - now ? 0 : now + t;
}

TS_SYSCALL_DEFINE6(futex, "pxdppx:d", uint32_t *, uaddr, int, op, uint32_t, val, const struct ktimespec *,
		   timeout, uint32_t *, uaddr2, uint32_t, val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	int realtime = op & FUTEX_CLOCK_REALTIME;
	uint64_t deadline = 0;
	long r;
	int cmp_true = 0;
	/* One address space: private and shared futexes are the same. */
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (timeout) {
			struct ktimespec ts;
			if (!ts_user_ok(timeout, sizeof(ts), 0))
				return -EFAULT;
			ts = *timeout;
			if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC)
				return -EINVAL;
			/* FUTEX_WAIT's timeout is relative, WAIT_BITSET's absolute. */
			deadline = deadline_of(&ts, cmd == FUTEX_WAIT_BITSET, realtime);
		}
		if (cmd == FUTEX_WAIT)
			val3 = FUTEX_BITSET_ALL;
		if (!val3)
			return -EINVAL;
		if ((uintptr_t)uaddr % 4)
			return -EINVAL;
		if (!ts_user_ok(uaddr, 4, 0))
			return -EFAULT;
		return wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE)
			val3 = FUTEX_BITSET_ALL;
		if (!val3 || (uintptr_t)uaddr % 4)
			return -EINVAL;
		/* Linux finds no waiter at an address it cannot map, and says so. */
		if (!ts_user_ok(uaddr, 4, 0))
			return -EFAULT;
		return ts_futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE: {
		/* The timeout argument carries nr_requeue here. */
		int nr_requeue = (int)(uintptr_t)timeout;
		if ((int)val < 0 || nr_requeue < 0)
			return -EINVAL;
		if ((uintptr_t)uaddr % 4 || (uintptr_t)uaddr2 % 4)
			return -EINVAL;
		if (!ts_user_ok(uaddr, 4, 0) || !ts_user_ok(uaddr2, 4, 0))
			return -EFAULT;
		ts_sched_atomic_begin();
		if (cmd == FUTEX_CMP_REQUEUE && __atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val3)
			r = -EAGAIN;
		else
			r = requeue(uaddr, uaddr2, (int)val, nr_requeue);
		ts_sched_atomic_end();
		return r;
	}
	case FUTEX_WAKE_OP: {
		int nr_wake2 = (int)(uintptr_t)timeout;
		if ((uintptr_t)uaddr % 4 || (uintptr_t)uaddr2 % 4)
			return -EINVAL;
		if (!ts_user_ok(uaddr, 4, 0) || !ts_user_ok(uaddr2, 4, 1))
			return -EFAULT;
		ts_sched_atomic_begin();
		r = wake_op(uaddr2, val3, &cmp_true);
		if (r == 0) {
			r = wake(uaddr, (int)val, FUTEX_BITSET_ALL);
			if (cmp_true)
				r += wake(uaddr2, nr_wake2, FUTEX_BITSET_ALL);
		}
		ts_sched_atomic_end();
		return r;
	}
	case FUTEX_LOCK_PI:
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
	case FUTEX_WAIT_REQUEUE_PI:
	case FUTEX_CMP_REQUEUE_PI:
	case FUTEX_LOCK_PI2: {
		static int told;
		if (!told++)
			ts_pr_warn("futex: priority-inheritance operations (%d) are not implemented: ENOSYS\n", cmd);
		return -ENOSYS;
	}
	default:
		return -ENOSYS;
	}
}
