/* sched_test.c: in-kernel tests of threads, switching, joining and sleeping. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ts/arch/context.h>
#include <ts/plat/time.h>
#include <ts/sched.h>
#include <ts/test.h>

static int order[8], norder;

static void record(void *arg)
{
	for (int i = 0; i < 2; i++) {
		order[norder++] = (int)(intptr_t)arg + i * 10;
		ts_thread_yield();
	}
}

/* Two threads yielding to each other interleave strictly (round robin). */
TS_TEST(ping_pong)
{
	struct ts_thread *a, *b;
	norder = 0;
	TS_EXPECT_EQ(ts_thread_create(&a, NULL, record, (void *)1), 0);
	TS_EXPECT_EQ(ts_thread_create(&b, NULL, record, (void *)2), 0);
	TS_EXPECT_EQ(ts_thread_join(a, NULL), 0);
	TS_EXPECT_EQ(ts_thread_join(b, NULL), 0);
	TS_EXPECT_EQ(norder, 4);
	TS_EXPECT(order[0] == 1 && order[1] == 2 && order[2] == 11 && order[3] == 12);
}

static void add_one(void *arg)
{
	(*(long *)arg)++;
}

/* 10,000 threads, 100 alive at a time: created, run and joined. */
TS_TEST(ten_thousand_threads)
{
	static struct ts_thread *t[100];
	long ran = 0;
	int created = 0, joined = 0;
	for (int round = 0; round < 100; round++) {
		for (int i = 0; i < 100; i++)
			created += ts_thread_create(&t[i], NULL, add_one, &ran) == 0;
		for (int i = 0; i < 100; i++)
			joined += ts_thread_join(t[i], NULL) == 0;
	}
	TS_EXPECT_EQ(created, 10000);
	TS_EXPECT_EQ(joined, 10000);
	TS_EXPECT_EQ(ran, 10000);
}

static void exit_early(void *arg)
{
	ts_thread_exit(arg);
}

TS_TEST(exit_value_and_join_errors)
{
	struct ts_thread *t;
	void *ret = NULL;
	TS_EXPECT_EQ(ts_thread_create(&t, NULL, exit_early, (void *)0x5eed), 0);
	TS_EXPECT_EQ(ts_thread_join(t, &ret), 0);
	TS_EXPECT_EQ((uintptr_t)ret, 0x5eed);
	TS_EXPECT_EQ(ts_thread_join(ts_thread_self(), NULL), -EINVAL);
	TS_EXPECT_EQ(ts_thread_create(NULL, NULL, NULL, NULL), -EINVAL);
	long ran = 0;
	TS_EXPECT_EQ(ts_thread_create(NULL, NULL, add_one, &ran), 0); /* detached */
	ts_thread_yield();
	TS_EXPECT_EQ(ran, 1);
}

/* Detaching before the thread ran, or after it exited: either way it runs,
 * and it can no longer be joined or detached again. */
TS_TEST(detach)
{
	struct ts_thread *t;
	long ran = 0;
	TS_EXPECT_EQ(ts_thread_create(&t, NULL, add_one, &ran), 0);
	TS_EXPECT_EQ(ts_thread_detach(t), 0);
	TS_EXPECT_EQ(ts_thread_detach(t), -EINVAL);
	TS_EXPECT_EQ(ts_thread_join(t, NULL), -EINVAL);
	ts_thread_yield();
	TS_EXPECT_EQ(ran, 1);
	TS_EXPECT_EQ(ts_thread_create(&t, NULL, add_one, &ran), 0);
	ts_thread_yield(); /* it runs and exits, joinable */
	TS_EXPECT_EQ(ran, 2);
	TS_EXPECT_EQ(ts_thread_detach(t), 0); /* frees it */
	TS_EXPECT_EQ(ts_thread_detach(NULL), -EINVAL);
}

static void check_name(void *arg)
{
	*(int *)arg = !strcmp(ts_thread_name(ts_thread_self()), "worker-7");
}

TS_TEST(names_and_thread_storage)
{
	struct ts_thread *t;
	int ok = 0;
	unsigned int key;
	struct ts_thread_attr attr = { .name = "worker-7", .stack_size = 8192 };
	TS_EXPECT_EQ(ts_thread_create(&t, &attr, check_name, &ok), 0);
	ts_thread_join(t, NULL);
	TS_EXPECT(ok);
	TS_EXPECT_STREQ(ts_thread_name(ts_thread_self()), "main");
	TS_EXPECT_EQ(ts_tls_key_create(&key), 0);
	TS_EXPECT_NULL(ts_tls_get(key));
	ts_tls_set(key, &ok);
	TS_EXPECT(ts_tls_get(key) == &ok);
}

/* Sleep accuracy: never early, and not grossly late. The bound is loose on
 * purpose (a busy host may hold the vCPU back for milliseconds); how late
 * a sleep really is is measured by bench/threads.sh. */
TS_TEST(sleep_accuracy)
{
	for (int i = 0; i < 3; i++) {
		uint64_t t0 = ts_plat_monotonic_ns();
		ts_thread_sleep_ns(10000000);
		uint64_t dt = ts_plat_monotonic_ns() - t0;
		TS_EXPECT(dt >= 10000000);
		TS_EXPECT(dt < 60000000);
	}
}

