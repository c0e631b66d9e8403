/* lib/posix-thread: thread ids (TEMPORARY: the two calls lib/posix-signal and lib/posix-time use, until helper "thread"'s header lands). */
#ifndef TS_POSIX_THREAD_H
#define TS_POSIX_THREAD_H

struct ts_thread;

/* The calling thread's id; the main thread is 1. */
int ts_posix_gettid(void);

/* The lib/sched thread with id tid, or NULL when none has it. */
struct ts_thread *ts_posix_thread_find(int tid);

#endif
