/* clone.c: a thread's life — clone onto a lib/sched thread, the exit system call (the last thread ends the process), detached threads freeing their own stacks. */
#include <errno.h>
#include <string.h>
#include <ts/arch/context.h>
#include <ts/plat/lifecycle.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "thread_impl.h"

/* Linux's clone flags (include/uapi/linux/sched.h). */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000 /* ignored by Linux too */
#define CLONE_CHILD_SETTID   0x01000000
#define CSIGNAL              0x000000ff /* the exit signal: none for threads */

/* What makes a clone a thread in the same process: every pthread_create
 * (musl's, glibc's) passes all of these. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)
#define OPTIONAL_FLAGS (CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID)

static int live = 1;          /* Linux threads not ended: main + clones */
static int main_exited;       /* main called exit (not exit_group) ... */
static int main_status;       /* ... with this status */
static struct pthr *dead;     /* ended clones: record to free, stack to unmap */
static struct ts_waitq never = TS_WAITQ_INIT; /* where an ended main thread waits */

/* Free what ended threads left: they have switched away for good (one CPU,
 * and they end inside a critical section), so nothing runs on those stacks
 * any more. munmap is called outside any critical section: lib/posix-memory
 * may block. */
static void finish_dead(void)
{
	ts_sched_atomic_begin();
	struct pthr *list = dead;
	dead = NULL;
	ts_sched_atomic_end();
	while (list) {
		struct pthr *p = list;
		list = p->dead_next;
		if (p->unmap_size)
			__tessera_syscall(TS_NR_munmap, (long)p->unmap_base, (long)p->unmap_size, 0, 0, 0, 0);
		ts_sched_atomic_begin();
		pthr_free(p);
		ts_sched_atomic_end();
	}
}

/* The last thread ended: the process ends with the main thread's exit
 * status (Linux reports the thread-group leader's), as exit_group. */
static _Noreturn void end_process(int status)
{
	if (main_exited)
		status = main_status;
	__tessera_syscall(TS_NR_exit_group, status, 0, 0, 0, 0, 0);
	ts_plat_halt(status & 0xff); /* no exit_group linked: halt ourselves */
}

/* The exit system call for the calling thread. */
static _Noreturn void thread_end(int status)
{
	finish_dead();
	struct pthr *p = pthr_self();
	ts_sched_atomic_begin(); /* never ended: the thread is gone */
	if (!p) /* an unknown lib/sched thread and no memory to know it */
		ts_thread_exit((void *)(long)status);
	/* CHILD_CLEARTID / set_tid_address: musl's joiners (and its thread
	 * list lock) wait for this store and wake-up. */
	if (p->clear_tid && ts_user_ok(p->clear_tid, sizeof(int), 1)) {
		__atomic_store_n(p->clear_tid, 0, __ATOMIC_SEQ_CST);
		ts_futex_wake((uint32_t *)p->clear_tid, 1, ~0u);
	}
	p->clear_tid = NULL;
	if (p->linux_thread && --live == 0)
		end_process(status);
	if (pthr_is_main(p)) {
		/* lib/sched's boot context joins main's thread and ends the
		 * instance when it ends; Linux keeps the process while other
		 * threads run. So main's thread waits here, for good. */
		main_exited = 1;
		main_status = status;
		for (;;)
			ts_waitq_wait(&never, 0);
	}
	pthr_unhash(p);
	pthr_unbind();
	if (p->linux_thread) {
		p->dead_next = dead; /* freed by the next clone or exit */
		dead = p;
	} else {
		pthr_free(p);
	}
	ts_thread_exit((void *)(long)status);
}

TS_SYSCALL_DEFINE1(exit, "d:d", int, status)
{
	thread_end(status);
}

_Noreturn void __tessera_unmapself(void *base, size_t size)
{
	struct pthr *p = pthr_self();
	if (p && !pthr_is_main(p)) {
		p->unmap_base = base;
		p->unmap_size = size;
	}
	thread_end(0);
}

/* The new thread's first steps, on the stack clone was given. */
static void clone_entry(void *arg)
{
	struct pthr *p = arg;
	if (p->set_tls)
		ts_arch_set_tp(p->tls); /* checked by clone: cannot fail */
	pthr_bind(p);
	thread_end(p->func(p->arg));
}

/* "pthread-TID", for crash reports (lib/sched copies it). */
static const char *thread_name(char buf[24], int tid)
{
	char digits[12];
	int n = 0, i = 0;
	do
		digits[n++] = (char)('0' + tid % 10);
	while ((tid /= 10) && n < 11);
	memcpy(buf, "pthread-", 8);
	i = 8;
	while (n)
		buf[i++] = digits[--n];
	buf[i] = 0;
	return buf;
}

int __tessera_clone(int (*func)(void *), void *stack, int flags, void *arg, int *ptid, void *tls,
		    int *ctid)
{
	unsigned int f = (unsigned int)flags;
	struct ts_thread *t;
	struct pthr *p;
	int err;
	if ((f & THREAD_FLAGS) != THREAD_FLAGS || (f & CSIGNAL)) {
		ts_pr_warn("clone: flags %#x make a new process (fork, vfork, spawn): ENOSYS, "
			   "an instance has one process; only threads can be made\n", f);
		return -ENOSYS;
	}
	if (f & ~(THREAD_FLAGS | OPTIONAL_FLAGS)) {
		ts_pr_warn("clone: unknown or unsupported flags %#x: EINVAL\n", f & ~(THREAD_FLAGS | OPTIONAL_FLAGS));
		return -EINVAL;
	}
	if (!func || !stack)
		return -EINVAL;
	if ((f & CLONE_PARENT_SETTID) && !ts_user_ok(ptid, sizeof(*ptid), 1))
		return -EFAULT;
	if ((f & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) && !ts_user_ok(ctid, sizeof(*ctid), 1))
		return -EFAULT;
	if ((f & CLONE_SETTLS) && (uintptr_t)tls >= TS_USER_TOP)
		return -EPERM; /* what ARCH_SET_FS says to such an address */
	pthr_self(); /* the parent has an id before its child (main is 1) */
	finish_dead();

	ts_sched_atomic_begin(); /* the child runs only once it is complete */
	p = pthr_alloc(&err);
	if (!p) {
		ts_sched_atomic_end();
		return err;
	}
	p->func = func;
	p->arg = arg;
	p->tls = (uintptr_t)tls;
	p->set_tls = !!(f & CLONE_SETTLS);
	p->linux_thread = 1;
	if (f & CLONE_CHILD_CLEARTID)
		p->clear_tid = ctid;
	char name[24];
	struct ts_thread_attr attr = { .name = thread_name(name, p->tid), .stack_top = stack };
	err = ts_thread_create(&t, &attr, clone_entry, p);
	if (err < 0) {
		pthr_unhash(p);
		pthr_free(p);
		ts_sched_atomic_end();
		return err;
	}
	ts_thread_detach(t); /* freed by lib/sched when it ends; joins are musl's */
	p->t = t;
	live++;
	if (f & CLONE_PARENT_SETTID)
		*ptid = p->tid;
	if (f & CLONE_CHILD_SETTID)
		*ctid = p->tid;
	err = p->tid;
	ts_sched_atomic_end();
	return err;
}
