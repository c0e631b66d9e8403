/* preempt_test.c: a thread that never yields is preempted, so another one
 * still makes progress; priorities order who runs. */
#include <stdio.h>
#include <ts/plat/time.h>
#include <ts/sched.h>
#include <ts/test.h>

static volatile long ticks;
static volatile int stop;

static void ticker(void *arg)
{
	(void)arg;
	while (!stop) {
		ticks++;
		ts_thread_sleep_ns(5000000);
	}
}

static void spinner(void *arg)
{
	uint64_t end = ts_plat_monotonic_ns() + (uint64_t)(uintptr_t)arg;
	while (ts_plat_monotonic_ns() < end)
		; /* busy, never yields */
}

TS_TEST(busy_thread_is_preempted)
{
	struct ts_thread *t, *s;
	if (!ts_sched_preemptive()) {
		printf("    (no timer interrupts on this platform: threads are cooperative, skipped)\n");
		return;
	}
	ticks = 0;
	stop = 0;
	ts_thread_create(&t, NULL, ticker, NULL);
	ts_thread_create(&s, NULL, spinner, (void *)(uintptr_t)300000000); /* 300 ms */
	ts_thread_join(s, NULL); /* main blocks; spinner and ticker share the CPU */
	long during = ticks;
	printf("    ticker ran %ld times during the 300 ms busy loop\n", during);
	stop = 1;
	ts_thread_join(t, NULL);
	TS_EXPECT(during >= 10); /* ~60 if every 5 ms sleep ends on time */
}

static volatile int order[4], norder;

static void note(void *arg)
{
	order[norder++] = (int)(uintptr_t)arg;
}

TS_TEST(higher_priority_runs_first)
{
	struct ts_thread *t[3];
	struct ts_thread_attr lo = { .name = "lo", .prio = 1 }, hi = { .name = "hi", .prio = 5 },
			      mid = { .name = "mid", .prio = 3 };
	norder = 0;
	ts_thread_create(&t[0], &lo, note, (void *)1);
	ts_thread_create(&t[1], &hi, note, (void *)5);
	ts_thread_create(&t[2], &mid, note, (void *)3);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT(order[0] == 5 && order[1] == 3 && order[2] == 1);
}

TS_TESTSUITE(schedpreempt, busy_thread_is_preempted, higher_priority_runs_first);
