/* epoll.c: epoll_create, epoll_ctl, epoll_wait and their variants — watch sets with a ready list, as Linux's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/time.h>
#include <ts/syscall.h>
#include "event.h"

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLIN 0x001u
#define EPOLLOUT 0x004u
#define EPOLLERR 0x008u
#define EPOLLHUP 0x010u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
/* Bits that say how to report, not what. */
#define EP_PRIVATE (EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)
/* What EPOLLEXCLUSIVE may come with (Linux's EPOLLEXCLUSIVE_OK_BITS). */
#define EXCL_OK (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLL_CLOEXEC TS_O_CLOEXEC
/* Linux's EP_MAX_NESTS: epoll sets inside epoll sets, at most this deep. */
#define MAX_NESTS 4
/* Linux's EP_MAX_EVENTS. */
#define MAX_EVENTS (0x7fffffff / (int)sizeof(struct k_epoll_event))

/* Linux's struct epoll_event: packed on x86_64 (12 bytes). */
struct k_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

/*
 * One watched (descriptor, file) pair. Its entry sits on the file's
 * poll list without a reference: when the file's last descriptor closes,
 * gone marks the item dead, and whoever holds the set's lock next frees
 * it. The ready-list links, on_ready and dead are changed in critical
 * sections (wake and gone run in one); the rest under the set's lock.
 */
struct epitem {
	struct ts_poll_entry pe;  /* first: the wake function finds the item */
	struct eventpoll *ep;
	struct ts_file *file;     /* identity only; ts_vfs_poll_entry_file to use it */
	int fd;
	uint32_t events;          /* asked for, with EP_PRIVATE bits; 0 what: disabled */
	uint64_t data;
	unsigned int recheck;     /* the file's poll_recheck at ADD */
	struct epitem *hnext;     /* hash chain */
	struct epitem *rcnext;    /* the set's list of items to recheck */
	struct epitem *rnext, *rprev;
	int on_ready;
	int dead;                 /* file gone; on the dead list (rnext) */
};

struct eventpoll {
	struct ts_mutex lock;     /* the items and their hash; one harvester at a time */
	struct epitem **hash;
	size_t nbuckets, nitems;
	unsigned int nrecheck;    /* items whose file needs rechecking... */
	struct epitem *recheck;   /* ... and their list (few: the console) */
	/* Critical sections: */
	struct epitem *rhead, *rtail;  /* the ready list: items that may be ready */
	size_t nready;
	struct epitem *dead;           /* items whose file went, to free */
	struct ts_waitq waiters;       /* threads in epoll_wait */
	struct ts_file *file;          /* the set's own file (for sets in sets) */
};

static const struct ts_file_ops ep_ops;

/* ---- the ready list (critical sections) ---- */

static void rd_add(struct eventpoll *ep, struct epitem *it)
{
	if (it->on_ready || it->dead)
		return;
	it->rnext = NULL;
	it->rprev = ep->rtail;
	if (ep->rtail)
		ep->rtail->rnext = it;
	else
		ep->rhead = it;
	ep->rtail = it;
	it->on_ready = 1;
	ep->nready++;
}

static void rd_del(struct eventpoll *ep, struct epitem *it)
{
	if (!it->on_ready)
		return;
	if (it->rprev)
		it->rprev->rnext = it->rnext;
	else
		ep->rhead = it->rnext;
	if (it->rnext)
		it->rnext->rprev = it->rprev;
	else
		ep->rtail = it->rprev;
	it->rnext = it->rprev = NULL;
	it->on_ready = 0;
	ep->nready--;
}

/* The watched file changed: queue the item, wake the set's waiters and
 * the pollers of the set itself. */
static void ep_wake(struct ts_poll_entry *e)
{
	struct epitem *it = (struct epitem *)e;
	struct eventpoll *ep = it->ep;

	if (!(it->events & ~EP_PRIVATE))
		return; /* a spent EPOLLONESHOT item waits for EPOLL_CTL_MOD */
	rd_add(ep, it);
	ts_waitq_wake_all(&ep->waiters);
	ts_vfs_poll_wake(ep->file);
}

static void ep_gone(struct ts_poll_entry *e)
{
	struct epitem *it = (struct epitem *)e;
	struct eventpoll *ep = it->ep;

	rd_del(ep, it);
	it->dead = 1;
	it->rnext = ep->dead;
	ep->dead = it;
}

/* ---- the items (set's lock held) ---- */

