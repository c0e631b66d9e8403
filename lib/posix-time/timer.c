/* timer.c: POSIX timers (timer_create & co) and the interval timer ITIMER_REAL (setitimer, getitimer, alarm): expirations become signals, sent by one lib/sched thread that sleeps until the next one is due. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/time.h>
#include <ts/posix_signal.h>
#include <ts/posix_thread.h>
#include <ts/posix_time.h>
#include <ts/sched.h>
#include <ts/syscall.h>

#define NSEC 1000000000ull
#define MAX_TIMERS 256        /* POSIX timers at once (ids 0..255) */
#define ITIMER_SLOT MAX_TIMERS /* the slot of ITIMER_REAL, not a timer id */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD_ID 4
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define OVERRUN_MAX 0x7fffffff /* DELAYTIMER_MAX */

struct ptimer {
	int used;
	int clock;
	int notify;            /* SIGEV_SIGNAL, SIGEV_NONE or SIGEV_THREAD_ID */
	int tid;               /* SIGEV_THREAD_ID's thread; 0: the process */
	uint64_t deadline;     /* monotonic ns of the next expiration; 0: disarmed */
	uint64_t interval;     /* ns; 0: one shot */
	int overrun;           /* expirations missed while the signal waited */
	int overrun_last;      /* timer_getoverrun: those of the last signal taken */
	struct ts_signal_node node;
};

/* The kernel's struct sigevent (64 bytes). */
struct ksigevent {
	uint64_t value;
	int signo;
	int notify;
	union {
		int tid;
		int pad[12];
	} u;
};

struct kitimerspec {
	struct ts_ktimespec interval;
	struct ts_ktimespec value;
};
struct kitimerval {
	struct ts_ktimeval interval;
	struct ts_ktimeval value;
};

/* Slots are allocated by the first timer_create that needs them and
 * reused after timer_delete, so an image that never creates a timer
 * carries a table of pointers, not of timers. */
static struct ptimer itimer_real_timer;
static struct ptimer *timers[MAX_TIMERS + 1] = { [ITIMER_SLOT] = &itimer_real_timer };
static struct ts_waitq timer_wq = TS_WAITQ_INIT;
static int thread_started;

/* The signal of t was taken: what it missed meanwhile goes with it. */
static void dequeued(struct ts_signal_node *n, struct ts_siginfo *info)
{
	struct ptimer *t = (struct ptimer *)((char *)n - offsetof(struct ptimer, node));
	t->overrun_last = t->overrun;
	t->overrun = 0;
	if (info->si_code == TS_SI_TIMER)
		info->u.timer.overrun = t->overrun_last;
}

/* An expiration: send the signal, or count an overrun while the last one
 * still waits. Inside a critical section. */
static void expire(struct ptimer *t, uint64_t missed)
{
	if (t->notify == SIGEV_NONE)
		return;
	int r = ts_signal_send_node(t->tid, &t->node);
	if (r != 1)
		missed++; /* not queued (still waiting, or a standard signal pending) */
	uint64_t o = (uint64_t)t->overrun + missed;
	t->overrun = o > OVERRUN_MAX ? OVERRUN_MAX : (int)o;
}

/* Advance a deadline that is due at `now`: the number of expirations
 * since it was last due (1, plus the periods that passed entirely), and
 * the next deadline in *deadline (0 for a one-shot timer). */
static uint64_t advance(uint64_t *deadline, uint64_t interval, uint64_t now)
{
	if (!interval) {
		*deadline = 0;
		return 1;
	}
	uint64_t late = (now - *deadline) / interval;
	*deadline += (late + 1) * interval;
	return late + 1;
}

static uint64_t earlier(uint64_t next, uint64_t deadline)
{
	return deadline && (!next || deadline < next) ? deadline : next;
}

/* Timers of other libraries (ts_tick_timer_set), armed ones only. */
static struct ts_tick_timer *ticks;

