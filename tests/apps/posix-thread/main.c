/* posix-thread: POSIX threads against Linux — one source, built for the host with -pthread (glibc) and for
 * Tessera (musl on lib/posix-thread); both print the same lines (tests/groups/posix-thread.sh). Each line is
 * "section: what = value", with nothing that depends on timing, addresses or thread ids. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* <linux/futex.h>'s values (musl has no kernel headers): the Linux ABI. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY (-1)
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static int failures;

/* Print one result line; a line that differs from the host's is the failure the group reports. */
#define SAY(...) (printf(__VA_ARGS__), putchar('\n'), fflush(stdout))
#define CHECK(sect, what, cond) do { int ok_ = !!(cond); if (!ok_) failures++; \
	SAY("%s: %s = %s", sect, what, ok_ ? "ok" : "FAIL"); } while (0)

static const char *ename(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EBUSY: return "EBUSY";
	case EDEADLK: return "EDEADLK";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EFAULT: return "EFAULT";
	case ESRCH: return "ESRCH";
	case ENOSYS: return "ENOSYS";
	case EBADF: return "EBADF";
	case EINTR: return "EINTR";
	default: return "other";
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* clock_gettime, or time 0 when it fails (then every deadline is past at
 * once: the timed results differ, but nothing waits for a wrong time). */
static int clock_broken;
static void now_of(clockid_t clk, struct timespec *ts)
{
	if (clock_gettime(clk, ts) < 0) {
		clock_broken = 1;
		ts->tv_sec = ts->tv_nsec = 0;
	}
}

/* An absolute time of clock clk, ms from now (what the timed calls take). */
static struct timespec in_ms(clockid_t clk, long ms)
{
	struct timespec ts;
	now_of(clk, &ts);
	ts.tv_nsec += (ms % 1000) * 1000000L;
	ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	return ts;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	now_of(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static long futex(int *uaddr, int op, int val, const struct timespec *ts, int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* Whether thread tid sleeps (Linux: state S in /proc/self/task/TID/stat);
 * -1 where there is no such file (Tessera: no /proc). */
static int sleeping(int tid)
{
	char path[64], buf[256], *p;
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	p = p ? strrchr(buf, ')') : NULL;
	return p && p[1] == ' ' && p[2] == 'S';
}

/* Run fn(arg) in a new thread and return its result (as an int). */
static int in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r;
	if (pthread_create(&t, NULL, fn, arg))
		return -1;
	pthread_join(t, &r);
	return (int)(long)r;
}

/* ---- create, join, ids --------------------------------------------------- */
static void *square(void *arg)
{
	long i = (long)arg;
	return (void *)(i * i);
}

static void *get_tid(void *arg)
{
	(void)arg;
	return (void *)(long)syscall(SYS_gettid);
}

static void *exit_nested(void *arg)
{
	if (arg)
		pthread_exit((void *)77); /* from below the start function */
	return (void *)1;
}

static void *call_exit_nested(void *arg)
{
	exit_nested(arg);
	return (void *)2;
}

static void test_create_join(void)
{
	pthread_t t[8];
	long sum = 0;
	int err = 0;
	for (long i = 0; i < 8; i++)
		err |= pthread_create(&t[i], NULL, square, (void *)i);
	for (int i = 0; i < 8; i++) {
		void *r;
		err |= pthread_join(t[i], &r);
		sum += (long)r;
	}
	SAY("create: 8 threads created and joined, errors %d, sum of returned squares %ld", err, sum);
	CHECK("create", "pthread_equal(self, self)", pthread_equal(pthread_self(), pthread_self()));
	SAY("create: pthread_exit(77) two calls deep, join gets %d", in_thread(call_exit_nested, (void *)1));

	pid_t me = (pid_t)syscall(SYS_gettid);
	CHECK("ids", "main's gettid == getpid", me == getpid());
	int a = in_thread(get_tid, NULL), b = in_thread(get_tid, NULL);
	CHECK("ids", "a thread's gettid is neither getpid nor 0", a > 0 && a != me);
	CHECK("ids", "two live-at-different-times threads have ids", b > 0 && b != me);
}

/* ---- 100 threads alive at once ----------------------------------------------- */
static pthread_barrier_t hundred_bar;
static int hundred_sum;
static pthread_mutex_t hundred_lock = PTHREAD_MUTEX_INITIALIZER;

static void *hundred_fn(void *arg)
{
	pthread_mutex_lock(&hundred_lock);
	hundred_sum += (int)(long)arg;
	pthread_mutex_unlock(&hundred_lock);
	pthread_barrier_wait(&hundred_bar); /* all 100 exist before any ends */
	return arg;
}

static void test_hundred(void)
{
	pthread_t t[100];
	int created = 0, joined = 0;
	long ret = 0;
	pthread_barrier_init(&hundred_bar, NULL, 101);
	for (long i = 0; i < 100; i++)
		created += pthread_create(&t[i], NULL, hundred_fn, (void *)(i + 1)) == 0;
	if (created == 100)
		pthread_barrier_wait(&hundred_bar);
	for (int i = 0; i < created; i++) {
		void *r;
		joined += pthread_join(t[i], &r) == 0;
		ret += (long)r;
	}
	pthread_barrier_destroy(&hundred_bar);
	SAY("hundred: created %d, joined %d, sum %d, returned sum %ld", created, joined, hundred_sum, ret);
}

/* ---- detached threads ------------------------------------------------------------ */
static sem_t det_done;
static int det_count;
static pthread_mutex_t det_lock = PTHREAD_MUTEX_INITIALIZER;

static void *det_fn(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&det_lock);
	det_count++;
	pthread_mutex_unlock(&det_lock);
	sem_post(&det_done);
	return NULL;
}

static void test_detached(void)
{
	pthread_attr_t a;
	int err = 0, state = -1;
	sem_init(&det_done, 0, 0);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&a, &state);
	/* Rounds of 20: the stacks of ended detached threads must come back. */
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 20; i++) {
			pthread_t t;
			err |= pthread_create(&t, &a, det_fn, NULL);
		}
		for (int i = 0; i < 20; i++)
			sem_wait(&det_done);
	}
	/* pthread_detach on threads that run or have ended */
	for (int i = 0; i < 10; i++) {
		pthread_t t;
		err |= pthread_create(&t, NULL, det_fn, NULL);
		if (i % 2)
			sched_yield();
		err |= pthread_detach(t);
	}
	for (int i = 0; i < 10; i++)
		sem_wait(&det_done);
	pthread_attr_destroy(&a);
	sem_destroy(&det_done);
	sleep_ms(20); /* let the last ones end entirely */
	SAY("detached: attr detached %d, 110 detached threads ran, count %d, errors %d",
	    state == PTHREAD_CREATE_DETACHED, det_count, err);
}

