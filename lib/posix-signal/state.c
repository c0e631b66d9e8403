/* state.c: signal state — actions, per-thread records, the queues, sending and taking signals. */
#include <errno.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/posix_thread.h>
#include <ts/syscall.h>
#include "signal_impl.h"

/* Real-time signals queue; this many may wait at once in the whole
 * instance (Linux's RLIMIT_SIGPENDING is in the thousands; a program that
 * needs more gets EAGAIN from sigqueue, as it would at that limit). */
#define POOL_NODES 256

struct ts_ksigaction sig_actions[TS_NSIG + 1];
struct pendset sig_proc_pending;
static struct sigthread *threads;
static struct ts_signal_node pool[POOL_NODES];
static struct ts_signal_node *pool_free;
static int pool_ready;
static unsigned int self_key;
static int self_key_made;
static unsigned long npending; /* queued nodes and pending standard signals */

void sig_update_work(void)
{
	ts_syscall_exit_work = npending != 0;
}

static struct ts_signal_node *node_alloc(void)
{
	if (!pool_ready) {
		for (int i = 0; i < POOL_NODES; i++) {
			pool[i].next = pool_free;
			pool[i].pooled = 1;
			pool_free = &pool[i];
		}
		pool_ready = 1;
	}
	struct ts_signal_node *n = pool_free;
	if (n)
		pool_free = n->next;
	return n;
}

static void node_release(struct ts_signal_node *n)
{
	n->queued = 0;
	if (n->pooled) {
		n->next = pool_free;
		pool_free = n;
	}
}

/* Forget records of threads that ended: their tid no longer names them. */
static void sweep(void)
{
	for (struct sigthread **p = &threads; *p;) {
		struct sigthread *t = *p;
		if (ts_posix_thread_find(t->tid) == t->t) {
			p = &t->next;
			continue;
		}
		*p = t->next;
		for (struct ts_signal_node *n = t->pending.head, *next; n; n = next) {
			next = n->next;
			npending--;
			node_release(n);
		}
		ts_free(ts_alloc_default(), t);
	}
}

static struct sigthread *record_new(int tid, struct ts_thread *th)
{
	sweep();
	struct sigthread *t = ts_malloc(ts_alloc_default(), sizeof(*t));
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->t = th;
	t->alt.ss_flags = TS_SS_DISABLE;
	t->next = threads;
	threads = t;
	return t;
}

struct sigthread *sig_thread_find(int tid)
{
	struct ts_thread *th = ts_posix_thread_find(tid);
	if (!th)
		return NULL;
	for (struct sigthread *t = threads; t; t = t->next)
		if (t->tid == tid && t->t == th)
			return t;
	return record_new(tid, th);
}

struct sigthread *sig_self_peek(void)
{
	return self_key_made ? ts_tls_get(self_key) : NULL;
}

struct sigthread *sig_self(void)
{
	struct sigthread *t = sig_self_peek();
	if (t)
		return t;
	ts_sched_atomic_begin();
	if (!self_key_made && ts_tls_key_create(&self_key) == 0)
		self_key_made = 1;
	t = sig_thread_find(ts_posix_gettid());
	if (t && self_key_made)
		ts_tls_set(self_key, t);
	ts_sched_atomic_end();
	return t;
}

/* Default action "ignore": SIGCHLD, SIGURG, SIGWINCH, SIGCONT. The stop
 * signals also end up ignored (nothing could continue the instance). */
static int ignored_by_default(int sig)
{
	switch (sig) {
	case TS_SIGCHLD: case TS_SIGURG: case TS_SIGWINCH: case TS_SIGCONT:
	case TS_SIGSTOP: case TS_SIGTSTP: case TS_SIGTTIN: case TS_SIGTTOU:
		return 1;
	default:
		return 0;
	}
}

int sig_ignored(int sig)
{
	uint64_t h = sig_actions[sig].handler;
	return h == TS_SIG_IGN || (h == TS_SIG_DFL && ignored_by_default(sig));
}

uint64_t sig_deliverable(const struct sigthread *t)
{
	return (t->pending.bits | sig_proc_pending.bits) & ~t->mask;
}

static void enqueue(struct pendset *s, struct ts_signal_node *n)
{
	n->next = NULL;
	n->queued = 1;
	if (s->tail)
		s->tail->next = n;
	else
		s->head = n;
	s->tail = n;
	s->bits |= TS_SIGBIT(n->info.si_signo);
	npending++;
}

/* Take the first node of sig out of s (there is one). */
static struct ts_signal_node *unqueue(struct pendset *s, int sig)
{
	struct ts_signal_node *prev = NULL, *n = s->head;
	while (n->info.si_signo != sig)
		prev = n, n = n->next;
	if (prev)
		prev->next = n->next;
	else
		s->head = n->next;
	if (s->tail == n)
		s->tail = prev;
	/* another instance (real-time signals queue) keeps the bit set */
	int more = 0;
	for (struct ts_signal_node *m = s->head; m && !more; m = m->next)
		more = m->info.si_signo == sig;
	if (!more)
		s->bits &= ~TS_SIGBIT(sig);
	npending--;
	return n;
}