/* Fire what is due; returns the next deadline (0: none). */
static uint64_t run_due(void)
{
	uint64_t now = ts_plat_monotonic_ns(), next = 0;
	for (int i = 0; i <= MAX_TIMERS; i++) {
		struct ptimer *t = timers[i];
		if (!t || !t->used || !t->deadline)
			continue;
		if (t->deadline <= now)
			expire(t, advance(&t->deadline, t->interval, now) - 1);
		next = earlier(next, t->deadline);
	}
	for (struct ts_tick_timer *k = ticks; k; k = k->next) {
		if (k->deadline && k->deadline <= now)
			k->fire(k, advance(&k->deadline, k->interval, now));
		next = earlier(next, k->deadline);
	}
	return next;
}

static void timer_thread(void *unused)
{
	(void)unused;
	for (;;) {
		ts_sched_atomic_begin();
		uint64_t next = run_due();
		ts_sched_atomic_end();
		ts_waitq_wait(&timer_wq, next);
	}
}

/* A timer changed: start the thread once, and let it look again. */
static int timers_changed(void)
{
	/* The program thread arming a timer becomes known by its id now (for
	 * the main thread, lib/posix-thread binds id 1 to it only when it
	 * asks), so the signal finds it. */
	ts_posix_gettid();
	if (!thread_started) {
		/* Above the program's threads, so an expiration is sent as soon as
		 * it is due where threads are preemptive. */
		struct ts_thread_attr attr = { .name = "timers", .prio = 7 };
		int r = ts_thread_create(NULL, &attr, timer_thread, NULL);
		if (r < 0)
			return r;
		thread_started = 1;
	}
	ts_waitq_wake_all(&timer_wq);
	return 0;
}

/* Time left until a deadline (0 when disarmed; 1 ns at least while
 * armed, as an armed timer never reads 0). */
static uint64_t left(uint64_t deadline)
{
	if (!deadline)
		return 0;
	uint64_t now = ts_plat_monotonic_ns();
	return deadline > now ? deadline - now : 1;
}

static uint64_t remaining(const struct ptimer *t)
{
	return left(t->deadline);
}

/* The deadline of a timer set to value on clock clk, relative or
 * absolute; 0 (disarmed) for a relative 0. */
static uint64_t deadline_of(int clk, uint64_t value, int absolute)
{
	uint64_t d;

	if (!value && !absolute)
		return 0;
	d = absolute ? ts_posix_clock_deadline(clk, value) : ts_plat_monotonic_ns() + value;
	return d ? d : 1;
}

/* Arm (value > 0) or disarm t; value is relative, or absolute on t's
 * clock. Inside a critical section. */
static void arm(struct ptimer *t, uint64_t value, uint64_t interval, int absolute)
{
	t->interval = interval;
	t->deadline = deadline_of(t->clock, value, absolute);
}

/* ---- timers of other libraries (timerfd) ---------------------------------- */

static void tick_unlink(struct ts_tick_timer *t)
{
	struct ts_tick_timer **p = &ticks;

	while (*p && *p != t)
		p = &(*p)->next;
	if (*p)
		*p = t->next;
	t->next = NULL;
}

int ts_tick_timer_set(struct ts_tick_timer *t, int clk, uint64_t value, uint64_t interval, int absolute)
{
	ts_sched_atomic_begin();
	tick_unlink(t);
	t->interval = value || absolute ? interval : 0;
	t->deadline = deadline_of(clk, value, absolute);
	if (t->deadline) {
		t->next = ticks;
		ticks = t;
	}
	ts_sched_atomic_end();
	return t->deadline ? timers_changed() : 0;
}

uint64_t ts_tick_timer_left(const struct ts_tick_timer *t)
{
	return left(t->deadline);
}

void ts_tick_timer_remove(struct ts_tick_timer *t)
{
	ts_sched_atomic_begin();
	tick_unlink(t);
	t->deadline = 0;
	ts_sched_atomic_end();
}

static struct ptimer *timer_get(int id)
{
	return id >= 0 && id < MAX_TIMERS && timers[id] && timers[id]->used ? timers[id] : NULL;
}