/* ---- mutexes ----------------------------------------------------------------------- */
static pthread_mutex_t m_normal = PTHREAD_MUTEX_INITIALIZER;
static long m_counter;

static void *m_worker(void *arg)
{
	for (int i = 0; i < 5000; i++) {
		pthread_mutex_lock(&m_normal);
		long v = m_counter;
		if (i % 100 == 0)
			sched_yield(); /* give the others a chance to find it locked */
		m_counter = v + 1;
		pthread_mutex_unlock(&m_normal);
	}
	return arg;
}

static void *try_other(void *m)
{
	long r = pthread_mutex_trylock(m);
	if (r == 0)
		pthread_mutex_unlock(m);
	return (void *)r;
}

static void *unlock_other(void *m)
{
	return (void *)(long)pthread_mutex_unlock(m);
}

static struct timespec timed_abs; /* the deadline timed_fn passes */
static int timed_early;

/* pthread_mutex_timedlock(m, &timed_abs) in another thread; a timeout that
 * came well before the deadline counts as timed_early. */
static void *timedlock_fn(void *m)
{
	struct timespec now;
	long r = pthread_mutex_timedlock(m, &timed_abs);
	now_of(CLOCK_REALTIME, &now);
	if (r == 0)
		pthread_mutex_unlock(m);
	if (r == ETIMEDOUT && (now.tv_sec < timed_abs.tv_sec ||
			       (now.tv_sec == timed_abs.tv_sec && now.tv_nsec + 5000000L < timed_abs.tv_nsec)))
		timed_early = 1;
	return (void *)r;
}

static void test_mutex(void)
{
	pthread_t t[4];
	pthread_mutexattr_t a;
	pthread_mutex_t rec, ec, tm = PTHREAD_MUTEX_INITIALIZER;
	int e1, e2, e3;
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, m_worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	SAY("mutex: 4 threads x 5000 locked increments = %ld", m_counter);

	pthread_mutex_lock(&m_normal);
	SAY("mutex: normal, trylock from another thread while held = %s", ename(in_thread(try_other, &m_normal)));
	pthread_mutex_unlock(&m_normal);
	SAY("mutex: normal, trylock from another thread when free = %s", ename(in_thread(try_other, &m_normal)));

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &a);
	e1 = pthread_mutex_lock(&rec);
	e2 = pthread_mutex_lock(&rec);
	e3 = pthread_mutex_trylock(&rec);
	SAY("mutex: recursive, lock lock trylock = %s %s %s; trylock by another = %s", ename(e1), ename(e2),
	    ename(e3), ename(in_thread(try_other, &rec)));
	e1 = pthread_mutex_unlock(&rec);
	e2 = pthread_mutex_unlock(&rec);
	SAY("mutex: recursive, unlock unlock = %s %s; still held for another = %s", ename(e1), ename(e2),
	    ename(in_thread(try_other, &rec)));
	e3 = pthread_mutex_unlock(&rec);
	e1 = in_thread(try_other, &rec);
	e2 = in_thread(unlock_other, &rec);
	SAY("mutex: recursive, third unlock = %s; free for another = %s; unlock by another = %s", ename(e3),
	    ename(e1), ename(e2));
	pthread_mutex_destroy(&rec);

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&ec, &a);
	SAY("mutex: errorcheck, unlock while free = %s", ename(pthread_mutex_unlock(&ec)));
	e1 = pthread_mutex_lock(&ec);
	e2 = pthread_mutex_lock(&ec);
	SAY("mutex: errorcheck, lock relock = %s %s", ename(e1), ename(e2));
	SAY("mutex: errorcheck, unlock by another thread = %s", ename(in_thread(unlock_other, &ec)));
	SAY("mutex: errorcheck, unlock by its owner = %s", ename(pthread_mutex_unlock(&ec)));
	pthread_mutex_destroy(&ec);
	pthread_mutexattr_destroy(&a);

	pthread_mutex_lock(&tm);
	timed_abs = in_ms(CLOCK_REALTIME, 60);
	SAY("mutex: timedlock of a held mutex, 60 ms = %s", ename(in_thread(timedlock_fn, &tm)));
	SAY("mutex: timedlock timed out no earlier than asked = %s", timed_early ? "no" : "yes");
	timed_abs.tv_nsec = 2000000000L;
	SAY("mutex: timedlock of a held mutex, tv_nsec 2e9 = %s", ename(in_thread(timedlock_fn, &tm)));
	pthread_mutex_unlock(&tm);
	timed_abs = in_ms(CLOCK_REALTIME, 60);
	SAY("mutex: timedlock of a free mutex = %s", ename(in_thread(timedlock_fn, &tm)));
}

