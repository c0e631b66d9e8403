/* thread_stub.c: TEMPORARY weak stand-ins for lib/posix-thread's thread ids (one thread, id 1), until helper "thread"'s versions land; theirs replace these. */
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