TS_SYSCALL_DEFINE3(timer_create, "dpp:d", int, clk, const struct ksigevent *, sev, int *, idp)
{
	uint64_t ns;
	int r = ts_posix_clock_ns(clk, &ns);
	if (r < 0)
		return r;
	if (!ts_posix_clock_sleepable(clk))
		return -EOPNOTSUPP; /* raw, coarse and CPU clocks (docs/posix-time.md) */
	if (sev && !ts_user_ok(sev, sizeof(*sev), 0))
		return -EFAULT;
	if (!ts_user_ok(idp, sizeof(*idp), 1))
		return -EFAULT;
	struct ksigevent e = { .signo = TS_SIGALRM, .notify = SIGEV_SIGNAL };
	if (sev)
		e = *sev;
	int tid = 0;
	switch (e.notify) {
	case SIGEV_THREAD_ID:
		tid = e.u.tid;
		if (tid <= 0 || !ts_posix_thread_find(tid))
			return -EINVAL;
		/* fall through */
	case SIGEV_SIGNAL:
		if (e.signo < 1 || e.signo > TS_NSIG)
			return -EINVAL;
		break;
	case SIGEV_NONE:
		break;
	default:
		return -EINVAL; /* SIGEV_THREAD is the C library's, on SIGEV_THREAD_ID */
	}
	/* Allocated before the critical section, kept if a new slot is taken. */
	struct ptimer *fresh = calloc(1, sizeof(*fresh));
	if (!fresh)
		return -EAGAIN; /* Linux's answer when it cannot allocate a timer */
	ts_sched_atomic_begin();
	int id = 0;
	while (id < MAX_TIMERS && timers[id] && timers[id]->used)
		id++;
	if (id == MAX_TIMERS) {
		ts_sched_atomic_end();
		free(fresh);
		return -EAGAIN;
	}
	if (!timers[id]) {
		timers[id] = fresh;
		fresh = NULL;
	}
	struct ptimer *t = timers[id];
	memset(t, 0, sizeof(*t));
	t->used = 1;
	t->clock = clk;
	t->notify = e.notify;
	t->tid = tid;
	t->node.dequeued = dequeued;
	t->node.info.si_signo = e.signo;
	t->node.info.si_code = TS_SI_TIMER;
	t->node.info.u.timer.tid = id;
	/* Without a sigevent the value is the timer's id, as on Linux. */
	t->node.info.u.timer.value = sev ? e.value : (uint64_t)id;
	ts_sched_atomic_end();
	free(fresh);
	*idp = id;
	return 0;
}

TS_SYSCALL_DEFINE4(timer_settime, "dxpp:d", int, id, int, flags, const struct kitimerspec *, nv,
		   struct kitimerspec *, ov)
{
	if (flags & ~TS_TIMER_ABSTIME)
		return -EINVAL;
	if (!ts_user_ok(nv, sizeof(*nv), 0))
		return -EFAULT;
	if (ov && !ts_user_ok(ov, sizeof(*ov), 1))
		return -EFAULT;
	struct kitimerspec n = *nv;
	if (!ts_posix_timespec_ok(&n.value) || !ts_posix_timespec_ok(&n.interval))
		return -EINVAL;
	ts_sched_atomic_begin();
	struct ptimer *t = timer_get(id);
	if (!t) {
		ts_sched_atomic_end();
		return -EINVAL;
	}
	struct kitimerspec old;
	ts_posix_ns_timespec(t->interval, &old.interval);
	ts_posix_ns_timespec(remaining(t), &old.value);
	uint64_t value = ts_posix_timespec_ns(&n.value);
	/* A zero value disarms, absolute or not. */
	arm(t, value, value ? ts_posix_timespec_ns(&n.interval) : 0, value && (flags & TS_TIMER_ABSTIME));
	ts_sched_atomic_end();
	if (ov)
		*ov = old;
	return timers_changed();
}

TS_SYSCALL_DEFINE2(timer_gettime, "dp:d", int, id, struct kitimerspec *, cur)
{
	if (!ts_user_ok(cur, sizeof(*cur), 1))
		return -EFAULT;
	ts_sched_atomic_begin();
	struct ptimer *t = timer_get(id);
	struct kitimerspec v;
	if (t) {
		ts_posix_ns_timespec(t->interval, &v.interval);
		ts_posix_ns_timespec(remaining(t), &v.value);
	}
	ts_sched_atomic_end();
	if (!t)
		return -EINVAL;
	*cur = v;
	return 0;
}

TS_SYSCALL_DEFINE1(timer_getoverrun, "d:d", int, id)
{
	ts_sched_atomic_begin();
	struct ptimer *t = timer_get(id);
	int r = t ? t->overrun_last : -EINVAL;
	ts_sched_atomic_end();
	return r;
}

