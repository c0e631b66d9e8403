/* poll.c: poll, ppoll, select and pselect6 over any descriptors, on lib/vfs's pollers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/syscall.h>
#include "event.h"

/* Linux's struct pollfd. */
struct k_pollfd {
	int fd;
	short events, revents;
};

/* What select's three sets ask poll for, and which answers set a bit
 * (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET). */
#define IN_SET (TS_POLLRDNORM | TS_POLLRDBAND | TS_POLLIN | TS_POLLHUP | TS_POLLERR)
#define OUT_SET (TS_POLLWRBAND | TS_POLLWRNORM | TS_POLLOUT | TS_POLLERR)
#define EX_SET TS_POLLPRI

#define MAX_FDS CONFIG_LIBVFS_MAX_FDS /* RLIMIT_NOFILE: the descriptor table's size */

/* One watched descriptor: its poller entry, the file (referenced) and
 * what is asked. */
struct watch {
	struct ts_poller_entry pe;
	struct ts_file *file;
	unsigned int events;
};

/* The answer for one watch: the ready subset of what it asks, with
 * TS_POLLERR, TS_POLLHUP and TS_POLLNVAL always. */
static unsigned int answer(const struct watch *w)
{
	return ts_vfs_file_poll(w->file, w->events) &
	       (w->events | TS_POLLERR | TS_POLLHUP | TS_POLLNVAL);
}

/*
 * The engine of both calls: ask every watched file; when none is ready,
 * sleep until one changes, the deadline passes or a signal comes, and ask
 * again. scan() gives the number of ready descriptors (and records the
 * answers). Returns that number, 0 at the deadline, or -EINTR.
 */
static long wait_ready(struct watch *w, size_t n, uint64_t deadline,
		       long (*scan)(struct watch *w, size_t n, void *arg), void *arg)
{
	struct ts_poller p;
	int watching = 0;
	long ready;
	int r;

	ts_poller_init(&p);
	for (;;) {
		ready = scan(w, n, arg);
		if (ready || deadline == EV_NOW)
			break;
		if (!watching) {
			/* Only a call that will sleep watches; what changed
			 * between the scan and now is seen by the next scan. */
			for (size_t i = 0; i < n; i++)
				if (w[i].file)
					ts_poller_watch(&p, &w[i].pe, w[i].file);
			watching = 1;
			continue;
		}
		r = ts_poller_wait(&p, deadline);
		if (r == -ETIMEDOUT) {
			ready = scan(w, n, arg); /* one last look, as Linux */
			break;
		}
		if (r) {
			ready = r;
			break;
		}
	}
	for (size_t i = 0; watching && i < n; i++)
		ts_poller_done(&p, &w[i].pe, 1);
	return ready;
}

static void put_watches(struct watch *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].file)
			ts_file_put(w[i].file);
	free(w);
}

/* ---- poll ---- */

static long poll_scan(struct watch *w, size_t n, void *arg)
{
	struct k_pollfd *fds = arg;
	long ready = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned int got = 0;

		if (fds[i].fd >= 0)
			got = w[i].file ? answer(&w[i]) : TS_POLLNVAL;
		fds[i].revents = (short)got;
		ready += got != 0;
	}
	return ready;
}

/* poll with a deadline: a descriptor < 0 is skipped (revents 0), one
 * that is not open answers TS_POLLNVAL. nfds is checked before fds, as
 * Linux does (-EINVAL before -EFAULT). */
static long do_poll(struct k_pollfd *fds, unsigned int nfds, uint64_t deadline)
{
	struct watch *w = NULL;
	long r;

	if (nfds > MAX_FDS)
		return -EINVAL;
	if (!ts_user_ok(fds, (size_t)nfds * sizeof(*fds), 1))
		return -EFAULT;
	if (nfds && !(w = calloc(nfds, sizeof(*w))))
		return -ENOMEM;
	for (unsigned int i = 0; i < nfds; i++) {
		if (fds[i].fd >= 0 && !ts_vfs_file_get(fds[i].fd, &w[i].file))
			w[i].events = (unsigned short)fds[i].events;
	}
	r = wait_ready(w, nfds, deadline, poll_scan, fds);
	put_watches(w, nfds);
	return r;
}

/* The time left goes back into the program's timeout only where it may
 * write: Linux, too, ignores a timeout in read-only memory then. */
static void *writable(void *p, size_t len)
{
	return p && ts_user_ok(p, len, 1) ? p : NULL;
}

TS_SYSCALL_DEFINE3(poll, "pud:d", struct k_pollfd *, fds, unsigned int, nfds, int, timeout)
{
	return do_poll(fds, nfds, timeout < 0 ? EV_FOREVER : ev_deadline_in((uint64_t)timeout * 1000000));
}

TS_SYSCALL_DEFINE5(ppoll, "pupxu:d", struct k_pollfd *, fds, unsigned int, nfds,
		   struct ev_timespec *, tsp, const void *, sigmask, size_t, sigsetsize)
{
	struct ev_sigsave save;
	uint64_t deadline;
	long r;

	if (!ts_user_ok(tsp, tsp ? sizeof(*tsp) : 0, 0))
		return -EFAULT;
	r = ev_deadline_ts(tsp, &deadline);
	if (!r)
		r = ev_sigmask_set(sigmask, sigsetsize, &save);
	if (r)
		return r;
	r = do_poll(fds, nfds, deadline);
	ev_sigmask_restore(&save, r);
	ev_remaining_ts(writable(tsp, sizeof(*tsp)), deadline);
	return r;
}

/* ---- select ---- */

#define BITS (8 * sizeof(unsigned long))

/* The program's three sets (each NULL or nfds bits, in longs) and ours. */
struct sets {
	unsigned long *in, *out, *ex;
	int *fd;              /* the descriptor of each watch */
};

