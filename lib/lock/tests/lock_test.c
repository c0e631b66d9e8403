/* lock_test.c: in-kernel tests of mutexes, semaphores, condition variables
 * and rwlocks, including timeouts. */
#include <errno.h>
#include <ts/lock.h>
#include <ts/plat/time.h>
#include <ts/test.h>

#define MS 1000000ull

/* ---- producer / consumer over a bounded buffer, mutex + two conds ---- */
static struct ts_mutex m = TS_MUTEX_INIT;
static struct ts_cond not_full = TS_COND_INIT, not_empty = TS_COND_INIT;
static int buf[4], head, count;
static long sum_consumed;

static void producer(void *arg)
{
	for (int i = 1; i <= 1000; i++) {
		ts_mutex_lock(&m);
		while (count == 4)
			ts_cond_wait(&not_full, &m);
		buf[(head + count++) % 4] = i;
		ts_cond_signal(&not_empty);
		ts_mutex_unlock(&m);
	}
	(void)arg;
}

static void consumer(void *arg)
{
	for (int i = 0; i < 1000; i++) {
		ts_mutex_lock(&m);
		while (count == 0)
			ts_cond_wait(&not_empty, &m);
		sum_consumed += buf[head];
		head = (head + 1) % 4;
		count--;
		ts_cond_signal(&not_full);
		ts_mutex_unlock(&m);
	}
	(void)arg;
}

TS_TEST(producer_consumer)
{
	struct ts_thread *p, *c;
	ts_thread_create(&c, NULL, consumer, NULL);
	ts_thread_create(&p, NULL, producer, NULL);
	ts_thread_join(p, NULL);
	ts_thread_join(c, NULL);
	TS_EXPECT_EQ(sum_consumed, 1000 * 1001 / 2);
}

static void hold_for_100ms(void *arg)
{
	ts_mutex_lock(arg);
	ts_thread_sleep_ns(100 * MS);
	ts_mutex_unlock(arg);
}

TS_TEST(mutex_rules_and_timeout)
{
	struct ts_mutex a, r;
	struct ts_thread *t;
	ts_mutex_init(&a, 0);
	ts_mutex_init(&r, 1);
	TS_EXPECT_EQ(ts_mutex_lock(&a), 0);
	TS_EXPECT_EQ(ts_mutex_lock(&a), -EDEADLK);
	TS_EXPECT_EQ(ts_mutex_unlock(&a), 0);
	TS_EXPECT_EQ(ts_mutex_unlock(&a), -EPERM);
	TS_EXPECT_EQ(ts_mutex_lock(&r), 0);
	TS_EXPECT_EQ(ts_mutex_lock(&r), 0); /* recursive */
	TS_EXPECT_EQ(ts_mutex_unlock(&r), 0);
	TS_EXPECT_EQ(ts_mutex_unlock(&r), 0);
	ts_thread_create(&t, NULL, hold_for_100ms, &a);
	ts_thread_yield(); /* let it take the mutex */
	TS_EXPECT_EQ(ts_mutex_trylock(&a), -EBUSY);
	uint64_t t0 = ts_plat_monotonic_ns();
	TS_EXPECT_EQ(ts_mutex_timedlock(&a, t0 + 10 * MS), -ETIMEDOUT);
	uint64_t waited = ts_plat_monotonic_ns() - t0;
	TS_EXPECT(waited >= 10 * MS && waited < 90 * MS); /* timed out, not woken by the unlock */
	TS_EXPECT_EQ(ts_mutex_timedlock(&a, ts_plat_monotonic_ns() + 500 * MS), 0);
	ts_mutex_unlock(&a);
	ts_thread_join(t, NULL);
}