/* ---- condition variables -------------------------------------------------------------- */
static pthread_mutex_t cv_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv_nonempty = PTHREAD_COND_INITIALIZER, cv_nonfull = PTHREAD_COND_INITIALIZER;
static int cv_queue[8], cv_n, cv_in, cv_out;
static long cv_sum;

static void *producer(void *arg)
{
	for (int i = 1; i <= 500; i++) {
		pthread_mutex_lock(&cv_m);
		while (cv_n == 8)
			pthread_cond_wait(&cv_nonfull, &cv_m);
		cv_queue[cv_in] = i;
		cv_in = (cv_in + 1) % 8;
		cv_n++;
		pthread_cond_signal(&cv_nonempty);
		pthread_mutex_unlock(&cv_m);
	}
	return arg;
}

static void *consumer(void *arg)
{
	for (int i = 0; i < 500; i++) {
		pthread_mutex_lock(&cv_m);
		while (cv_n == 0)
			pthread_cond_wait(&cv_nonempty, &cv_m);
		cv_sum += cv_queue[cv_out];
		cv_out = (cv_out + 1) % 8;
		cv_n--;
		pthread_cond_signal(&cv_nonfull);
		pthread_mutex_unlock(&cv_m);
	}
	return arg;
}

static pthread_cond_t cv_go = PTHREAD_COND_INITIALIZER;
static int cv_waiting, cv_flag, cv_woken;

static void *bcast_waiter(void *arg)
{
	pthread_mutex_lock(&cv_m);
	cv_waiting++;
	while (!cv_flag)
		pthread_cond_wait(&cv_go, &cv_m);
	cv_woken++;
	pthread_mutex_unlock(&cv_m);
	return arg;
}

static void *cond_timed(void *arg)
{
	pthread_cond_t *c = arg;
	clockid_t clk = c == &cv_go ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	struct timespec ts = in_ms(clk, 40), now;
	pthread_mutex_lock(&cv_m);
	long r = pthread_cond_timedwait(c, &cv_m, &ts);
	pthread_mutex_unlock(&cv_m);
	now_of(clk, &now);
	if (r == ETIMEDOUT && (now.tv_sec < ts.tv_sec || (now.tv_sec == ts.tv_sec && now.tv_nsec + 5000000L < ts.tv_nsec)))
		r = -2;
	return (void *)r;
}

static void test_cond(void)
{
	pthread_t t[5];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, producer, NULL);
	for (int i = 2; i < 4; i++)
		pthread_create(&t[i], NULL, consumer, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	SAY("cond: 2 producers, 2 consumers, 8-slot queue: sum %ld, left %d", cv_sum, cv_n);

	for (int i = 0; i < 5; i++)
		pthread_create(&t[i], NULL, bcast_waiter, NULL);
	for (;;) { /* all five inside pthread_cond_wait (they hold the mutex until then) */
		pthread_mutex_lock(&cv_m);
		int n = cv_waiting;
		pthread_mutex_unlock(&cv_m);
		if (n == 5)
			break;
		sched_yield();
	}
	pthread_mutex_lock(&cv_m);
	cv_flag = 1;
	pthread_cond_signal(&cv_go); /* one, then the rest */
	pthread_cond_broadcast(&cv_go);
	pthread_mutex_unlock(&cv_m);
	for (int i = 0; i < 5; i++)
		pthread_join(t[i], NULL);
	SAY("cond: broadcast woke %d of 5 waiters", cv_woken);

	SAY("cond: timedwait 40 ms (CLOCK_REALTIME) = %s", ename(in_thread(cond_timed, &cv_go)));
	pthread_condattr_t ca;
	pthread_cond_t mono;
	clockid_t clk = -1;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_condattr_getclock(&ca, &clk);
	pthread_cond_init(&mono, &ca);
	SAY("cond: timedwait 40 ms (CLOCK_MONOTONIC) = %s, clock attr monotonic %d",
	    ename(in_thread(cond_timed, &mono)), clk == CLOCK_MONOTONIC);
	pthread_cond_destroy(&mono);
	pthread_condattr_destroy(&ca);
}

/* ---- read-write locks ---------------------------------------------------------------- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;
static int rw_bad;

static void *try_rd(void *arg)
{
	(void)arg;
	long r = pthread_rwlock_tryrdlock(&rw);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)r;
}

static void *try_wr(void *arg)
{
	(void)arg;
	long r = pthread_rwlock_trywrlock(&rw);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)r;
}

static void *timed_rd(void *arg)
{
	(void)arg;
	struct timespec ts = in_ms(CLOCK_REALTIME, 30);
	long r = pthread_rwlock_timedrdlock(&rw, &ts);
	if (r == 0)
		pthread_rwlock_unlock(&rw);
	return (void *)r;
}

static void *rw_writer(void *arg)
{
	for (int i = 0; i < 300; i++) {
		pthread_rwlock_wrlock(&rw);
		long v = rw_value;
		if (i % 50 == 0)
			sched_yield();
		rw_value = v + 1;
		pthread_rwlock_unlock(&rw);
	}
	return arg;
}

static void *rw_reader(void *arg)
{
	for (int i = 0; i < 300; i++) {
		pthread_rwlock_rdlock(&rw);
		long v = rw_value;
		if (i % 50 == 0)
			sched_yield();
		if (rw_value != v) /* no writer while a reader holds it */
			rw_bad = 1;
		pthread_rwlock_unlock(&rw);
	}
	return arg;
}