static int bit(const unsigned long *set, int fd)
{
	return set && (set[fd / BITS] >> (fd % BITS)) & 1;
}

static void set_bit(unsigned long *set, int fd)
{
	set[fd / BITS] |= 1ul << (fd % BITS);
}

/* Counts each bit set in the answer, as Linux (a descriptor readable and
 * writable counts twice). The program's sets are rewritten only at the
 * end (select_fill), so here only the count is computed. */
static long select_scan(struct watch *w, size_t n, void *arg)
{
	long ready = 0;

	(void)arg;
	for (size_t i = 0; i < n; i++) {
		unsigned int got = answer(&w[i]);

		ready += ((w[i].events & IN_SET) && (got & IN_SET)) +
			 ((w[i].events & OUT_SET) && (got & OUT_SET)) +
			 ((w[i].events & EX_SET) && (got & EX_SET));
	}
	return ready;
}

static void select_fill(struct watch *w, size_t n, struct sets *s, size_t words)
{
	unsigned long *outs[3] = { s->in, s->out, s->ex };
	const unsigned int masks[3] = { IN_SET, OUT_SET, EX_SET };

	for (int k = 0; k < 3; k++)
		if (outs[k])
			memset(outs[k], 0, words * sizeof(long));
	for (size_t i = 0; i < n; i++) {
		unsigned int got = answer(&w[i]);

		for (int k = 0; k < 3; k++)
			if (outs[k] && (w[i].events & masks[k]) && (got & masks[k]))
				set_bit(outs[k], s->fd[i]);
	}
}

/*
 * select with a deadline; the sets were checked. Every descriptor named
 * must be open (-EBADF); nfds beyond the table's size is cut down to it
 * as Linux does.
 */
static long do_select(int nfds, struct sets *s, uint64_t deadline)
{
	struct watch *w;
	size_t n = 0, words;
	long r = 0;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > MAX_FDS)
		nfds = MAX_FDS;
	words = ((size_t)nfds + BITS - 1) / BITS;
	for (int fd = 0; fd < nfds; fd++)
		n += bit(s->in, fd) || bit(s->out, fd) || bit(s->ex, fd);
	w = calloc(n ? n : 1, sizeof(*w));
	s->fd = calloc(n ? n : 1, sizeof(int));
	if (!w || !s->fd) {
		free(w);
		free(s->fd);
		return -ENOMEM;
	}
	n = 0;
	for (int fd = 0; fd < nfds && !r; fd++) {
		unsigned int ev = (bit(s->in, fd) ? IN_SET : 0) | (bit(s->out, fd) ? OUT_SET : 0) |
				  (bit(s->ex, fd) ? EX_SET : 0);

		if (!ev)
			continue;
		r = ts_vfs_file_get(fd, &w[n].file);
		if (!r && (w[n].file->flags & TS_O_PATH))
			r = -EBADF; /* Linux's select does not see O_PATH descriptors */
		s->fd[n] = fd;
		w[n++].events = ev;
	}
	if (!r)
		r = wait_ready(w, n, deadline, select_scan, NULL);
	if (r > 0)
		select_fill(w, n, s, words);
	else if (r == 0)
		select_fill(w, 0, s, words);
	put_watches(w, n);
	free(s->fd);
	return r;
}

/* Check the three sets of nfds bits (whole longs, as Linux copies them). */
static int sets_ok(int nfds, struct sets *s)
{
	size_t n = nfds > 0 ? (size_t)(nfds < MAX_FDS ? nfds : MAX_FDS) : 0;
	size_t bytes = (n + BITS - 1) / BITS * sizeof(long);

	return ts_user_ok(s->in, s->in ? bytes : 0, 1) && ts_user_ok(s->out, s->out ? bytes : 0, 1) &&
	       ts_user_ok(s->ex, s->ex ? bytes : 0, 1);
}

TS_SYSCALL_DEFINE5(select, "dpppp:d", int, nfds, unsigned long *, in, unsigned long *, out,
		   unsigned long *, ex, struct ev_timeval *, tv)
{
	struct sets s = { in, out, ex, NULL };
	uint64_t deadline;
	long r;

	if (nfds < 0)
		return -EINVAL;
	if (!sets_ok(nfds, &s) || !ts_user_ok(tv, tv ? sizeof(*tv) : 0, 0))
		return -EFAULT;
	r = ev_deadline_tv(tv, &deadline);
	if (r)
		return r;
	r = do_select(nfds, &s, deadline);
	ev_remaining_tv(writable(tv, sizeof(*tv)), deadline);
	return r;
}

/* pselect6's sixth argument: the mask and its size. */
struct k_sigarg {
	const void *mask;
	size_t size;
};

TS_SYSCALL_DEFINE6(pselect6, "dppppp:d", int, nfds, unsigned long *, in, unsigned long *, out,
		   unsigned long *, ex, struct ev_timespec *, tsp, const struct k_sigarg *, sig)
{
	struct sets s = { in, out, ex, NULL };
	struct ev_sigsave save;
	uint64_t deadline;
	long r;

	if (nfds < 0)
		return -EINVAL;
	if (!sets_ok(nfds, &s) || !ts_user_ok(tsp, tsp ? sizeof(*tsp) : 0, 0) ||
	    !ts_user_ok(sig, sig ? sizeof(*sig) : 0, 0))
		return -EFAULT;
	r = ev_deadline_ts(tsp, &deadline);
	if (!r)
		r = ev_sigmask_set(sig ? sig->mask : NULL, sig ? sig->size : 8, &save);
	if (r)
		return r;
	r = do_select(nfds, &s, deadline);
	ev_sigmask_restore(&save, r);
	ev_remaining_ts(writable(tsp, sizeof(*tsp)), deadline);
	return r;
}