int sig_dequeue(struct sigthread *t, uint64_t set, struct ts_siginfo *info)
{
	struct pendset *s = &t->pending;
	uint64_t b = s->bits & set;
	if (!b) {
		s = &sig_proc_pending;
		b = s->bits & set;
	}
	if (!b)
		return 0;
	int sig = __builtin_ctzll(b) + 1;
	struct ts_signal_node *n = unqueue(s, sig);
	*info = n->info;
	if (n->dequeued)
		n->dequeued(n, info);
	node_release(n);
	sig_update_work();
	return sig;
}

static void discard_from(struct pendset *s, int sig)
{
	while (s->bits & TS_SIGBIT(sig))
		node_release(unqueue(s, sig));
}

void sig_discard(int sig)
{
	discard_from(&sig_proc_pending, sig);
	for (struct sigthread *t = threads; t; t = t->next)
		discard_from(&t->pending, sig);
	sig_update_work();
}

/* Would t take sig now, or is it waiting for it in rt_sigtimedwait? */
static int takes(const struct sigthread *t, int sig)
{
	return !(t->mask & TS_SIGBIT(sig)) || (t->waiting & TS_SIGBIT(sig));
}

/* Wake a thread that will take sig: the target, or for the process any
 * thread that does not block it. The caller itself needs no waking: it
 * is in a system call, whose return delivers. */
static void wake_taker(struct sigthread *target, int sig)
{
	struct sigthread *self = sig_self_peek();
	if (target) {
		if (target != self && takes(target, sig))
			ts_thread_interrupt(target->t);
		return;
	}
	if (self && takes(self, sig))
		return;
	sig_thread_find(1); /* the main thread, even if it never asked for signals */
	for (struct sigthread *t = threads; t; t = t->next)
		if (t != self && takes(t, sig)) {
			ts_thread_interrupt(t->t);
			return;
		}
}

void sig_wake_any(int sig)
{
	struct ts_thread *main = ts_sched_main_thread();
	struct sigthread *t;
	ts_sched_atomic_begin();
	/* The main thread first, as Linux prefers it for the process; its
	 * tid record may still name the boot context (musl's start-up took
	 * tid 1 there), so it is found by its lib/sched thread. */
	for (t = threads; t && t->t != main; t = t->next)
		;
	if (main && (!t || takes(t, sig))) {
		ts_thread_interrupt(main);
	} else {
		for (t = threads; t; t = t->next)
			if (takes(t, sig)) {
				ts_thread_interrupt(t->t);
				break;
			}
	}
	ts_sched_atomic_end();
}

static int send_locked(int tid, struct ts_signal_node *n, int *dropped)
{
	int sig = n->info.si_signo;
	*dropped = 0;
	if (sig < 1 || sig > TS_NSIG)
		return -EINVAL;
	struct sigthread *target = NULL;
	if (tid) {
		target = sig_thread_find(tid);
		if (!target)
			return -ESRCH;
	}
	/* An ignored signal is dropped when sent, unless it is blocked where it
	 * goes: the program may still change the action before it unblocks.
	 * For the process, the main thread's mask decides (as on Linux). */
	struct sigthread *m = target ? target : sig_thread_find(1);
	if (sig_ignored(sig) && !(m && (m->mask & TS_SIGBIT(sig)))) {
		*dropped = 1;
		return 0;
	}
	struct pendset *s = target ? &target->pending : &sig_proc_pending;
	if (sig < TS_SIGRTMIN && (s->bits & TS_SIGBIT(sig))) {
		*dropped = 1; /* standard signals do not queue */
		return 0;
	}
	enqueue(s, n);
	sig_update_work();
	wake_taker(target, sig);
	return 0;
}

int ts_signal_send(int tid, const struct ts_siginfo *info)
{
	int dropped, r;
	ts_sched_atomic_begin();
	struct ts_signal_node *n = node_alloc();
	if (!n) {
		ts_sched_atomic_end();
		return -EAGAIN;
	}
	n->info = *info;
	n->dequeued = NULL;
	r = send_locked(tid, n, &dropped);
	if (r < 0 || dropped)
		node_release(n);
	ts_sched_atomic_end();
	return r;
}

int ts_signal_send_node(int tid, struct ts_signal_node *n)
{
	int dropped, r;
	ts_sched_atomic_begin();
	if (n->queued)
		r = -EBUSY;
	else if ((r = send_locked(tid, n, &dropped)) == 0)
		r = !dropped;
	ts_sched_atomic_end();
	return r;
}

void ts_signal_node_cancel(struct ts_signal_node *n)
{
	ts_sched_atomic_begin();
	if (n->queued) {
		struct pendset *s = NULL;
		for (struct ts_signal_node *m = sig_proc_pending.head; m && !s; m = m->next)
			if (m == n)
				s = &sig_proc_pending;
		for (struct sigthread *t = threads; t && !s; t = t->next)
			for (struct ts_signal_node *m = t->pending.head; m && !s; m = m->next)
				if (m == n)
					s = &t->pending;
		if (s) {
			/* unqueue takes the first of its number: move n to the front */
			struct ts_signal_node *prev = NULL;
			for (struct ts_signal_node *m = s->head; m != n; m = m->next)
				prev = m;
			if (prev) {
				prev->next = n->next;
				if (s->tail == n)
					s->tail = prev;
				n->next = s->head;
				s->head = n;
			}
			unqueue(s, n->info.si_signo);
		}
		n->queued = 0;
		sig_update_work();
	}
	ts_sched_atomic_end();
}
