/*
 * threads.c: the "threads" area — pthread create/join/detach/exit, thread
 * ids, mutexes of each type, condition variables, rwlocks, once, barriers,
 * semaphores, keys, attributes. Threads never print: they leave results
 * for the main thread, which prints them after the join, so the lines come
 * out in one order. A check that needs a thread that could not be created
 * says so instead of waiting for it.
 */
#include "suite.h"
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *ret_arg_plus_one(void *arg)
{
	return (char *)arg + 1;
}

static int counter;

static void *count_up(void *arg)
{
	for (int i = 0; i < 1000; i++)
		AT_ADD(&counter, 1);
	return arg;
}

struct ids {
	pid_t pid, tid;
	pthread_t self;
};

static void *get_ids(void *arg)
{
	struct ids *r = arg;
	r->pid = getpid();
	r->tid = (pid_t)syscall(SYS_gettid);
	r->self = pthread_self();
	return NULL;
}

static void *exit_early(void *arg)
{
	pthread_exit((char *)arg + 2);
	return NULL;
}

static void create_join(void)
{
	pthread_t t;
	void *res = NULL;
	char token[4];
	if (!ckerr("pthread_create", pthread_create(&t, NULL, ret_arg_plus_one, token))) {
		ckerr("pthread_join", pthread_join(t, &res));
		yes("the join returns the thread's value", res == token + 1);
	} else {
		notrun("pthread_join", "no thread");
		notrun("the join returns the thread's value", "no thread");
	}
	if (!ckerr("pthread_create (pthread_exit)", pthread_create(&t, NULL, exit_early, token))) {
		ckerr("pthread_join", pthread_join(t, &res));
		yes("pthread_exit's value", res == token + 2);
	} else {
		notrun("pthread_join", "no thread");
		notrun("pthread_exit's value", "no thread");
	}

	pthread_t ts[8];
	int made = 0;
	AT_STORE(&counter, 0);
	for (int i = 0; i < 8; i++)
		if (pthread_create(&ts[made], NULL, count_up, NULL) == 0)
			made++;
	say("8 threads created", "%d", made);
	for (int i = 0; i < made; i++)
		pthread_join(ts[i], NULL);
	say("their 8 x 1000 atomic increments", "%d", AT_LOAD(&counter));

	struct ids r = { 0, 0, 0 };
	if (!ckerr("pthread_create (ids)", pthread_create(&t, NULL, get_ids, &r))) {
		pthread_join(t, NULL);
		yes("getpid in the thread = the main's", r.pid == getpid());
		yes("gettid in the thread differs from the main's", r.tid != (pid_t)syscall(SYS_gettid) && r.tid > 0);
		yes("the main's gettid = getpid", (pid_t)syscall(SYS_gettid) == getpid());
		yes("pthread_self in the thread = what create gave", pthread_equal(r.self, t));
		yes("and differs from the main's", !pthread_equal(r.self, pthread_self()));
	} else {
		for (int i = 0; i < 5; i++)
			notrun("ids in a thread", "no thread");
	}

	pthread_attr_t a;
	ckerr("pthread_attr_init", pthread_attr_init(&a));
	ckerr("setdetachstate DETACHED", pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED));
	ckerr("setdetachstate 7", pthread_attr_setdetachstate(&a, 7));
	ckerr("setstacksize 256 KiB", pthread_attr_setstacksize(&a, 256 << 10));
	ckerr("setstacksize 1 byte", pthread_attr_setstacksize(&a, 1));
	size_t sz = 0;
	pthread_attr_getstacksize(&a, &sz);
	say("getstacksize", "%zu", sz);
	int ds = -1;
	pthread_attr_getdetachstate(&a, &ds);
	yes("getdetachstate is DETACHED", ds == PTHREAD_CREATE_DETACHED);
	AT_STORE(&counter, 0);
	if (!ckerr("create a detached thread", pthread_create(&t, &a, count_up, NULL))) {
		int64_t t0 = now_ns();
		while (AT_LOAD(&counter) < 1000 && now_ns() - t0 < 5000000000)
			sched_yield();
		say("it ran", "%d", AT_LOAD(&counter));
	} else {
		notrun("it ran", "no thread");
	}
	pthread_attr_destroy(&a);
	if (!pthread_create(&t, NULL, count_up, NULL)) {
		ckerr("pthread_detach of a running thread", pthread_detach(t));
	} else {
		notrun("pthread_detach of a running thread", "no thread");
	}
	sleep_ms(20);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *try_from_other(void *arg)
{
	pthread_mutex_t *mx = arg;
	return (void *)(intptr_t)pthread_mutex_trylock(mx);
}