static void test_rwlock(void)
{
	pthread_t t[4];
	pthread_rwlock_rdlock(&rw);
	SAY("rwlock: read-held: tryrdlock %s, trywrlock %s (other thread)", ename(in_thread(try_rd, NULL)),
	    ename(in_thread(try_wr, NULL)));
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_wrlock(&rw);
	SAY("rwlock: write-held: tryrdlock %s, trywrlock %s, timedrdlock 30 ms %s (other thread)",
	    ename(in_thread(try_rd, NULL)), ename(in_thread(try_wr, NULL)), ename(in_thread(timed_rd, NULL)));
	pthread_rwlock_unlock(&rw);
	SAY("rwlock: free: tryrdlock %s, trywrlock %s", ename(in_thread(try_rd, NULL)), ename(in_thread(try_wr, NULL)));
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, rw_writer, NULL);
	for (int i = 2; i < 4; i++)
		pthread_create(&t[i], NULL, rw_reader, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	SAY("rwlock: 2 writers x 300 = %ld, readers saw a change under their lock: %d", rw_value, rw_bad);
}

/* ---- barriers, spinlocks, once ----------------------------------------------------------- */
static pthread_barrier_t bar;
static int bar_serial[3], bar_phase[4], bar_bad;

static void *bar_fn(void *arg)
{
	int me = (int)(long)arg;
	for (int round = 0; round < 3; round++) {
		bar_phase[me] = round;
		if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_fetch_add(&bar_serial[round], 1, __ATOMIC_SEQ_CST);
		for (int i = 0; i < 4; i++)
			if (bar_phase[i] < round)
				bar_bad = 1;
		pthread_barrier_wait(&bar);
	}
	return NULL;
}

static pthread_spinlock_t spin;
static long spin_counter;

static void *spin_fn(void *arg)
{
	for (int i = 0; i < 10000; i++) {
		pthread_spin_lock(&spin);
		spin_counter++;
		pthread_spin_unlock(&spin);
	}
	return arg;
}

static void *spin_try(void *arg)
{
	(void)arg;
	long r = pthread_spin_trylock(&spin);
	if (r == 0)
		pthread_spin_unlock(&spin);
	return (void *)r;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_init(void)
{
	once_runs++;
	sched_yield(); /* the others arrive meanwhile and must wait */
}

static void *once_fn(void *arg)
{
	(void)arg;
	pthread_once(&once, once_init);
	return (void *)(long)once_runs;
}

static void test_bar_spin_once(void)
{
	pthread_t t[10];
	pthread_barrier_init(&bar, NULL, 4);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, bar_fn, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&bar);
	SAY("barrier: 4 threads, 3 rounds: serial threads per round %d %d %d, one ran ahead %d", bar_serial[0],
	    bar_serial[1], bar_serial[2], bar_bad);

	pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, spin_fn, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_spin_lock(&spin);
	int busy = in_thread(spin_try, NULL);
	pthread_spin_unlock(&spin);
	SAY("spin: 4 threads x 10000 = %ld; trylock while held %s, when free %s", spin_counter, ename(busy),
	    ename(in_thread(spin_try, NULL)));
	pthread_spin_destroy(&spin);

	long seen = 0;
	for (int i = 0; i < 10; i++)
		pthread_create(&t[i], NULL, once_fn, NULL);
	for (int i = 0; i < 10; i++) {
		void *r;
		pthread_join(t[i], &r);
		seen += (long)r;
	}
	SAY("once: 10 threads, init ran %d time(s), every thread saw it done: %d", once_runs, seen == 10);
}

/* ---- thread-specific data, __thread, errno ------------------------------------------------ */
static pthread_key_t key;
static int dtor_calls;
static long dtor_sum;

static void dtor(void *v)
{
	__atomic_fetch_add(&dtor_calls, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&dtor_sum, (long)v, __ATOMIC_SEQ_CST);
}

static void *key_fn(void *arg)
{
	long ok = pthread_getspecific(key) == NULL;
	pthread_setspecific(key, arg);
	sched_yield();
	ok &= pthread_getspecific(key) == arg;
	if ((long)arg == 3)
		pthread_exit((void *)ok); /* destructors run on pthread_exit too */
	return (void *)ok;
}

static __thread int t_init = 42;
static __thread int t_zero;
static __thread char t_buf[32] = "initial";
static __thread long t_big[64];

static void *tls_fn(void *arg)
{
	long id = (long)arg, ok = t_init == 42 && t_zero == 0 && !strcmp(t_buf, "initial") && t_big[63] == 0;
	t_init = (int)id;
	t_zero = (int)id * 2;
	snprintf(t_buf, sizeof t_buf, "thread %ld", id);
	t_big[63] = id;
	for (int i = 0; i < 3; i++)
		sched_yield(); /* the others write theirs meanwhile */
	char want[32];
	snprintf(want, sizeof want, "thread %ld", id);
	ok &= t_init == (int)id && t_zero == (int)id * 2 && !strcmp(t_buf, want) && t_big[63] == id;
	return (void *)ok;
}

static pthread_barrier_t errno_bar;

static void *errno_fn(void *arg)
{
	(void)arg;
	close(-1); /* EBADF in this thread */
	pthread_barrier_wait(&errno_bar);
	pthread_barrier_wait(&errno_bar); /* main sets its own errno between */
	return (void *)(long)errno;
}