static size_t bucket(const struct eventpoll *ep, int fd)
{
	return (size_t)fd & (ep->nbuckets - 1);
}

static struct epitem *find(struct eventpoll *ep, int fd, struct ts_file *f)
{
	if (!ep->nbuckets)
		return NULL;
	for (struct epitem *it = ep->hash[bucket(ep, fd)]; it; it = it->hnext)
		if (it->fd == fd && it->file == f && !it->dead)
			return it;
	return NULL;
}

static void unhash(struct eventpoll *ep, struct epitem *it)
{
	struct epitem **pp = &ep->hash[bucket(ep, it->fd)];

	while (*pp != it)
		pp = &(*pp)->hnext;
	*pp = it->hnext;
	ep->nitems--;
	if (it->recheck) {
		for (pp = &ep->recheck; *pp != it; pp = &(*pp)->rcnext)
			;
		*pp = it->rcnext;
		ep->nrecheck--;
	}
}

/* Free the items whose file went. */
static void reap(struct eventpoll *ep)
{
	struct epitem *list;

	ts_sched_atomic_begin();
	list = ep->dead;
	ep->dead = NULL;
	ts_sched_atomic_end();
	while (list) {
		struct epitem *next = list->rnext;

		unhash(ep, list);
		free(list);
		list = next;
	}
}

/* Grow the hash to keep chains short (at most two items a bucket). */
static int grow(struct eventpoll *ep)
{
	size_t n = ep->nbuckets ? ep->nbuckets * 2 : 16;
	struct epitem **h;

	if (ep->nitems < 2 * ep->nbuckets)
		return 0;
	h = calloc(n, sizeof(*h));
	if (!h)
		return ep->nbuckets ? 0 : -ENOMEM; /* longer chains still work */
	for (size_t b = 0; b < ep->nbuckets; b++) {
		while (ep->hash[b]) {
			struct epitem *it = ep->hash[b];

			ep->hash[b] = it->hnext;
			it->hnext = h[(size_t)it->fd & (n - 1)];
			h[(size_t)it->fd & (n - 1)] = it;
		}
	}
	free(ep->hash);
	ep->hash = h;
	ep->nbuckets = n;
	return 0;
}

/* 1 when f is a regular file or a directory: those do not poll on Linux
 * (epoll_ctl says EPERM), nor do files without a poll operation. */
static int pollable(const struct ts_file *f)
{
	if (!f->ops->poll)
		return 0;
	if (f->vn && (TS_S_ISREG(f->vn->mode) || TS_S_ISDIR(f->vn->mode)))
		return 0;
	return 1;
}

/* Is target (an epoll set) or a set inside it, depth levels down, ep?
 * -ELOOP then, or when the nesting is too deep. Called with the global
 * nesting lock held, no set lock. */
static int loop_check(struct eventpoll *ep, struct ts_file *target, int depth)
{
	struct eventpoll *t = target->priv;
	int r = 0;

	if (t == ep || depth > MAX_NESTS)
		return -ELOOP;
	ts_mutex_lock(&t->lock);
	for (size_t b = 0; b < t->nbuckets && !r; b++) {
		for (struct epitem *it = t->hash[b]; it && !r; it = it->hnext) {
			struct ts_file *f;

			/* it->file may be a dead item's, freed: only a reference
			 * taken through the entry is safe to look at. */
			if (!(f = ts_vfs_poll_entry_file(&it->pe)))
				continue;
			if (f->ops == &ep_ops)
				r = loop_check(ep, f, depth + 1);
			ts_file_put(f);
		}
	}
	ts_mutex_unlock(&t->lock);
	return r;
}

/* Serialises adding sets to sets, so that two such additions cannot make
 * a loop together (Linux's epnested_mutex). */
static struct ts_mutex nest_lock = TS_MUTEX_INIT;

/* What its file is ready for, of what it asks (with EPOLLERR, EPOLLHUP);
 * 0 when the file is going. */
static uint32_t item_ready(struct epitem *it)
{
	uint32_t want = (it->events & ~EP_PRIVATE) | EPOLLERR | EPOLLHUP;
	struct ts_file *f = ts_vfs_poll_entry_file(&it->pe);
	uint32_t got;

	if (!f)
		return 0;
	got = ts_vfs_file_poll(f, want) & want;
	ts_file_put(f);
	return got;
}

/* Queue it if its file is ready now, as Linux's insert and modify do
 * (a file that becomes ready later is queued by its wake, in the order of
 * the wakes). Set's lock held. */
