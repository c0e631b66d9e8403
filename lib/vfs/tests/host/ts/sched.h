/* Host-test stand-in for <ts/sched.h>: only the wait-queue type that
 * <ts/vfs_impl.h> embeds (struct ts_poller); the host tests never wait. */
#ifndef TS_SCHED_H
#define TS_SCHED_H

struct ts_thread;
struct ts_waitq {
	struct ts_thread *head, *tail;
};
#define TS_WAITQ_INIT { 0, 0 }

#endif
