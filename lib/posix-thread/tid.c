/* tid.c: Linux thread ids for lib/sched threads — the tid table, gettid, set_tid_address, robust lists. */
#include <errno.h>
#include <ts/alloc.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "thread_impl.h"

#define TID_MAX 4194304 /* Linux's default pid_max: ids wrap around there */
#define HASH 64         /* a power of two */

static struct pthr *table[HASH];
/* The main thread's record is static: tid 1 exists from the start and is
 * never freed (it is getpid()). */
static struct pthr main_rec = { .tid = 1, .linux_thread = 1 };
static int main_hashed;
static struct ts_thread *boot; /* held tid 1 before main's thread existed */
static unsigned int key;       /* lib/sched per-thread slot: the record */
static int have_key;
static int next_tid = 2;

static struct pthr **chain(int tid)
{
	return &table[(unsigned int)tid & (HASH - 1)];
}

struct pthr *pthr_find(int tid)
{
	for (struct pthr *p = *chain(tid); p; p = p->hnext)
		if (p->tid == tid)
			return p;
	return NULL;
}

static void hash_add(struct pthr *p)
{
	struct pthr **c = chain(p->tid);
	p->hnext = *c;
	*c = p;
}

void pthr_unhash(struct pthr *p)
{
	for (struct pthr **c = chain(p->tid); *c; c = &(*c)->hnext)
		if (*c == p) {
			*c = p->hnext;
			p->hnext = NULL;
			return;
		}
}

int pthr_is_main(const struct pthr *p)
{
	return p == &main_rec;
}

void pthr_free(struct pthr *p)
{
	if (p != &main_rec)
		ts_free(ts_alloc_default(), p);
}

/* lib/sched's exit hook: a thread that ends forgets its id, so that
 * ts_posix_thread_find never returns a freed thread. (clone's threads
 * unbind before they end: exit.c keeps their record until it is safe.) */
static void thread_ends(struct ts_thread *self)
{
	struct pthr *p = ts_tls_get(key);
	if (!p)
		return;
	ts_sched_atomic_begin();
	if (p == &main_rec) {
		/* main() returned: the boot context goes on as tid 1 and calls
		 * exit; it is the process now. */
		main_rec.t = boot;
	} else if (p->t == self) {
		pthr_unhash(p);
		pthr_free(p);
	}
	ts_tls_set(key, NULL);
	ts_sched_atomic_end();
}

/* The per-thread slot and the exit hook, on first use (no init order to
 * get right: musl asks for its tid in an early init call). */
static void setup(void)
{
	if (have_key)
		return;
	if (ts_tls_key_create(&key) < 0)
		ts_panic("posix-thread: no lib/sched per-thread slot left (TS_TLS_KEYS)");
	if (ts_thread_add_exit_hook(thread_ends) < 0)
		ts_panic("posix-thread: no lib/sched exit hook left (TS_THREAD_EXIT_HOOKS)");
	have_key = 1;
}

struct pthr *pthr_alloc(int *err)
{
	struct pthr *p;
	int tid = 0;
	for (int n = 0; n < TID_MAX && !tid; n++) {
		int c = next_tid++;
		if (next_tid >= TID_MAX)
			next_tid = 2;
		if (!pthr_find(c))
			tid = c;
	}
	if (!tid) {
		*err = -EAGAIN;
		return NULL;
	}
	p = ts_calloc(ts_alloc_default(), 1, sizeof(*p));
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	p->tid = tid;
	hash_add(p);
	return p;
}

void pthr_bind(struct pthr *p)
{
	setup();
	ts_tls_set(key, p);
}

void pthr_unbind(void)
{
	setup();
	ts_tls_set(key, NULL);
}

struct pthr *pthr_self(void)
{
	struct ts_thread *self = ts_thread_self(), *main = ts_sched_main_thread();
	struct pthr *p;
	int err;
	setup();
	p = ts_tls_get(key);
	if (p)
		return p;
	ts_sched_atomic_begin();
	if (self == main || (!main && !main_rec.t)) {
		if (!main)
			boot = self; /* musl's start-up, in the boot context */
		main_rec.t = self;
		if (!main_hashed)
			hash_add(&main_rec);
		main_hashed = 1;
		p = &main_rec;
	} else {
		p = pthr_alloc(&err);
		if (p)
			p->t = self;
	}
	if (p)
		ts_tls_set(key, p);
	ts_sched_atomic_end();
	return p;
}

int ts_posix_gettid(void)
{
	struct pthr *p = pthr_self();
	return p ? p->tid : -ENOMEM;
}

struct ts_thread *ts_posix_thread_find(int tid)
{
	ts_sched_atomic_begin();
	struct pthr *p = tid > 0 ? pthr_find(tid) : NULL;
	struct ts_thread *t = p ? p->t : NULL;
	ts_sched_atomic_end();
	return t;
}

TS_SYSCALL_DEFINE0(gettid, ":d")
{
	return ts_posix_gettid();
}

/* The address is only remembered: it is checked when the thread ends and
 * writes there (as Linux, which takes any value here). */
TS_SYSCALL_DEFINE1(set_tid_address, "p:d", int *, tidptr)
{
	struct pthr *p = pthr_self();
	if (!p)
		return -ENOMEM;
	p->clear_tid = tidptr;
	return p->tid;
}

/* struct robust_list_head: three words. Nothing walks the list here: musl
 * and glibc release a dying thread's robust mutexes themselves, and no
 * thread dies without running its exit path. */
#define ROBUST_HEAD_SIZE (3 * sizeof(long))

TS_SYSCALL_DEFINE2(set_robust_list, "pu:d", void *, head, size_t, len)
{
	struct pthr *p;
	if (len != ROBUST_HEAD_SIZE)
		return -EINVAL;
	p = pthr_self();
	if (!p)
		return -ENOMEM;
	p->robust_head = head;
	p->robust_len = len;
	return 0;
}

TS_SYSCALL_DEFINE3(get_robust_list, "dpp:d", int, pid, void **, head_ptr, size_t *, len_ptr)
{
	struct pthr *p;
	void *head;
	if (pid < 0)
		return -ESRCH;
	ts_sched_atomic_begin();
	p = pid ? pthr_find(pid) : NULL;
	ts_sched_atomic_end();
	if (!pid)
		p = pthr_self();
	if (!p)
		return pid ? -ESRCH : -ENOMEM;
	head = p->robust_head;
	if (!ts_user_ok(len_ptr, sizeof(*len_ptr), 1) || !ts_user_ok(head_ptr, sizeof(*head_ptr), 1))
		return -EFAULT;
	*len_ptr = ROBUST_HEAD_SIZE; /* as Linux: the size of a head, always */
	*head_ptr = head;
	return 0;
}