static void queue_if_ready(struct eventpoll *ep, struct epitem *it)
{
	if (!(it->events & ~EP_PRIVATE) || !item_ready(it))
		return;
	ts_sched_atomic_begin();
	rd_add(ep, it);
	ts_waitq_wake_all(&ep->waiters);
	ts_vfs_poll_wake(ep->file);
	ts_sched_atomic_end();
}

static int ep_add(struct eventpoll *ep, int fd, struct ts_file *f, const struct k_epoll_event *ev)
{
	struct epitem *it;
	size_t b;
	int r;

	if (find(ep, fd, f))
		return -EEXIST;
	r = grow(ep);
	if (r)
		return r;
	it = calloc(1, sizeof(*it));
	if (!it)
		return -ENOMEM;
	it->ep = ep;
	it->file = f;
	it->fd = fd;
	it->events = ev->events;
	it->data = ev->data;
	it->recheck = ts_vfs_file_poll_recheck(f);
	it->pe.wake = ep_wake;
	it->pe.gone = ep_gone;
	b = bucket(ep, fd);
	it->hnext = ep->hash[b];
	ep->hash[b] = it;
	ep->nitems++;
	if (it->recheck) {
		it->rcnext = ep->recheck;
		ep->recheck = it;
		ep->nrecheck++;
	}
	ts_vfs_poll_add(f, &it->pe);
	queue_if_ready(ep, it);
	return 0;
}

static int ep_ctl(struct eventpoll *ep, int op, int fd, struct ts_file *f,
		  const struct k_epoll_event *ev)
{
	struct epitem *it;

	reap(ep);
	if (op == EPOLL_CTL_ADD)
		return ep_add(ep, fd, f, ev);
	it = find(ep, fd, f);
	if (!it)
		return -ENOENT;
	if (op == EPOLL_CTL_DEL) {
		ts_vfs_poll_del(&it->pe);
		ts_sched_atomic_begin();
		rd_del(ep, it);
		ts_sched_atomic_end();
		unhash(ep, it);
		free(it);
		return 0;
	}
	/* EPOLL_CTL_MOD: an EPOLLEXCLUSIVE item cannot be changed. */
	if (it->events & EPOLLEXCLUSIVE)
		return -EINVAL;
	ts_sched_atomic_begin();
	it->events = ev->events;
	it->data = ev->data;
	ts_sched_atomic_end();
	queue_if_ready(ep, it);
	return 0;
}

/* ---- harvesting ---- */

/* Put the items that cannot report changes on the ready list, to be
 * asked again. Set's lock held. */
static void requeue_rechecks(struct eventpoll *ep)
{
	for (struct epitem *it = ep->recheck; it; it = it->rcnext)
		if (it->events & ~EP_PRIVATE) {
			ts_sched_atomic_begin();
			rd_add(ep, it);
			ts_sched_atomic_end();
		}
}

/*
 * Take up to max ready events from the ready list into out, the
 * program's: each slot is checked with ts_user_ok before it is written,
 * as Linux faults only when it copies an event (a bad slot ends the
 * harvest with the events so far, or -EFAULT for the first; its item
 * stays ready). Each item is asked once: level-triggered ones that are
 * ready go back to the end of the list (asked again next time, which also
 * rotates them fairly); edge-triggered ones come back only when their
 * file wakes them; one-shot ones are disabled. Set's lock held.
 */
static int harvest(struct eventpoll *ep, struct k_epoll_event *out, int max)
{
	size_t todo;
	int n = 0;

	requeue_rechecks(ep);
	ts_sched_atomic_begin();
	todo = ep->nready;
	ts_sched_atomic_end();
	while (todo-- && n < max) {
		struct epitem *it;
		uint32_t got;

		ts_sched_atomic_begin();
		it = ep->rhead;
		if (it)
			rd_del(ep, it);
		ts_sched_atomic_end();
		if (!it)
			break;
		if (!(it->events & ~EP_PRIVATE) || !(got = item_ready(it)))
			continue;
		if (!ts_user_ok(&out[n], sizeof(*out), 1)) {
			ts_sched_atomic_begin();
			rd_add(ep, it);
			ts_sched_atomic_end();
			return n ? n : -EFAULT;
		}
		out[n].events = got;
		out[n].data = it->data;
		n++;
		if (it->events & EPOLLONESHOT) {
			it->events &= EP_PRIVATE;
		} else if (!(it->events & EPOLLET)) {
			ts_sched_atomic_begin();
			rd_add(ep, it);
			ts_sched_atomic_end();
		}
	}
	return n;
}

