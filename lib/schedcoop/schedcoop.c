/* schedcoop.c: the cooperative round-robin policy — a FIFO run queue. */
#include <stddef.h>
#include <ts/sched_policy.h>

static struct ts_thread *head, *tail;

static void enqueue(struct ts_thread *t)
{
	*ts_thread_runq_link(t) = NULL;
	if (tail)
		*ts_thread_runq_link(tail) = t;
	else
		head = t;
	tail = t;
}

static struct ts_thread *pick(void)
{
	struct ts_thread *t = head;
	if (t) {
		head = *ts_thread_runq_link(t);
		if (!head)
			tail = NULL;
	}
	return t;
}

const struct ts_sched_policy ts_sched_policy = {
	.name = "schedcoop", .slice_ns = 0, .enqueue = enqueue, .pick = pick,
};
