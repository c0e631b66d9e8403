/* blk_impl.h: lib/blk's private helpers — the per-device critical section and waiting politely. */
#ifndef LIBBLK_IMPL_H
#define LIBBLK_IMPL_H

#include <ts/blk.h>
#include <ts/hooks.h>

/*
 * Driver calls (submit, poll) run as scheduler critical sections: on one
 * CPU no other thread can enter the driver until the section ends, which
 * is all the mutual exclusion a polled driver needs, and it costs two
 * increments. Without lib/sched there is one thread and nothing to do.
 * A driver call never blocks or yields, so no lock is held across a wait.
 */
static inline void blk_enter(void)
{
	if (ts_sched_atomic_begin_hook)
		ts_sched_atomic_begin_hook();
}

static inline void blk_leave(void)
{
	if (ts_sched_atomic_end_hook)
		ts_sched_atomic_end_hook();
}

/* Let the device's completion (or another thread) make progress: another
 * thread runs when a scheduler is linked, else the CPU pauses briefly. */
static inline void blk_relax(void)
{
	if (ts_thread_yield_hook)
		ts_thread_yield_hook();
	else
		__asm__ volatile("pause" ::: "memory");
}

/* Poll dev once for completions, inside the critical section. */
static inline void blk_poll(struct ts_blkdev *dev)
{
	blk_enter();
	dev->ops->poll(dev);
	blk_leave();
}

#endif
