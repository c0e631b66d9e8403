/* lib/sched's implementer interface, for scheduler libraries only (apps use <ts/sched.h>). */
#ifndef TS_SCHED_POLICY_H
#define TS_SCHED_POLICY_H

#include <stdint.h>
#include <ts/sched.h>

/* ---- the scheduler interface: one implementation library provides it ---- */
struct ts_sched_policy {
	const char *name;
	/* Time slice for preemption by timer interrupts; 0: cooperative. */
	uint64_t slice_ns;
	/* t became runnable; put it in the run queue. */
	void (*enqueue)(struct ts_thread *t);
	/* Take the next thread to run out of the run queue; NULL when empty. */
	struct ts_thread *(*pick)(void);
};
/* Defined by the chosen scheduler library (schedcoop, ...). */
extern const struct ts_sched_policy ts_sched_policy;

/* Intrusive run-queue link for policies: the next thread in their queue. */
struct ts_thread **ts_thread_runq_link(struct ts_thread *t);
int ts_thread_prio(const struct ts_thread *t);

#endif