static void test_tsd_tls(void)
{
	pthread_t t[4];
	long ok = 0;
	pthread_key_create(&key, dtor);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, key_fn, (void *)(i + 1));
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok += (long)r;
	}
	SAY("tsd: 4 threads set their own value: %ld ok; destructor calls %d, sum %ld; main's value %s", ok,
	    dtor_calls, dtor_sum, pthread_getspecific(key) ? "set" : "NULL");
	pthread_setspecific(key, (void *)100);
	pthread_key_delete(key);
	SAY("tsd: key deleted with main's value set: destructor calls %d", dtor_calls);

	t_init = 7;
	ok = 0;
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, tls_fn, (void *)(i + 1));
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		ok += (long)r;
	}
	SAY("tls: 4 threads start with their own initialised and zeroed __thread copies: %ld ok", ok);
	SAY("tls: main's copies unchanged: t_init %d, t_zero %d, t_buf \"%s\"", t_init, t_zero, t_buf);

	pthread_t e;
	void *r;
	pthread_barrier_init(&errno_bar, NULL, 2);
	pthread_create(&e, NULL, errno_fn, NULL);
	pthread_barrier_wait(&errno_bar);
	errno = EINVAL;
	pthread_barrier_wait(&errno_bar);
	pthread_join(e, &r);
	SAY("errno: the thread's errno %s, main's %s", ename((int)(long)r), ename(errno));
	pthread_barrier_destroy(&errno_bar);
}

/* ---- cancellation ------------------------------------------------------------------------- */
static volatile int cancel_started, cancel_go, cancel_cleanup, cancel_passed;

static void cleanup(void *arg)
{
	cancel_cleanup += (int)(long)arg;
}

static void *cancel_loop(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, (void *)1);
	cancel_started = 1;
	for (;;) {
		pthread_testcancel();
		sched_yield();
	}
	pthread_cleanup_pop(0);
	return NULL;
}

static void *cancel_disabled(void *arg)
{
	int old;
	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	pthread_cleanup_push(cleanup, (void *)10);
	cancel_started = 1;
	while (!cancel_go) {
		pthread_testcancel(); /* disabled: no effect */
		sched_yield();
	}
	cancel_passed = 1;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	pthread_testcancel();
	cancel_passed = 2; /* not reached */
	pthread_cleanup_pop(0);
	return NULL;
}

static void *exit_with_cleanup(void *arg)
{
	pthread_cleanup_push(cleanup, (void *)100);
	pthread_cleanup_push(cleanup, (void *)1000);
	if (arg)
		pthread_exit((void *)5);
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

/* Cancellation of a thread blocked in a cancellation point: pthread_cancel
 * sends SIGCANCEL, which ends the blocking call (lib/posix-signal
 * interrupts the wait) and musl acts on it. */
static sem_t never_sem;
static pthread_cond_t never_cond = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t never_m = PTHREAD_MUTEX_INITIALIZER;
static int cancel_pipe[2];
static volatile int blocked_tid;

static void unlock_cleanup(void *m)
{
	pthread_mutex_unlock(m);
	cancel_cleanup++;
}

static void *block_in_sem(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, (void *)1);
	blocked_tid = (int)syscall(SYS_gettid);
	sem_wait(&never_sem);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *block_in_cond(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&never_m);
	pthread_cleanup_push(unlock_cleanup, &never_m);
	blocked_tid = (int)syscall(SYS_gettid);
	for (;;)
		pthread_cond_wait(&never_cond, &never_m);
	pthread_cleanup_pop(1);
	return NULL;
}

static void *block_in_read(void *arg)
{
	char c;
	(void)arg;
	pthread_cleanup_push(cleanup, (void *)1);
	blocked_tid = (int)syscall(SYS_gettid);
	while (read(cancel_pipe[0], &c, 1) != 0)
		;
	pthread_cleanup_pop(0);
	return NULL;
}

/* Start fn, wait until it is blocked (as start_waiters does), cancel it. */
static const char *cancel_blocked(void *(*fn)(void *))
{
	pthread_t t;
	void *r;
	blocked_tid = 0;
	cancel_cleanup = 0;
	pthread_create(&t, NULL, fn, NULL);
	while (!blocked_tid)
		sched_yield();
	for (int tries = 0; tries < 5000 && sleeping(blocked_tid) == 0; tries++)
		sleep_ms(1);
	sleep_ms(10);
	pthread_cancel(t);
	pthread_join(t, &r);
	return r == PTHREAD_CANCELED && cancel_cleanup == 1 ? "canceled, cleanup ran" : "FAIL";
}

static void test_cancel(void)
{
	pthread_t t;
	void *r;
	pthread_create(&t, NULL, cancel_loop, NULL);
	while (!cancel_started)
		sched_yield();
	pthread_cancel(t); /* its result needs tkill (the signal library) on Tessera: not printed */
	pthread_join(t, &r);
	SAY("cancel: at pthread_testcancel: join gets PTHREAD_CANCELED %d, cleanup ran %d", r == PTHREAD_CANCELED,
	    cancel_cleanup);

	cancel_started = 0;
	cancel_cleanup = 0;
	pthread_create(&t, NULL, cancel_disabled, NULL);
	while (!cancel_started)
		sched_yield();
	pthread_cancel(t);
	for (int i = 0; i < 20; i++)
		sched_yield();
	cancel_go = 1;
	pthread_join(t, &r);
	SAY("cancel: disabled then enabled: canceled %d, ran past the disabled part %d, cleanup %d",
	    r == PTHREAD_CANCELED, cancel_passed, cancel_cleanup);

	sem_init(&never_sem, 0, 0);
	SAY("cancel: a thread blocked in sem_wait: %s", cancel_blocked(block_in_sem));
	sem_destroy(&never_sem);
	const char *how = cancel_blocked(block_in_cond);
	SAY("cancel: a thread blocked in pthread_cond_wait: %s; the mutex is free again: %s", how,
	    ename(pthread_mutex_trylock(&never_m)));
	pthread_mutex_unlock(&never_m);
	if (pipe(cancel_pipe) == 0) {
		SAY("cancel: a thread blocked in read on an empty pipe: %s", cancel_blocked(block_in_read));
		close(cancel_pipe[0]);
		close(cancel_pipe[1]);
	} else {
		SAY("cancel: pipe failed: %s", ename(errno));
	}

	cancel_cleanup = 0;
	pthread_create(&t, NULL, exit_with_cleanup, (void *)1);
	pthread_join(t, &r);
	SAY("cancel: pthread_exit runs the cleanup handlers: %d, value %ld", cancel_cleanup, (long)r);
}

