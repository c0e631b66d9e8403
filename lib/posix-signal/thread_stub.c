/* thread_stub.c: TEMPORARY weak stand-ins for lib/posix-thread (thread ids: one thread, id 1; clone: ENOSYS), until helper "thread"'s versions land; theirs replace these. */
#include <stddef.h>
#include <ts/posix_thread.h>
#include <ts/sched.h>

static struct ts_thread *first;

/* The first thread to ask is taken for the main thread. */
__attribute__((weak)) int ts_posix_gettid(void)
{
	if (!first)
		first = ts_thread_self();
	return 1;
}

__attribute__((weak)) struct ts_thread *ts_posix_thread_find(int tid)
{
	if (!first)
		first = ts_thread_self();
	return tid == 1 ? first : NULL;
}

/* musl's timer_create links pthread_create (for SIGEV_THREAD), which needs
 * these two; lib/posix-thread defines them. Without threads: clone fails
 * with ENOSYS, and nothing can call unmapself. */
#include <errno.h>
#include <ts/print.h>
__attribute__((weak)) int __tessera_clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid,
					  void *tls, int *ctid)
{
	(void)fn, (void)stack, (void)flags, (void)arg, (void)ptid, (void)tls, (void)ctid;
	return -ENOSYS;
}

__attribute__((weak)) _Noreturn void __tessera_unmapself(void *base, unsigned long size)
{
	(void)base, (void)size;
	ts_panic("__tessera_unmapself without lib/posix-thread");
}