static void *unlock_from_other(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_unlock(arg);
}

static void *locked_increments(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		pthread_mutex_lock(&m);
		int v = shared;
		if (i % 100 == 0)
			sched_yield();
		shared = v + 1;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

/* other(fn, arg, &res): run fn in a new thread and join it; 0 or the
 * create error. */
static int other(void *(*fn)(void *), void *arg, intptr_t *res)
{
	pthread_t t;
	void *r;
	int e = pthread_create(&t, NULL, fn, arg);
	if (e)
		return e;
	pthread_join(t, &r);
	*res = (intptr_t)r;
	return 0;
}

static void show_other(const char *what, void *(*fn)(void *), void *arg)
{
	intptr_t r;
	if (other(fn, arg, &r))
		notrun(what, "no thread");
	else
		ckerr(what, (int)r);
}

static void mutexes(void)
{
	ckerr("lock", pthread_mutex_lock(&m));
	ckerr("trylock while held", pthread_mutex_trylock(&m));
	show_other("trylock from another thread while held", try_from_other, &m);
	ckerr("unlock", pthread_mutex_unlock(&m));

	pthread_mutexattr_t ma;
	pthread_mutex_t em, rm;
	pthread_mutexattr_init(&ma);
	ckerr("settype ERRORCHECK", pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK));
	ckerr("settype 99", pthread_mutexattr_settype(&ma, 99));
	pthread_mutex_init(&em, &ma);
	ckerr("errorcheck: unlock while not held", pthread_mutex_unlock(&em));
	ckerr("errorcheck: lock", pthread_mutex_lock(&em));
	ckerr("errorcheck: lock again", pthread_mutex_lock(&em));
	show_other("errorcheck: unlock from another thread", unlock_from_other, &em);
	ckerr("errorcheck: unlock", pthread_mutex_unlock(&em));
	ckerr("errorcheck: destroy", pthread_mutex_destroy(&em));
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rm, &ma);
	ckerr("recursive: lock", pthread_mutex_lock(&rm));
	ckerr("recursive: lock again", pthread_mutex_lock(&rm));
	ckerr("recursive: trylock", pthread_mutex_trylock(&rm));
	show_other("recursive: trylock from another thread", try_from_other, &rm);
	ckerr("recursive: unlock 1", pthread_mutex_unlock(&rm));
	ckerr("recursive: unlock 2", pthread_mutex_unlock(&rm));
	ckerr("recursive: unlock 3", pthread_mutex_unlock(&rm));
	show_other("recursive: trylock from another thread once free", try_from_other, &rm);
	ckerr("recursive: unlock 4 (not held)", pthread_mutex_unlock(&rm));
	pthread_mutexattr_destroy(&ma);

	pthread_t ts[4];
	int made = 0;
	shared = 0;
	for (int i = 0; i < 4; i++)
		if (!pthread_create(&ts[made], NULL, locked_increments, NULL))
			made++;
	for (int i = 0; i < made; i++)
		pthread_join(ts[i], NULL);
	say("4 threads x 2000 increments under the mutex (yielding inside)", "%d", shared);
}

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready, go, waiting;