static void sleeper(void *arg)
{
	ts_thread_sleep_ns((uint64_t)(uintptr_t)arg * 1000000);
	order[norder++] = (int)(uintptr_t)arg;
}

/* Sleepers wake in deadline order, whatever order they went to sleep in. */
TS_TEST(sleepers_wake_in_order)
{
	struct ts_thread *t[3];
	norder = 0;
	ts_thread_create(&t[0], NULL, sleeper, (void *)30);
	ts_thread_create(&t[1], NULL, sleeper, (void *)10);
	ts_thread_create(&t[2], NULL, sleeper, (void *)20);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT(order[0] == 10 && order[1] == 20 && order[2] == 30);
}

static double fpu_result;

static void fpu_worker(void *arg)
{
	double x = *(double *)arg;
	for (int i = 0; i < 100; i++) {
		x = x * 1.5 + 0.25;
		ts_thread_yield(); /* the other thread uses the FPU in between */
	}
	*(double *)arg = x;
}

/* SSE state is per thread: interleaved computations do not disturb each other. */
TS_TEST(fpu_state_per_thread)
{
	struct ts_thread *a, *b;
	double x = 1.0, y = 2.0, rx = 1.0, ry = 2.0;
	for (int i = 0; i < 100; i++) {
		rx = rx * 1.5 + 0.25;
		ry = ry * 1.5 + 0.25;
	}
	ts_thread_create(&a, NULL, fpu_worker, &x);
	ts_thread_create(&b, NULL, fpu_worker, &y);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	fpu_result = x;
	TS_EXPECT(x == rx && y == ry);
}

static volatile int napper_done;

static void napper(void *arg)
{
	(void)arg;
	usleep(20000);
	napper_done = 1;
}

/* The C library's usleep puts only the calling thread to sleep. */
TS_TEST(usleep_sleeps_one_thread)
{
	struct ts_thread *t;
	long spins = 0;
	napper_done = 0;
	ts_thread_create(&t, NULL, napper, NULL);
	while (!napper_done) {
		spins++;
		ts_thread_yield();
	}
	ts_thread_join(t, NULL);
	TS_EXPECT(spins > 10);
}

typedef double v4df __attribute__((vector_size(32)));
static v4df avx_out[2];

/* 256-bit registers live across the yields: each thread's must survive. */
__attribute__((target("avx"), noinline)) static void avx_worker(void *arg)
{
	int id = (int)(uintptr_t)arg;
	v4df x = { id + 1.0, id + 2.0, id + 3.0, id + 4.0 };
	for (int i = 0; i < 50; i++) {
		x = x * 1.5 + 0.25;
		__asm__ volatile("" : "+x"(x)); /* keep it in a ymm register */
		ts_thread_yield();
	}
	avx_out[id] = x;
}

TS_TEST(avx_state_per_thread)
{
	struct ts_thread *a, *b;
	if (!ts_arch_avx_enabled()) {
		printf("    (no AVX here: skipped)\n");
		return;
	}
	ts_thread_create(&a, NULL, avx_worker, (void *)0);
	ts_thread_create(&b, NULL, avx_worker, (void *)1);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	for (int id = 0; id < 2; id++)
		for (int lane = 0; lane < 4; lane++) { /* lanes 2, 3: the upper, AVX-only half */
			double want = id + lane + 1.0;
			for (int i = 0; i < 50; i++)
				want = want * 1.5 + 0.25;
			TS_EXPECT(avx_out[id][lane] == want);
		}
}


/* attr.stack_top: the thread runs on the caller's memory, which lib/sched
 * leaves alone when the thread ends; exit hooks run in the ending thread. */
static _Alignas(16) char own_stack[16384];
static struct ts_thread *hooked;
static int hook_calls;

static void on_stack(void *arg)
{
	char here;
	*(int *)arg = &here > own_stack && &here < own_stack + sizeof(own_stack);
}

static void count_exit(struct ts_thread *self)
{
	if (self == hooked)
		hook_calls++;
}

TS_TEST(caller_stack_and_exit_hook)
{
	int on = 0;
	struct ts_thread_attr attr = { .name = "own-stack", .stack_top = own_stack + sizeof(own_stack) };
	TS_EXPECT_EQ(ts_thread_add_exit_hook(count_exit), 0);
	TS_EXPECT_EQ(ts_thread_add_exit_hook(count_exit), 0); /* once only */
	TS_EXPECT_EQ(ts_thread_create(&hooked, &attr, on_stack, &on), 0);
	TS_EXPECT_EQ(ts_thread_join(hooked, NULL), 0);
	TS_EXPECT(on);
	TS_EXPECT_EQ(hook_calls, 1);
	TS_EXPECT(ts_sched_main_thread() == ts_thread_self()); /* the tests run in main */
}

TS_TESTSUITE(sched, ping_pong, ten_thousand_threads, exit_value_and_join_errors, detach,
	     names_and_thread_storage, sleep_accuracy, sleepers_wake_in_order, fpu_state_per_thread,
	     avx_state_per_thread, usleep_sleeps_one_thread,
	     caller_stack_and_exit_hook);
