/* schedpreempt.c: the preemptive policy — one FIFO per priority, highest
 * first. The slice and the timer are handled by lib/sched's core. */
#include <stddef.h>
#include <ts/sched_policy.h>
#include <ts/schedpreempt.h>

static struct ts_thread *head[TS_SCHEDPREEMPT_PRIOS], *tail[TS_SCHEDPREEMPT_PRIOS];

static int level(struct ts_thread *t)
{
	int p = ts_thread_prio(t);
	return p < 0 ? 0 : p >= TS_SCHEDPREEMPT_PRIOS ? TS_SCHEDPREEMPT_PRIOS - 1 : p;
}

static void enqueue(struct ts_thread *t)
{
	int l = level(t);
	*ts_thread_runq_link(t) = NULL;
	if (tail[l])
		*ts_thread_runq_link(tail[l]) = t;
	else
		head[l] = t;
	tail[l] = t;
}

static struct ts_thread *pick(void)
{
	for (int l = TS_SCHEDPREEMPT_PRIOS - 1; l >= 0; l--) {
		struct ts_thread *t = head[l];
		if (t) {
			head[l] = *ts_thread_runq_link(t);
			if (!head[l])
				tail[l] = NULL;
			return t;
		}
	}
	return NULL;
}

const struct ts_sched_policy ts_sched_policy = {
	.name = "schedpreempt",
	.slice_ns = (uint64_t)CONFIG_LIBSCHEDPREEMPT_SLICE_MS * 1000000,
	.enqueue = enqueue,
	.pick = pick,
};