TS_SYSCALL_DEFINE1(timer_delete, "d:d", int, id)
{
	ts_sched_atomic_begin();
	struct ptimer *t = timer_get(id);
	if (t) {
		/* a signal of it still waiting goes too, as on Linux */
		ts_signal_node_cancel(&t->node);
		t->used = 0;
		t->deadline = 0;
	}
	ts_sched_atomic_end();
	return t ? 0 : -EINVAL;
}

/* ---- ITIMER_REAL: SIGALRM to the process ------------------------------------- */

static struct ptimer *itimer_real(void)
{
	struct ptimer *t = timers[ITIMER_SLOT];
	if (!t->used) {
		t->used = 1;
		t->clock = TS_CLOCK_MONOTONIC;
		t->notify = SIGEV_SIGNAL;
		t->node.dequeued = dequeued;
		t->node.info.si_signo = TS_SIGALRM;
		t->node.info.si_code = TS_SI_KERNEL; /* as Linux's itimer sends it */
	}
	return t;
}

static int tv_ok(const struct ts_ktimeval *v)
{
	return v->tv_sec >= 0 && v->tv_usec >= 0 && v->tv_usec < 1000000;
}

static uint64_t tv_ns(const struct ts_ktimeval *v)
{
	uint64_t s = (uint64_t)v->tv_sec;
	return s > (UINT64_MAX / 4) / NSEC ? UINT64_MAX / 4 : s * NSEC + (uint64_t)v->tv_usec * 1000;
}

/* Rounded up to whole microseconds, so a running timer never reads 0. */
static void ns_tv(uint64_t ns, struct ts_ktimeval *v)
{
	uint64_t us = (ns + 999) / 1000;
	v->tv_sec = (int64_t)(us / 1000000);
	v->tv_usec = (int64_t)(us % 1000000);
}

static void itimer_read(struct ptimer *t, struct kitimerval *v)
{
	ns_tv(t->interval, &v->interval);
	ns_tv(remaining(t), &v->value);
}

/* Only ITIMER_REAL: the virtual and profiling timers would need CPU time
 * split into user and system time at every switch (docs/posix-time.md). */
TS_SYSCALL_DEFINE2(getitimer, "dp:d", int, which, struct kitimerval *, cur)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	if (!ts_user_ok(cur, sizeof(*cur), 1))
		return -EFAULT;
	struct kitimerval v;
	ts_sched_atomic_begin();
	itimer_read(itimer_real(), &v);
	ts_sched_atomic_end();
	*cur = v;
	return 0;
}

TS_SYSCALL_DEFINE3(setitimer, "dpp:d", int, which, const struct kitimerval *, nv, struct kitimerval *, ov)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	if (nv && !ts_user_ok(nv, sizeof(*nv), 0))
		return -EFAULT;
	if (ov && !ts_user_ok(ov, sizeof(*ov), 1))
		return -EFAULT;
	/* A NULL new value disarms, as Linux still accepts. */
	struct kitimerval n = { { 0, 0 }, { 0, 0 } };
	if (nv)
		n = *nv;
	if (!tv_ok(&n.value) || !tv_ok(&n.interval))
		return -EINVAL;
	struct kitimerval old;
	ts_sched_atomic_begin();
	struct ptimer *t = itimer_real();
	itimer_read(t, &old);
	uint64_t value = tv_ns(&n.value);
	arm(t, value, value ? tv_ns(&n.interval) : 0, 0);
	ts_sched_atomic_end();
	if (ov)
		*ov = old;
	return timers_changed();
}

/* Seconds left of the previous alarm, rounded up; 0 cancels. */
TS_SYSCALL_DEFINE1(alarm, "u:u", unsigned int, seconds)
{
	ts_sched_atomic_begin();
	struct ptimer *t = itimer_real();
	uint64_t left = remaining(t);
	arm(t, (uint64_t)seconds * NSEC, 0, 0);
	ts_sched_atomic_end();
	int r = timers_changed();
	if (r < 0)
		return r;
	/* Linux rounds to the nearest second, but never says 0 while armed. */
	uint64_t s = (left + NSEC / 2) / NSEC;
	return (long)(left && !s ? 1 : s);
}
