/*
 * posix-bench.c: prints "key value" lines (nanoseconds per operation) for
 * bench/posix.sh: a plain function call (the floor), getppid through the
 * C library's syscall(), pthread_create+join, and a two-thread ping-pong
 * over one mutex and a condition variable. Timed with clock_gettime
 * (CLOCK_MONOTONIC) inside the program. Argument: iterations (default
 * 100000; create+join and the ping-pong use a tenth of it).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int64_t now(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return -1;
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* The floor: a call the compiler may not inline or drop. */
__attribute__((noinline)) static long plain(long x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static void *nothing(void *arg)
{
	return arg;
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;
static long rounds;

/* Each side waits for its turn, then hands the turn over: one handoff
 * per iteration and side. */
static void *pong(void *arg)
{
	int me = (int)(intptr_t)arg;
	pthread_mutex_lock(&m);
	for (long i = 0; i < rounds; i++) {
		while (turn != me)
			pthread_cond_wait(&cv, &m);
		turn = !me;
		pthread_cond_signal(&cv);
	}
	pthread_mutex_unlock(&m);
	return NULL;
}

static void result(const char *key, int64_t t0, int64_t t1, long n)
{
	if (t0 < 0 || t1 < 0 || n <= 0)
		printf("%s nan\n", key);
	else
		printf("%s %.2f\n", key, (double)(t1 - t0) / (double)n);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	long x = 0;
	int64_t t0 = now();
	for (long i = 0; i < n; i++)
		x = plain(x);
	result("call_ns", t0, now(), n);

	long r = syscall(SYS_getppid);
	printf("getppid_result %ld\n", r < 0 ? -1l : 0l);
	t0 = now();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	result("syscall_ns", t0, now(), n);

	long k = n / 10, made = 0;
	t0 = now();
	for (long i = 0; i < k; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, nothing, NULL))
			break;
		pthread_join(t, NULL);
		made++;
	}
	result("create_join_ns", t0, now(), made == k ? k : 0);

	rounds = k;
	turn = 0;
	pthread_t a, b;
	t0 = now();
	if (!pthread_create(&a, NULL, pong, (void *)0)) {
		if (!pthread_create(&b, NULL, pong, (void *)1)) {
			pthread_join(a, NULL);
			pthread_join(b, NULL);
			result("mutex_pingpong_ns", t0, now(), 2 * k);
		} else {
			/* the other side never comes: release the first */
			printf("mutex_pingpong_ns nan\n");
			return 0;
		}
	} else {
		printf("mutex_pingpong_ns nan\n");
	}
	return (int)(x & 0); /* x used: the floor loop is not dropped */
}