static void *cond_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	waiting++;
	pthread_cond_broadcast(&cv);
	while (!go)
		pthread_cond_wait(&cv, &m);
	ready++;
	pthread_mutex_unlock(&m);
	return NULL;
}

static void conds(void)
{
	pthread_t ts[4];
	int made = 0;
	ready = go = waiting = 0;
	for (int i = 0; i < 4; i++)
		if (!pthread_create(&ts[made], NULL, cond_waiter, NULL))
			made++;
	say("4 waiters created", "%d", made);
	pthread_mutex_lock(&m);
	while (waiting < made)
		pthread_cond_wait(&cv, &m);
	say("all waiting, none through", "%d", ready);
	go = 1;
	ckerr("broadcast", pthread_cond_broadcast(&cv));
	pthread_mutex_unlock(&m);
	for (int i = 0; i < made; i++)
		pthread_join(ts[i], NULL);
	say("all through after the broadcast", "%d", ready);

	struct timespec dl;
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_nsec += 30000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	int64_t t0 = now_ns();
	ckerr("timedwait, nobody signals", pthread_cond_timedwait(&cv, &m, &dl));
	int64_t d = now_ns() - t0;
	yes("it waited >= 20 ms", d >= 20000000);
	dl.tv_nsec = 1000000000;
	ckerr("timedwait with tv_nsec = 1e9", pthread_cond_timedwait(&cv, &m, &dl));
	pthread_mutex_unlock(&m);

	pthread_condattr_t ca;
	pthread_cond_t mc;
	pthread_condattr_init(&ca);
	ckerr("condattr_setclock MONOTONIC", pthread_condattr_setclock(&ca, CLOCK_MONOTONIC));
	ckerr("condattr_setclock PROCESS_CPUTIME", pthread_condattr_setclock(&ca, CLOCK_PROCESS_CPUTIME_ID));
	pthread_cond_init(&mc, &ca);
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_nsec += 10000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	ckerr("timedwait on a CLOCK_MONOTONIC condition", pthread_cond_timedwait(&mc, &m, &dl));
	pthread_mutex_unlock(&m);
	ckerr("signal with no waiters", pthread_cond_signal(&mc));
	pthread_cond_destroy(&mc);
	pthread_condattr_destroy(&ca);
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;

static void *try_wr(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_rwlock_trywrlock(&rw);
}

static void *try_rd(void *arg)
{
	(void)arg;
	int e = pthread_rwlock_tryrdlock(&rw);
	if (!e)
		pthread_rwlock_unlock(&rw);
	return (void *)(intptr_t)e;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_fn(void)
{
	AT_ADD(&once_runs, 1);
	sleep_ms(5);
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, once_fn);
	return (void *)(intptr_t)AT_LOAD(&once_runs);
}

static pthread_barrier_t bar;
static int serial;

static void *at_barrier(void *arg)
{
	(void)arg;
	if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
		AT_ADD(&serial, 1);
	return NULL;
}

static sem_t sem;

static void *sem_poster(void *arg)
{
	(void)arg;
	sleep_ms(10);
	sem_post(&sem);
	return NULL;
}

static void others(void)
{
	ckerr("rwlock: rdlock", pthread_rwlock_rdlock(&rw));
	ckerr("rwlock: rdlock again", pthread_rwlock_rdlock(&rw));
	show_other("rwlock: trywrlock from another thread, read-held", try_wr, NULL);
	show_other("rwlock: tryrdlock from another thread, read-held", try_rd, NULL);
	ckerr("rwlock: unlock", pthread_rwlock_unlock(&rw));
	ckerr("rwlock: unlock", pthread_rwlock_unlock(&rw));
	ckerr("rwlock: wrlock", pthread_rwlock_wrlock(&rw));
	show_other("rwlock: tryrdlock from another thread, write-held", try_rd, NULL);
	ckerr("rwlock: unlock", pthread_rwlock_unlock(&rw));
	show_other("rwlock: trywrlock from another thread, free", try_wr, NULL);
	pthread_rwlock_unlock(&rw); /* the other thread's lock, as POSIX lets it go */

	pthread_t ts[4];
	int made = 0;
	AT_STORE(&once_runs, 0);
	for (int i = 0; i < 4; i++)
		if (!pthread_create(&ts[made], NULL, call_once, NULL))
			made++;
	int all_one = 1;
	for (int i = 0; i < made; i++) {
		void *r;
		pthread_join(ts[i], &r);
		all_one &= (intptr_t)r == 1;
	}
	ckerr("pthread_once in the main thread", pthread_once(&once, once_fn));
	say("once ran (4 threads + main)", "%d time(s), each saw it done: %s", AT_LOAD(&once_runs),
	    made == 4 && all_one ? "yes" : "no");

	ckerr("barrier init count 0", pthread_barrier_init(&bar, NULL, 0));
	ckerr("barrier init count 4", pthread_barrier_init(&bar, NULL, 4));
	AT_STORE(&serial, 0);
	made = 0;
	for (int i = 0; i < 3; i++)
		if (!pthread_create(&ts[made], NULL, at_barrier, NULL))
			made++;
	if (made == 3) {
		at_barrier(NULL);
		for (int i = 0; i < made; i++)
			pthread_join(ts[i], NULL);
		say("4 through the barrier, serial threads", "%d", AT_LOAD(&serial));
	} else {
		/* the barrier would never open: do not wait on it */
		for (int i = 0; i < made; i++)
			pthread_detach(ts[i]);
		notrun("4 through the barrier, serial threads", "threads missing");
	}

	ck("sem_init 0", sem_init(&sem, 0, 0));
	ck("sem_trywait at 0", sem_trywait(&sem));
	ck("sem_post", sem_post(&sem));
	int v = -1;
	sem_getvalue(&sem, &v);
	say("sem_getvalue", "%d", v);
	ck("sem_wait", sem_wait(&sem));
	struct timespec dl;
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_nsec += 20000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	ck("sem_timedwait, nobody posts", sem_timedwait(&sem, &dl));
	pthread_t t;
	if (!pthread_create(&t, NULL, sem_poster, NULL)) {
		ck("sem_wait woken by another thread's post", sem_wait(&sem));
		pthread_join(t, NULL);
	} else {
		notrun("sem_wait woken by another thread's post", "no thread");
	}
	/* SEM_VALUE_MAX is INT_MAX in both libraries */
	ck("sem_init over SEM_VALUE_MAX", sem_init(&sem, 0, 0x80000000u));
	sem_destroy(&sem);
}

static pthread_key_t key;
static int dtor_runs;
static void dtor(void *p)
{
	if (p == (void *)&key)
		AT_ADD(&dtor_runs, 1);
}

static void *use_key(void *arg)
{
	void *before = pthread_getspecific(key);
	pthread_setspecific(key, &key);
	return before == NULL ? arg : NULL;
}

static void keys(void)
{
	ckerr("pthread_key_create", pthread_key_create(&key, dtor));
	ckerr("setspecific in main", pthread_setspecific(key, &counter));
	yes("getspecific in main", pthread_getspecific(key) == &counter);
	AT_STORE(&dtor_runs, 0);
	pthread_t t;
	void *r;
	static char token;
	if (!pthread_create(&t, NULL, use_key, &token)) {
		pthread_join(t, &r);
		yes("a new thread's value starts NULL", r == &token);
		say("the destructor ran at its exit", "%d time(s)", AT_LOAD(&dtor_runs));
	} else {
		notrun("a new thread's value starts NULL", "no thread");
		notrun("the destructor ran at its exit", "no thread");
	}
	yes("main's value kept", pthread_getspecific(key) == &counter);
	ckerr("pthread_key_delete", pthread_key_delete(key));
}

void area_threads(void)
{
	create_join();
	mutexes();
	conds();
	others();
	keys();
}
