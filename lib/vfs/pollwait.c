/* pollwait.c: readiness notification — files report changes, poll/select/epoll wait for them. */
#include <errno.h>
#include <ts/plat/time.h>
#include <ts/sched.h>
#include "vfs_private.h"

/*
 * The entry lists are guarded by scheduler critical sections rather than
 * a mutex: ts_vfs_poll_wake must never block (a network stack calls it
 * from its own thread while holding its own locks), and on one CPU a
 * critical section is all the exclusion a short list walk needs.
 */

void ts_vfs_poll_add(struct ts_file *f, struct ts_poll_entry *e)
{
	ts_sched_atomic_begin();
	e->file = f;
	e->prev = NULL;
	e->next = f->pollers;
	if (f->pollers)
		f->pollers->prev = e;
	f->pollers = e;
	ts_sched_atomic_end();
}

/* Unlink e from its file's list; in a critical section. */
static void unlink_entry(struct ts_poll_entry *e)
{
	struct ts_file *f = e->file;

	if (!f)
		return;
	if (e->prev)
		e->prev->next = e->next;
	else
		f->pollers = e->next;
	if (e->next)
		e->next->prev = e->prev;
	e->next = e->prev = NULL;
	e->file = NULL;
}

void ts_vfs_poll_del(struct ts_poll_entry *e)
{
	ts_sched_atomic_begin();
	unlink_entry(e);
	ts_sched_atomic_end();
}

void ts_vfs_poll_wake(struct ts_file *f)
{
	ts_sched_atomic_begin();
	/* A wake function never unlinks entries, so the walk is safe. */
	for (struct ts_poll_entry *e = f->pollers; e; e = e->next)
		e->wake(e);
	ts_sched_atomic_end();
}

/*
 * The last reference to f went (file.c calls this before releasing it):
 * each remaining entry goes to its owner's gone function in the critical
 * section that unlinks it, so that an owner tearing down (epoll_ctl DEL,
 * closing an epoll descriptor) sees either its entry still on the list or
 * gone already done, never a gone call still to come.
 */
void vfs_poll_file_gone(struct ts_file *f)
{
	struct ts_poll_entry *e;

	ts_sched_atomic_begin();
	while ((e = f->pollers)) {
		unlink_entry(e);
		if (e->gone)
			e->gone(e);
	}
	ts_sched_atomic_end();
}

struct ts_file *ts_vfs_poll_entry_file(struct ts_poll_entry *e)
{
	struct ts_file *f;
	unsigned long refs;

	ts_sched_atomic_begin();
	f = e->file;
	if (f) {
		/* Take a reference unless the count already reached 0: then
		 * the file is on its way out (gone is coming). */
		refs = __atomic_load_n(&f->refs, __ATOMIC_RELAXED);
		do {
			if (!refs) {
				f = NULL;
				break;
			}
		} while (!__atomic_compare_exchange_n(&f->refs, &refs, refs + 1, 0, __ATOMIC_ACQUIRE,
						      __ATOMIC_RELAXED));
	}
	ts_sched_atomic_end();
	return f;
}

unsigned int ts_vfs_file_poll(struct ts_file *f, unsigned int events)
{
	unsigned int always = TS_POLLERR | TS_POLLHUP;

	if (f->flags & TS_O_PATH)
		return TS_POLLNVAL;
	events |= always;
	if (f->ops->poll)
		return f->ops->poll(f, events) & events;
	return events & (TS_POLLIN | TS_POLLOUT | TS_POLLRDNORM | TS_POLLWRNORM);
}

unsigned int ts_vfs_file_poll_recheck(struct ts_file *f)
{
	return f->ops->poll_recheck ? f->ops->poll_recheck(f) : 0;
}

/* ---- poll and select's waiting side ---- */

void ts_poller_init(struct ts_poller *p)
{
	p->q = (struct ts_waitq)TS_WAITQ_INIT;
	p->changed = 0;
	p->recheck_ms = 0;
}

static void poller_wake(struct ts_poll_entry *e)
{
	struct ts_poller *p = ((struct ts_poller_entry *)e)->p;

	p->changed = 1;
	ts_waitq_wake_all(&p->q);
}

void ts_poller_watch(struct ts_poller *p, struct ts_poller_entry *pe, struct ts_file *f)
{
	unsigned int ms = ts_vfs_file_poll_recheck(f);

	pe->p = p;
	pe->e.wake = poller_wake;
	pe->e.gone = NULL; /* the caller holds a reference: never gone */
	ts_vfs_poll_add(f, &pe->e);
	if (ms && (!p->recheck_ms || ms < p->recheck_ms))
		p->recheck_ms = ms;
}

int ts_poller_wait(struct ts_poller *p, uint64_t deadline_ns)
{
	uint64_t until = deadline_ns;
	int r = 0;

	if (p->recheck_ms) {
		uint64_t re = ts_plat_monotonic_ns() + p->recheck_ms * 1000000ull;

		if (!until || re < until)
			until = re;
	}
	ts_sched_atomic_begin();
	if (!p->changed)
		r = ts_waitq_wait_intr(&p->q, until);
	p->changed = 0;
	ts_sched_atomic_end();
	if (r == -ETIMEDOUT && until != deadline_ns)
		r = 0; /* only the recheck interval is over */
	return r;
}

void ts_poller_done(struct ts_poller *p, struct ts_poller_entry *pe, size_t n)
{
	(void)p;
	ts_sched_atomic_begin();
	for (size_t i = 0; i < n; i++)
		unlink_entry(&pe[i].e);
	ts_sched_atomic_end();
}