/* ---- semaphores --------------------------------------------------------------------------- */
static sem_t ping, pong;
static int pingpong;

static void *ponger(void *arg)
{
	for (int i = 0; i < 500; i++) {
		sem_wait(&ping);
		pingpong++;
		sem_post(&pong);
	}
	return arg;
}

static void *sem_timed(void *arg)
{
	struct timespec ts = in_ms(CLOCK_REALTIME, 40);
	long r = sem_timedwait(arg, &ts) ? errno : 0;
	return (void *)r;
}

static void test_sem(void)
{
	sem_t s;
	int v = -1, e1, e2, e3;
	pthread_t t;
	sem_init(&s, 0, 2);
	e1 = sem_trywait(&s);
	e2 = sem_trywait(&s);
	e3 = sem_trywait(&s) ? errno : 0;
	sem_getvalue(&s, &v);
	SAY("sem: init 2, trywait x3 = %d %d %s, value %d", e1, e2, ename(e3), v);
	sem_post(&s);
	sem_getvalue(&s, &v);
	SAY("sem: post, value %d; timedwait with a count = %s", v, ename(in_thread(sem_timed, &s)));
	SAY("sem: timedwait 40 ms at 0 = %s", ename(in_thread(sem_timed, &s)));
	sem_destroy(&s);

	sem_init(&ping, 0, 0);
	sem_init(&pong, 0, 0);
	pthread_create(&t, NULL, ponger, NULL);
	for (int i = 0; i < 500; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	pthread_join(t, NULL);
	SAY("sem: 500 ping-pong rounds between two threads = %d", pingpong);
	sem_destroy(&ping);
	sem_destroy(&pong);
}

/* ---- the futex system call itself ---------------------------------------------------------- */
static int fa, fb;
static volatile int f_arrived, f_done[4];

struct fwait {
	int *addr, val, op, idx;
	unsigned bitset;
	volatile int tid;
};

static void *futex_waiter(void *arg)
{
	struct fwait *w = arg;
	w->tid = (int)syscall(SYS_gettid);
	__atomic_fetch_add(&f_arrived, 1, __ATOMIC_SEQ_CST);
	long r = futex(w->addr, w->op, w->val, NULL, NULL, (int)w->bitset) ? errno : 0;
	f_done[w->idx] = 1;
	return (void *)r;
}

/* Start n waiters and return once all are blocked in the futex call. On
 * Linux that is read from /proc (up to 5 s, so a loaded host gives the
 * same counts); on Tessera, a thread that has arrived runs on into its
 * wait without yielding, so arriving is enough (then a short pause). */
static void start_waiters(pthread_t *t, struct fwait *w, int n)
{
	f_arrived = 0;
	for (int i = 0; i < n; i++) {
		f_done[i] = 0;
		w[i].tid = 0;
		pthread_create(&t[i], NULL, futex_waiter, &w[i]);
	}
	while (f_arrived < n)
		sched_yield();
	for (int i = 0; i < n; i++)
		for (int tries = 0; tries < 5000 && sleeping(w[i].tid) == 0; tries++)
			sleep_ms(1);
	sleep_ms(10);
}

static int join_all(pthread_t *t, int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	return bad;
}

#define R(call) ((call) < 0 ? -errno : 0)
static const char *res(long r)
{
	static char buf[8][24];
	static int n;
	char *b = buf[n++ % 8];
	if (r < 0)
		return ename((int)-r);
	snprintf(b, 24, "%ld", r);
	return b;
}
static long fx(int *uaddr, int op, int val, const struct timespec *ts, int *uaddr2, int val3)
{
	long r = futex(uaddr, op, val, ts, uaddr2, val3);
	return r < 0 ? -errno : r;
}

static void test_futex(void)
{
	struct timespec rel = { 0, 30000000L }, t0, abs;
	pthread_t t[4];
	struct fwait w[4];
	int *bad = (int *)(uintptr_t)0xffff888000000000ull;

	fa = 0;
	SAY("futex: WAIT with *uaddr != val = %s", res(fx(&fa, FUTEX_WAIT, 1, NULL, NULL, 0)));
	now_of(CLOCK_MONOTONIC, &t0);
	long r = fx(&fa, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0);
	SAY("futex: WAIT 30 ms (relative) = %s, not early %d", res(r), ms_since(&t0) >= 29);
	abs = in_ms(CLOCK_MONOTONIC, 30);
	now_of(CLOCK_MONOTONIC, &t0);
	r = fx(&fa, FUTEX_WAIT_BITSET, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
	SAY("futex: WAIT_BITSET until CLOCK_MONOTONIC + 30 ms = %s, not early %d", res(r), ms_since(&t0) >= 29);
	abs = in_ms(CLOCK_REALTIME, 30);
	now_of(CLOCK_MONOTONIC, &t0);
	r = fx(&fa, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
	SAY("futex: WAIT_BITSET|CLOCK_REALTIME until now + 30 ms = %s, not early %d", res(r), ms_since(&t0) >= 29);
	abs = (struct timespec){ 0, 1 }; /* CLOCK_MONOTONIC's 1 ns: past on every machine */
	SAY("futex: WAIT_BITSET until a past time = %s", res(fx(&fa, FUTEX_WAIT_BITSET, 0, &abs, NULL, -1)));
	SAY("futex: WAKE with no waiter = %s", res(fx(&fa, FUTEX_WAKE, 1, NULL, NULL, 0)));
	SAY("futex: WAIT on an unaligned address = %s", res(fx((int *)((char *)&fa + 1), FUTEX_WAIT, 0, &rel, NULL, 0)));
	SAY("futex: WAIT on a kernel address = %s", res(fx(bad, FUTEX_WAIT, 0, &rel, NULL, 0)));
	struct timespec badts = { 0, 1000000000L };
	SAY("futex: WAIT with tv_nsec 1e9 = %s", res(fx(&fa, FUTEX_WAIT, 0, &badts, NULL, 0)));
	SAY("futex: WAIT_BITSET with bitset 0 = %s", res(fx(&fa, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0)));
	SAY("futex: WAKE_BITSET with bitset 0 = %s", res(fx(&fa, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0)));
	SAY("futex: operation 99 = %s", res(fx(&fa, 99, 0, NULL, NULL, 0)));
	SAY("futex: WAKE|CLOCK_REALTIME = %s", res(fx(&fa, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0)));
	SAY("futex: CMP_REQUEUE with a negative count = %s",
	    res(fx(&fa, FUTEX_CMP_REQUEUE, -1, (void *)1, &fb, 0)));

	/* wake counts */
	for (int i = 0; i < 3; i++)
		w[i] = (struct fwait){ &fa, 0, FUTEX_WAIT_PRIVATE, i, 0, 0 };
	start_waiters(t, w, 3);
	long c0 = fx(&fa, FUTEX_WAKE_PRIVATE, 0, NULL, NULL, 0);
	long c1 = fx(&fa, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	long c2 = fx(&fa, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
	SAY("futex: 3 waiters; WAKE 0, WAKE 1, WAKE all = %s %s %s; waits returned 0: %d", res(c0), res(c1), res(c2),
	    join_all(t, 3) == 0);

	/* requeue */
	fa = 0, fb = 0;
	for (int i = 0; i < 4; i++)
		w[i] = (struct fwait){ &fa, 0, FUTEX_WAIT, i, 0, 0 };
	start_waiters(t, w, 4);
	c0 = fx(&fa, FUTEX_CMP_REQUEUE, 1, (void *)1, &fb, 5);
	c1 = fx(&fa, FUTEX_CMP_REQUEUE, 1, (void *)1, &fb, 0);
	c2 = fx(&fa, FUTEX_REQUEUE, 0, (void *)INT_MAX, &fb, 0);
	long c3 = fx(&fa, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	long c4 = fx(&fb, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	SAY("futex: 4 waiters; CMP_REQUEUE (value differs) %s, CMP_REQUEUE 1+1 %s, REQUEUE 0+all %s, WAKE a %s, "
	    "WAKE b %s; waits returned 0: %d", res(c0), res(c1), res(c2), res(c3), res(c4), join_all(t, 4) == 0);

	/* bitsets */
	w[0] = (struct fwait){ &fa, 0, FUTEX_WAIT_BITSET, 0, 1, 0 };
	w[1] = (struct fwait){ &fa, 0, FUTEX_WAIT_BITSET, 1, 2, 0 };
	start_waiters(t, w, 2);
	c0 = fx(&fa, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 4);
	c1 = fx(&fa, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 2);
	for (int tries = 0; tries < 5000 && !f_done[0] && !f_done[1]; tries++) {
		sched_yield();
		sleep_ms(1);
	}
	sleep_ms(10); /* had both woken, the other would be done by now too */
	int which = f_done[0] * 10 + f_done[1];
	c2 = fx(&fa, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	SAY("futex: waiters with bitsets 1 and 2; WAKE_BITSET 4 %s, WAKE_BITSET 2 %s (woke the second: %d), WAKE %s",
	    res(c0), res(c1), which == 1, res(c2));
	join_all(t, 2);

	/* wake_op */
	fa = 0, fb = 5;
	w[0] = (struct fwait){ &fa, 0, FUTEX_WAIT, 0, 0, 0 };
	w[1] = (struct fwait){ &fb, 5, FUTEX_WAIT, 1, 0, 0 };
	start_waiters(t, w, 2);
	c0 = fx(&fa, FUTEX_WAKE_OP, 1, (void *)1, &fb, FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 4));
	int fb1 = fb;
	c1 = fx(&fa, FUTEX_WAKE_OP, 1, (void *)1, &fb, FUTEX_OP(FUTEX_OP_OR, 4, FUTEX_OP_CMP_EQ, 100));
	int fb2 = fb;
	c2 = fx(&fa, FUTEX_WAKE_OP, 1, (void *)1, &fb, FUTEX_OP((FUTEX_OP_ANDN | FUTEX_OP_OPARG_SHIFT), 3, FUTEX_OP_CMP_LT, 0));
	SAY("futex: WAKE_OP add 3 if old > 4: %s, fb %d; or 4 if old == 100: %s, fb %d; andn 1<<3: %s, fb %d",
	    res(c0), fb1, res(c1), fb2, res(c2), fb);
	SAY("futex: WAKE_OP waits returned 0: %d", join_all(t, 2) == 0);
}

/* ---- scheduling calls, robust lists, membarrier ------------------------------------------------ */
static void test_sched(void)
{
	struct sched_param sp = { 0 };
	cpu_set_t set;
	SAY("sched: yield %d, FIFO max %d min %d, RR max %d, OTHER max %d min %d", sched_yield(),
	    sched_get_priority_max(SCHED_FIFO), sched_get_priority_min(SCHED_FIFO), sched_get_priority_max(SCHED_RR),
	    sched_get_priority_max(SCHED_OTHER), sched_get_priority_min(SCHED_OTHER));
	/* musl's sched_getscheduler & co. say ENOSYS without asking the
	 * kernel: the system calls themselves are tried. */
	sp.sched_priority = -1;
	long gp = R(syscall(SYS_sched_getparam, 0, &sp));
	SAY("sched: getscheduler(0) %ld, getparam(0) %s prio %d", syscall(SYS_sched_getscheduler, 0), res(gp),
	    sp.sched_priority);
	sp.sched_priority = 5;
	SAY("sched: setscheduler(OTHER, 5) %s, getscheduler(-1) %s, getparam(INT_MAX) %s",
	    res(R(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp))), res(R(syscall(SYS_sched_getscheduler, -1))),
	    res(R(syscall(SYS_sched_getparam, INT_MAX, &sp))));
	sp.sched_priority = 0;
	SAY("sched: setparam(0) %s, priority_max(77) %s", res(R(syscall(SYS_sched_setparam, 0, &sp))),
	    res(R(sched_get_priority_max(77))));
	CPU_ZERO(&set);
	long gaff = R(sched_getaffinity(0, sizeof set, &set));
	SAY("sched: getaffinity %s, CPU 0 in it %d", res(gaff), CPU_ISSET(0, &set));
	long ga = syscall(SYS_sched_getaffinity, 0, 8, &set);
	SAY("sched: raw getaffinity with 8 bytes %s, with 4 bytes %s", res(ga < 0 ? -errno : ga),
	    res(R(syscall(SYS_sched_getaffinity, 0, 4, &set))));

	void *head0 = NULL, *head = NULL;
	size_t len0 = 0, len = 0;
	long g0 = R(syscall(SYS_get_robust_list, 0, &head0, &len0));
	struct { void *next; long off; void *pending; } mine = { &mine, 0, NULL };
	long s1 = R(syscall(SYS_set_robust_list, &mine, 23));
	long s2 = R(syscall(SYS_set_robust_list, &mine, sizeof mine));
	long g1 = R(syscall(SYS_get_robust_list, 0, &head, &len));
	long g2 = R(syscall(SYS_get_robust_list, INT_MAX, &head, &len));
	syscall(SYS_set_robust_list, head0, len0 ? len0 : sizeof mine);
	SAY("robust: get %s (len %zu), set with len 23 %s, set %s, get %s (ours %d, len %zu), get of INT_MAX %s",
	    res(g0), len0, res(s1), res(s2), res(g1), head == &mine, len, res(g2));

	long q = syscall(SYS_membarrier, 0 /* QUERY */, 0, 0);
	long m1 = R(syscall(SYS_membarrier, 8 /* PRIVATE_EXPEDITED */, 0, 0));
	long m2 = R(syscall(SYS_membarrier, 16 /* REGISTER_PRIVATE_EXPEDITED */, 0, 0));
	long m3 = R(syscall(SYS_membarrier, 8, 0, 0));
	long m4 = R(syscall(SYS_membarrier, 1 /* GLOBAL */, 1, 0));
	SAY("membarrier: query has GLOBAL %d; PRIVATE_EXPEDITED unregistered %s, register %s, then %s; flags 1 %s",
	    q > 0 && (q & 1), res(m1), res(m2), res(m3), res(m4));
}

/* ---- the end: the process lives as long as a thread does ---------------------------------------- */
static void *last_thread(void *arg)
{
	(void)arg;
	sleep_ms(30); /* main has called pthread_exit by now */
	SAY("exit: main has ended with pthread_exit; the last thread still runs");
	SAY("failures: %d", failures);
	return NULL; /* the last thread ends: the process ends, status 0 */
}

/* "fork-clone": clone as posix_spawn and vfork make it (CLONE_VM|CLONE_VFORK|
 * SIGCHLD) — on Tessera, which has one process, ENOSYS and a log line. Run on
 * the guest only (on Linux it would start a process). */
static int child_fn(void *arg)
{
	(void)arg;
	_exit(0);
}

static int fork_clone(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	int r = clone(child_fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	SAY("fork-clone: clone(CLONE_VM|CLONE_VFORK|SIGCHLD) = %s", r < 0 ? ename(errno) : "a process");
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t t;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "fork-clone"))
		return fork_clone();
	struct timespec c0, c1;
	now_of(CLOCK_REALTIME, &c0);
	now_of(CLOCK_MONOTONIC, &c1);
	CHECK("clock", "clock_gettime(CLOCK_REALTIME and CLOCK_MONOTONIC) works (the timed tests need it)", !clock_broken);
	test_create_join();
	test_hundred();
	test_detached();
	test_mutex();
	test_cond();
	test_rwlock();
	test_bar_spin_once();
	test_tsd_tls();
	test_cancel();
	test_sem();
	test_futex();
	test_sched();
	pthread_create(&t, NULL, last_thread, NULL);
	pthread_detach(t);
	pthread_exit(NULL);
}