/*
 * epoll_wait's engine: harvest; if nothing, sleep (the set's lock
 * released) until an item is queued, the deadline passes (0 events) or
 * a signal comes (-EINTR).
 */
static long ep_wait(struct eventpoll *ep, struct k_epoll_event *out, int max, uint64_t deadline)
{
	long n;
	int r;

	ts_mutex_lock(&ep->lock);
	reap(ep);
	for (;;) {
		uint64_t until = deadline;

		n = harvest(ep, out, max);
		if (n || deadline == EV_NOW)
			break;
		if (ep->nrecheck) {
			uint64_t re = ts_plat_monotonic_ns() + 10000000ull;

			if (until == EV_FOREVER || re < until)
				until = re;
		}
		ts_sched_atomic_begin();
		r = 0;
		if (!ep->nready) {
			ts_mutex_unlock(&ep->lock);
			r = ts_waitq_wait_intr(&ep->waiters, until);
			ts_sched_atomic_end();
			ts_mutex_lock(&ep->lock);
		} else {
			ts_sched_atomic_end();
		}
		if (r == -EINTR) {
			n = r;
			break;
		}
		if (r == -ETIMEDOUT && until == deadline) {
			n = harvest(ep, out, max);
			break;
		}
	}
	ts_mutex_unlock(&ep->lock);
	return n;
}

/* ---- the set as a file ---- */

/* Readable when some queued item is ready (a set inside a set, or in poll). */
static unsigned int ep_poll(struct ts_file *f, unsigned int events)
{
	struct eventpoll *ep = f->priv;
	int ready = 0;

	ts_mutex_lock(&ep->lock);
	requeue_rechecks(ep);
	/* Only harvest removes items, and it needs the lock we hold, so the
	 * walk is safe while the files are asked (which may block). */
	for (struct epitem *it = ep->rhead, *next; it && !ready; it = next) {
		next = it->rnext; /* before asking: a file going takes it off */
		ready = (it->events & ~EP_PRIVATE) && item_ready(it);
	}
	ts_mutex_unlock(&ep->lock);
	return ready ? events & (TS_POLLIN | TS_POLLRDNORM) : 0;
}

static unsigned int ep_poll_recheck(struct ts_file *f)
{
	struct eventpoll *ep = f->priv;

	return __atomic_load_n(&ep->nrecheck, __ATOMIC_RELAXED) ? 10 : 0;
}

/* The set's last descriptor went: take every entry off its file. */
static void ep_release(struct ts_file *f)
{
	struct eventpoll *ep = f->priv;

	ts_mutex_lock(&ep->lock);
	reap(ep);
	for (size_t b = 0; b < ep->nbuckets; b++) {
		while (ep->hash[b]) {
			struct epitem *it = ep->hash[b];

			ts_vfs_poll_del(&it->pe);
			ep->hash[b] = it->hnext;
			free(it);
		}
	}
	/* An entry's gone may have run between reap and its poll_del. */
	ts_mutex_unlock(&ep->lock);
	free(ep->hash);
	free(ep);
}

static const struct ts_file_ops ep_ops = {
	.poll = ep_poll, .poll_recheck = ep_poll_recheck, .stat = ev_anon_stat, .release = ep_release,
};

/* ---- the system calls ---- */

