/* main.c: threadbench — prints "switch_ns N", "create_join_ns N" and
 * "wake_latency_us N" (medians), for bench/threads.sh to read. */
#include <stdio.h>
#include <stdlib.h>
#include <ts/arch/privcall.h>
#include <ts/plat/time.h>
#include <ts/sched.h>

#define SWITCHES 200000
#define THREADS 2000
#define SLEEPS 101

static void yielder(void *arg)
{
	for (long i = 0; i < (long)(uintptr_t)arg; i++)
		ts_thread_yield();
}

static uint64_t busy_until;

static void spin(void *arg)
{
	(void)arg;
	while (ts_plat_monotonic_ns() < busy_until)
		;
}

static void nothing(void *arg)
{
	(void)arg;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	struct ts_thread *a, *b;
	uint64_t t0 = ts_plat_monotonic_ns();
	ts_thread_create(&a, NULL, yielder, (void *)(uintptr_t)(SWITCHES / 2));
	ts_thread_create(&b, NULL, yielder, (void *)(uintptr_t)(SWITCHES / 2));
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	printf("switch_ns %lu\n", (unsigned long)((ts_plat_monotonic_ns() - t0) / SWITCHES));

	t0 = ts_plat_monotonic_ns();
	for (int i = 0; i < THREADS; i++) {
		ts_thread_create(&a, NULL, nothing, NULL);
		ts_thread_join(a, NULL);
	}
	printf("create_join_ns %lu\n", (unsigned long)((ts_plat_monotonic_ns() - t0) / THREADS));

	static uint64_t late[SLEEPS];
	for (int i = 0; i < SLEEPS; i++) {
		uint64_t deadline = ts_plat_monotonic_ns() + 1000000;
		ts_thread_sleep_until(deadline);
		late[i] = ts_plat_monotonic_ns() - deadline;
	}
	qsort(late, SLEEPS, sizeof(late[0]), cmp);
	printf("wake_latency_us %lu.%03lu\n", (unsigned long)(late[SLEEPS / 2] / 1000),
	       (unsigned long)(late[SLEEPS / 2] % 1000));

	/* Traps into ring 0 over one idle second and one busy second. */
	uint64_t e0 = ts_ring0_entries;
	ts_thread_sleep_ns(1000000000);
	uint64_t e1 = ts_ring0_entries;
	/* busy: two threads spinning for the same second (under a preemptive
	 * scheduler they share it in slices) */
	busy_until = ts_plat_monotonic_ns() + 1000000000;
	ts_thread_create(&a, NULL, spin, NULL);
	ts_thread_create(&b, NULL, spin, NULL);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	printf("ring0_idle_per_s %lu\nring0_busy_per_s %lu\n", (unsigned long)(e1 - e0),
	       (unsigned long)(ts_ring0_entries - e1));
	return 0;
}
