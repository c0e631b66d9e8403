/* posix_thread_test.c: in-kernel tests of lib/posix-thread — thread ids, clone and its flags, futex waits ended by ts_thread_interrupt (the contract for the signal library). */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/context.h>
#include <ts/posix_thread.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

static long futex(uint32_t *uaddr, int op, uint32_t val)
{
	return __tessera_syscall(TS_NR_futex, (long)uaddr, op, val, 0, 0, 0);
}

static int seen_tid;
static struct ts_thread *seen_found;

static void tid_of_thread(void *arg)
{
	(void)arg;
	seen_tid = ts_posix_gettid();
	seen_found = ts_posix_thread_find(seen_tid);
}

/* main is 1; another lib/sched thread gets its own id on first use, which
 * finds it while it lives and nothing once it has ended. */
TS_TEST(thread_ids)
{
	struct ts_thread *t;
	TS_EXPECT_EQ(ts_posix_gettid(), 1);
	TS_EXPECT_EQ(__tessera_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0), 1);
	TS_EXPECT(ts_posix_thread_find(1) == ts_thread_self());
	TS_EXPECT_EQ(ts_thread_create(&t, NULL, tid_of_thread, NULL), 0);
	TS_EXPECT_EQ(ts_thread_join(t, NULL), 0);
	TS_EXPECT(seen_tid > 1);
	TS_EXPECT(seen_found == t);
	TS_EXPECT_NULL(ts_posix_thread_find(seen_tid));
	TS_EXPECT_NULL(ts_posix_thread_find(0));
	TS_EXPECT_NULL(ts_posix_thread_find(-5));
}

static uint32_t word;
static long wait_result;
static struct ts_thread *waiter;

static void futex_waiter(void *arg)
{
	(void)arg;
	wait_result = futex(&word, FUTEX_WAIT, 0);
}

/* A futex wait is interruptible: ts_thread_interrupt ends it with -EINTR
 * (what a signal does); a wake that came first wins, and the interrupt is
 * kept for the next wait. */
TS_TEST(futex_wait_interrupted)
{
	word = 0;
	wait_result = 1;
	TS_EXPECT_EQ(ts_thread_create(&waiter, NULL, futex_waiter, NULL), 0);
	ts_thread_yield(); /* it blocks */
	TS_EXPECT_EQ(wait_result, 1);
	ts_thread_interrupt(waiter);
	TS_EXPECT_EQ(ts_thread_join(waiter, NULL), 0);
	TS_EXPECT_EQ(wait_result, -EINTR);

	wait_result = 1;
	TS_EXPECT_EQ(ts_thread_create(&waiter, NULL, futex_waiter, NULL), 0);
	ts_thread_yield();
	TS_EXPECT_EQ(futex(&word, FUTEX_WAKE, 1), 1);
	ts_thread_interrupt(waiter); /* after the wake, before it runs */
	TS_EXPECT_EQ(ts_thread_join(waiter, NULL), 0);
	TS_EXPECT_EQ(wait_result, 0);
}

static int child_ran;
static uint64_t child_tp;
static _Alignas(64) char fake_tls[64];

static int clone_child(void *arg)
{
	child_ran = (int)(intptr_t)arg;
	child_tp = ts_arch_get_tp();
	return 0;
}

static _Alignas(16) char child_stack[16384];

/* clone as musl's pthread_create calls it, and the flag sets it refuses. */
TS_TEST(clone_flags_and_ids)
{
	const int thread = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000; /* VM FS FILES SIGHAND THREAD SYSVSEM */
	int ptid = 0, ctid = -1;
	TS_EXPECT_EQ(__tessera_clone(clone_child, child_stack + sizeof child_stack, 0x4000 | 0x100 | 17, NULL,
				     NULL, NULL, NULL), -ENOSYS); /* vfork-like */
	TS_EXPECT_EQ(__tessera_clone(clone_child, child_stack + sizeof child_stack, thread | 0x8000000 /* NEWNS */,
				     NULL, NULL, NULL, NULL), -EINVAL);
	TS_EXPECT_EQ(__tessera_clone(clone_child, NULL, thread, NULL, NULL, NULL, NULL), -EINVAL);
	TS_EXPECT_EQ(__tessera_clone(clone_child, child_stack + sizeof child_stack, thread | 0x100000, NULL,
				     (int *)(uintptr_t)0xffff888000000000ull, NULL, NULL), -EFAULT);

	/* SETTLS | PARENT_SETTID | CHILD_CLEARTID, and wait as pthread_join does */
	uint64_t tp = ts_arch_get_tp();
	int tid = __tessera_clone(clone_child, child_stack + sizeof child_stack,
				  thread | 0x80000 | 0x100000 | 0x200000, (void *)7, &ptid, fake_tls, &ctid);
	TS_EXPECT(tid > 1);
	TS_EXPECT_EQ(ptid, tid);
	TS_EXPECT(ts_posix_thread_find(tid) != NULL);
	while (__atomic_load_n(&ctid, __ATOMIC_SEQ_CST))
		futex((uint32_t *)&ctid, FUTEX_WAIT, (uint32_t)ctid);
	TS_EXPECT_EQ(child_ran, 7);
	TS_EXPECT(child_tp == (uintptr_t)fake_tls); /* its own thread pointer ... */
	TS_EXPECT(ts_arch_get_tp() == tp);         /* ... and ours unchanged */
	TS_EXPECT_NULL(ts_posix_thread_find(tid));
}

TS_TESTSUITE(posix_thread, thread_ids, futex_wait_interrupted, clone_flags_and_ids);