static long ep_create(int flags)
{
	struct eventpoll *ep;
	struct ts_file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = calloc(1, sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	ts_mutex_init(&ep->lock, 0);
	f = ts_file_new(&ep_ops, ep, TS_O_RDWR);
	if (!f) {
		free(ep);
		return -ENOMEM;
	}
	ep->file = f;
	fd = ts_vfs_file_install(f, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		ts_file_put(f);
	return fd;
}

TS_SYSCALL_DEFINE1(epoll_create1, "x:d", int, flags)
{
	return ep_create(flags);
}

TS_SYSCALL_DEFINE1(epoll_create, "d:d", int, size)
{
	return size <= 0 ? -EINVAL : ep_create(0);
}

/* The epoll set open on epfd, referenced: -EBADF, -EINVAL (not a set). */
static int get_set(int epfd, struct ts_file **out)
{
	int r = ts_vfs_file_get(epfd, out);

	if (!r && (*out)->ops != &ep_ops) {
		ts_file_put(*out);
		r = -EINVAL;
	}
	return r;
}

TS_SYSCALL_DEFINE4(epoll_ctl, "ddfp:d", int, epfd, int, op, int, fd, struct k_epoll_event *, event)
{
	struct ts_file *epf, *f;
	struct k_epoll_event ev = { 0, 0 };
	struct eventpoll *ep;
	int nested = 0;
	long r;

	if (op != EPOLL_CTL_DEL) {
		if (!ts_user_ok(event, sizeof(*event), 0))
			return -EFAULT;
		ev = *event;
	}
	r = ts_vfs_file_get(epfd, &epf);
	if (r)
		return r;
	r = ts_vfs_file_get(fd, &f);
	if (r)
		goto put_epf;
	if ((epf->flags | f->flags) & TS_O_PATH) {
		r = -EBADF;
		goto put_f;
	}
	r = -EPERM;
	if (!pollable(f))
		goto put_f;
	r = -EINVAL;
	if (epf->ops != &ep_ops || f == epf)
		goto put_f;
	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_DEL && op != EPOLL_CTL_MOD)
		goto put_f;
	if (ev.events & EPOLLEXCLUSIVE) {
		if (op == EPOLL_CTL_MOD || (ev.events & ~EXCL_OK) ||
		    (op == EPOLL_CTL_ADD && f->ops == &ep_ops))
			goto put_f;
	}
	ep = epf->priv;
	if (op == EPOLL_CTL_ADD && f->ops == &ep_ops) {
		nested = 1;
		ts_mutex_lock(&nest_lock);
		r = loop_check(ep, f, 1);
		if (r)
			goto unlock_nest;
	}
	ts_mutex_lock(&ep->lock);
	r = ep_ctl(ep, op, fd, f, &ev);
	ts_mutex_unlock(&ep->lock);
unlock_nest:
	if (nested)
		ts_mutex_unlock(&nest_lock);
put_f:
	ts_file_put(f);
put_epf:
	ts_file_put(epf);
	return r;
}

/* The checks of every epoll_wait form, in Linux's order, then the wait. */
static long do_wait(int epfd, struct k_epoll_event *events, int max, uint64_t deadline)
{
	struct ts_file *epf;
	long r;

	if (max <= 0 || max > MAX_EVENTS)
		return -EINVAL;
	/* Linux's access_ok: only that the array lies in the user half; the
	 * memory itself is checked slot by slot as events are written
	 * (harvest), so a wild array with nothing ready gives 0, as there. */
	if ((uintptr_t)events + (size_t)max * sizeof(*events) > TS_USER_TOP)
		return -EFAULT;
	r = get_set(epfd, &epf);
	if (r)
		return r;
	r = ep_wait(epf->priv, events, max, deadline);
	ts_file_put(epf);
	return r;
}

static uint64_t ms_deadline(int timeout)
{
	return timeout < 0 ? EV_FOREVER : ev_deadline_in((uint64_t)timeout * 1000000);
}

TS_SYSCALL_DEFINE4(epoll_wait, "dpdd:d", int, epfd, struct k_epoll_event *, events, int, max,
		   int, timeout)
{
	return do_wait(epfd, events, max, ms_deadline(timeout));
}

/* epoll_pwait and epoll_pwait2: the wait under the temporary mask. */
static long pwait(int epfd, struct k_epoll_event *events, int max, uint64_t deadline,
		  const void *sigmask, size_t sigsetsize)
{
	struct ev_sigsave save;
	long r = ev_sigmask_set(sigmask, sigsetsize, &save);

	if (r)
		return r;
	r = do_wait(epfd, events, max, deadline);
	ev_sigmask_restore(&save, r);
	return r;
}

TS_SYSCALL_DEFINE6(epoll_pwait, "dpddpu:d", int, epfd, struct k_epoll_event *, events, int, max,
		   int, timeout, const void *, sigmask, size_t, sigsetsize)
{
	return pwait(epfd, events, max, ms_deadline(timeout), sigmask, sigsetsize);
}

TS_SYSCALL_DEFINE6(epoll_pwait2, "dpdppu:d", int, epfd, struct k_epoll_event *, events, int, max,
		   const struct ev_timespec *, tsp, const void *, sigmask, size_t, sigsetsize)
{
	uint64_t deadline;
	long r;

	if (!ts_user_ok(tsp, tsp ? sizeof(*tsp) : 0, 0))
		return -EFAULT;
	r = ev_deadline_ts(tsp, &deadline);
	return r ? r : pwait(epfd, events, max, deadline, sigmask, sigsetsize);
}
