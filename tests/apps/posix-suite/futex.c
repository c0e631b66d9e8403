/*
 * futex.c: the "futex" area — the futex system call used directly: value
 * mismatch, timeouts, wake counts, requeue, bitsets, bad arguments. The
 * waiters are threads; a wake is retried until a waiter is really asleep.
 */
#include "suite.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The futex ABI's numbers (Linux's uapi), spelled here: musl installs no
 * <linux/futex.h>. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

static long futex(void *uaddr, int op, int val, const void *timeout_or_val2, void *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

static _Alignas(8) int word, word2;
static int woken;

static void *waiter(void *arg)
{
	(void)arg;
	/* A spurious return (0 with the word unchanged) waits again. */
	while (AT_LOAD(&word) == 0) {
		long r = futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		if (r == -1 && errno != EAGAIN && errno != EINTR)
			return (void *)(intptr_t)errno;
	}
	AT_ADD(&woken, 1);
	return NULL;
}

static void *waiter_once(void *arg)
{
	long r = futex(arg, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	AT_ADD(&woken, 1);
	return (void *)(intptr_t)(r == 0 ? 0 : errno);
}

/* Wake up to n waiters of w until one wake reports some, or 5 s pass:
 * the total woken. */
static long wake_until(int *w, int n, int want)
{
	long total = 0;
	int64_t t0 = now_ns();
	while (total < want && now_ns() - t0 < 5000000000) {
		long r = futex(w, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
		if (r < 0)
			return r;
		total += r;
		if (total < want)
			sleep_ms(2);
	}
	return total;
}

void area_futex(void)
{
	struct timespec t = { 0, 20000000 };
	word = 1;
	ck("FUTEX_WAIT, value differs", futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0));
	ck("FUTEX_WAIT_PRIVATE, value differs", futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
	int64_t t0 = now_ns();
	ck("FUTEX_WAIT 20 ms, nobody wakes", futex(&word, FUTEX_WAIT_PRIVATE, 1, &t, NULL, 0));
	int64_t d = now_ns() - t0;
	yes("it waited 20 ms .. 2 s", d >= 20000000 && d < 2000000000);
	ck("FUTEX_WAKE, no waiters", futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0));
	ck("FUTEX_WAKE_PRIVATE INT_MAX, no waiters", futex(&word, FUTEX_WAKE_PRIVATE, 0x7fffffff, NULL, NULL, 0));
	t = (struct timespec){ 0, 1000000000 };
	ck("FUTEX_WAIT, tv_nsec = 1e9", futex(&word, FUTEX_WAIT_PRIVATE, 1, &t, NULL, 0));
	t = (struct timespec){ -1, 0 };
	ck("FUTEX_WAIT, tv_sec = -1", futex(&word, FUTEX_WAIT_PRIVATE, 1, &t, NULL, 0));
	ck("FUTEX_WAIT, unaligned address", futex((char *)&word + 1, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
	ck("FUTEX_WAKE, unaligned address", futex((char *)&word + 1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
	ck("FUTEX_WAIT, NULL address", futex(NULL, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
	ck("FUTEX_WAIT, a wild address", futex((void *)16, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
	ck("operation 99", futex(&word, 99, 1, NULL, NULL, 0));
	ck("FUTEX_WAIT_BITSET, bitset 0", futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL, NULL, 0));
	t = (struct timespec){ 0, 0 };
	ck("FUTEX_WAIT_BITSET, absolute deadline in the past", futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, &t, NULL, -1));
	struct timespec abs;
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 10000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	ck("FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 10 ms ahead",
	   futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, -1));
	ck("FUTEX_WAKE_BITSET, bitset 0", futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0));
	ck("FUTEX_CMP_REQUEUE, value differs", futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &word2, 0));
	ck("FUTEX_CMP_REQUEUE, no waiters", futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &word2, 1));
	ck("FUTEX_CMP_REQUEUE, negative count", futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, -1, (void *)1, &word2, 1));

	/* one waiter, woken */
	pthread_t ts[3];
	word = 0;
	AT_STORE(&woken, 0);
	if (!ckerr("a waiting thread", pthread_create(&ts[0], NULL, waiter_once, &word))) {
		ck("FUTEX_WAKE wakes it (count)", wake_until(&word, 1, 1));
		void *r;
		pthread_join(ts[0], &r);
		ckerr("its FUTEX_WAIT returned", (int)(intptr_t)r);
	} else {
		notrun("FUTEX_WAKE wakes it (count)", "no thread");
		notrun("its FUTEX_WAIT returned", "no thread");
	}

	/* three waiters, a wake of 2, then the rest */
	word = 0;
	AT_STORE(&woken, 0);
	int made = 0;
	for (int i = 0; i < 3; i++)
		if (!pthread_create(&ts[made], NULL, waiter_once, &word))
			made++;
	if (made == 3) {
		sleep_ms(50); /* all three asleep in the kernel by now, on any sane scheduler */
		ck("FUTEX_WAKE 2 of 3 waiters", futex(&word, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0));
		sleep_ms(20);
		say("woken so far", "%d", AT_LOAD(&woken));
		ck("FUTEX_WAKE the rest (INT_MAX)", wake_until(&word, 0x7fffffff, 1));
		for (int i = 0; i < 3; i++)
			pthread_join(ts[i], NULL);
		say("woken in all", "%d", AT_LOAD(&woken));
	} else {
		word = 1;
		wake_until(&word, 0x7fffffff, made);
		for (int i = 0; i < made; i++)
			pthread_join(ts[i], NULL);
		for (int i = 0; i < 4; i++)
			notrun("FUTEX_WAKE of 3 waiters", "threads missing");
	}

	/* requeue: two waiters on word moved to word2, woken there */
	word = 0;
	word2 = 0;
	AT_STORE(&woken, 0);
	made = 0;
	for (int i = 0; i < 2; i++)
		if (!pthread_create(&ts[made], NULL, waiter_once, &word))
			made++;
	if (made == 2) {
		sleep_ms(50);
		ck("FUTEX_CMP_REQUEUE: wake 0, move 2", futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2, &word2, 0));
		ck("FUTEX_WAKE on the old word", futex(&word, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0));
		ck("FUTEX_WAKE on the new word", wake_until(&word2, 2, 2));
		for (int i = 0; i < 2; i++)
			pthread_join(ts[i], NULL);
		say("woken", "%d", AT_LOAD(&woken));
	} else {
		wake_until(&word, 0x7fffffff, made);
		for (int i = 0; i < made; i++)
			pthread_join(ts[i], NULL);
		for (int i = 0; i < 4; i++)
			notrun("FUTEX_CMP_REQUEUE", "threads missing");
	}

	/* the waiter that loops on its word, released by a store and a wake */
	word = 0;
	AT_STORE(&woken, 0);
	if (!pthread_create(&ts[0], NULL, waiter, NULL)) {
		sleep_ms(20);
		AT_STORE(&word, 1);
		futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		void *r;
		pthread_join(ts[0], &r);
		ckerr("store + FUTEX_WAKE releases a looping waiter", (int)(intptr_t)r);
	} else {
		notrun("store + FUTEX_WAKE releases a looping waiter", "no thread");
	}
}