TS_TEST(semaphore_and_timeouts)
{
	struct ts_sem s;
	struct ts_cond c;
	struct ts_mutex mx;
	ts_sem_init(&s, 1);
	TS_EXPECT_EQ(ts_sem_trywait(&s), 0);
	TS_EXPECT_EQ(ts_sem_trywait(&s), -EAGAIN);
	uint64_t t0 = ts_plat_monotonic_ns();
	TS_EXPECT_EQ(ts_sem_timedwait(&s, t0 + 5 * MS), -ETIMEDOUT);
	TS_EXPECT(ts_plat_monotonic_ns() - t0 >= 5 * MS);
	ts_sem_post(&s);
	TS_EXPECT_EQ(ts_sem_wait(&s), 0);
	ts_cond_init(&c);
	ts_mutex_init(&mx, 0);
	TS_EXPECT_EQ(ts_cond_wait(&c, &mx), -EPERM); /* mutex not held */
	ts_mutex_lock(&mx);
	t0 = ts_plat_monotonic_ns();
	TS_EXPECT_EQ(ts_cond_timedwait(&c, &mx, t0 + 5 * MS), -ETIMEDOUT);
	TS_EXPECT(mx.owner == ts_thread_self()); /* held again after the timeout */
	ts_mutex_unlock(&mx);
}

static struct ts_rwlock rw;
static int readers_inside, max_readers_inside;

static void reader(void *arg)
{
	ts_rwlock_rdlock(&rw);
	if (++readers_inside > max_readers_inside)
		max_readers_inside = readers_inside;
	ts_thread_sleep_ns(5 * MS);
	readers_inside--;
	ts_rwlock_unlock(&rw);
	(void)arg;
}

TS_TEST(rwlock_shares_and_excludes)
{
	struct ts_thread *t[3];
	ts_rwlock_init(&rw);
	for (int i = 0; i < 3; i++)
		ts_thread_create(&t[i], NULL, reader, NULL);
	ts_thread_yield();
	TS_EXPECT_EQ(ts_rwlock_trywrlock(&rw), -EBUSY);
	TS_EXPECT_EQ(ts_rwlock_timedwrlock(&rw, ts_plat_monotonic_ns() + MS), -ETIMEDOUT);
	TS_EXPECT_EQ(ts_rwlock_wrlock(&rw), 0); /* after the readers */
	TS_EXPECT_EQ(readers_inside, 0);
	TS_EXPECT_EQ(ts_rwlock_tryrdlock(&rw), -EBUSY);
	uint64_t t0 = ts_plat_monotonic_ns();
	TS_EXPECT_EQ(ts_rwlock_timedrdlock(&rw, t0 + MS), -ETIMEDOUT);
	TS_EXPECT(ts_plat_monotonic_ns() - t0 >= MS);
	TS_EXPECT_EQ(ts_rwlock_unlock(&rw), 0);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_EQ(max_readers_inside, 3);
	TS_EXPECT_EQ(ts_rwlock_unlock(&rw), -EPERM);
}

static struct ts_cond gate;
static struct ts_mutex gate_mx;
static int gate_open, passed_gate;

static void wait_at_gate(void *arg)
{
	ts_mutex_lock(&gate_mx);
	while (!gate_open)
		ts_cond_wait(&gate, &gate_mx);
	passed_gate++;
	ts_mutex_unlock(&gate_mx);
	(void)arg;
}

/* One broadcast wakes every waiter; a signal would wake one. */
TS_TEST(cond_broadcast_wakes_all)
{
	struct ts_thread *t[4];
	ts_cond_init(&gate);
	ts_mutex_init(&gate_mx, 0);
	gate_open = passed_gate = 0;
	for (int i = 0; i < 4; i++)
		ts_thread_create(&t[i], NULL, wait_at_gate, NULL);
	ts_thread_sleep_ns(MS); /* all four wait now */
	TS_EXPECT_EQ(passed_gate, 0);
	ts_mutex_lock(&gate_mx);
	gate_open = 1;
	ts_cond_broadcast(&gate);
	ts_mutex_unlock(&gate_mx);
	for (int i = 0; i < 4; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_EQ(passed_gate, 4);
}

TS_TEST(spinlock)
{
	struct ts_spinlock l = TS_SPINLOCK_INIT;
	ts_spin_lock(&l);
	TS_EXPECT(ts_spin_trylock(&l) < 0);
	ts_spin_unlock(&l);
	TS_EXPECT_EQ(ts_spin_trylock(&l), 0);
	ts_spin_unlock(&l);
}

TS_TESTSUITE(lock, producer_consumer, mutex_rules_and_timeout, semaphore_and_timeouts,
	     rwlock_shares_and_excludes, cond_broadcast_wakes_all, spinlock);
