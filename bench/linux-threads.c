/* linux-threads.c: the Linux reference for bench/threads.sh — two threads
 * ping-ponging over a futex (ns per switch), pthread_create + join (ns),
 * and the lateness of a 1 ms clock_nanosleep (median, us). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sched.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 20000
#define THREADS 2000
#define SLEEPS 101

static _Atomic int turn; /* 0: ping's turn, 1: pong's */

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void futex_wait(_Atomic int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(_Atomic int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *pong(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		while (turn != 1)
			futex_wait(&turn, 0);
		turn = 0;
		futex_wake(&turn);
	}
	return arg;
}

static void *nothing(void *arg)
{
	return arg;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	pthread_t t;
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one); /* both threads on one core, like the guest */
	pthread_create(&t, NULL, pong, NULL);
	uint64_t t0 = now_ns();
	for (int i = 0; i < ROUNDS; i++) {
		turn = 1;
		futex_wake(&turn);
		while (turn != 0)
			futex_wait(&turn, 1);
	}
	printf("switch_ns %lu\n", (unsigned long)((now_ns() - t0) / (2 * ROUNDS)));
	pthread_join(t, NULL);

	t0 = now_ns();
	for (int i = 0; i < THREADS; i++) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	printf("create_join_ns %lu\n", (unsigned long)((now_ns() - t0) / THREADS));

	static uint64_t late[SLEEPS];
	for (int i = 0; i < SLEEPS; i++) {
		struct timespec d;
		uint64_t deadline = now_ns() + 1000000;
		d.tv_sec = (time_t)(deadline / 1000000000u);
		d.tv_nsec = (long)(deadline % 1000000000u);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &d, NULL);
		late[i] = now_ns() - deadline;
	}
	qsort(late, SLEEPS, sizeof(late[0]), cmp);
	printf("wake_latency_us %lu.%03lu\n", (unsigned long)(late[SLEEPS / 2] / 1000),
	       (unsigned long)(late[SLEEPS / 2] % 1000));
	return 0;
}
