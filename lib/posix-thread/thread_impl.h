/* thread_impl.h: lib/posix-thread's private per-thread record (tid, clone's addresses) and the calls between its files. */
#ifndef POSIX_THREAD_IMPL_H
#define POSIX_THREAD_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <ts/posix_thread.h>
#include <ts/sched.h>

/* What Linux keeps per thread that lib/sched does not: one per thread that
 * asked for its id or was made by clone. */
struct pthr {
	int tid;
	struct ts_thread *t;     /* NULL while clone builds it */
	int *clear_tid;          /* CLONE_CHILD_CLEARTID / set_tid_address */
	void *robust_head;       /* set_robust_list: stored, used by no one */
	size_t robust_len;
	int policy, prio;        /* sched_setscheduler: stored, not enforced */
	int linux_thread;        /* main or a clone: counted among the live */
	void *unmap_base;        /* __tessera_unmapself: munmap after it ended */
	size_t unmap_size;
	int (*func)(void *);     /* clone: what the new thread runs ... */
	void *arg;
	uintptr_t tls;           /* ... with this thread pointer (CLONE_SETTLS) */
	int set_tls;
	struct pthr *hnext;      /* tid hash chain */
	struct pthr *dead_next;  /* ended, waiting for finish_dead() */
};

/* The calling thread's record, made on first use (tid 1 for the main
 * thread and the boot context before it); NULL only when out of memory. */
struct pthr *pthr_self(void);

/* A new record with a fresh id, in the tid table (find works) but bound to
 * no thread yet; pthr_bind in the new thread binds it. NULL: no memory
 * (*err = -ENOMEM) or no id left (*err = -EAGAIN). Both inside
 * ts_sched_atomic_begin/end. */
struct pthr *pthr_alloc(int *err);
void pthr_bind(struct pthr *p);

/* Detach the calling thread from its record (clone's threads, as they
 * end: the record then lives on until finish_dead frees it). */
void pthr_unbind(void);

/* The record of thread id tid, NULL if none. */
struct pthr *pthr_find(int tid);

/* Take p out of the tid table: its id is free again, find misses it. */
void pthr_unhash(struct pthr *p);

/* Free a record that is no longer in the table (not the main one). */
void pthr_free(struct pthr *p);

/* Whether p is the main thread's record (tid 1, never freed). */
int pthr_is_main(const struct pthr *p);

/* Futex wake for the exit path (futex.c): wake up to n waiters on uaddr
 * whose bitset meets `bitset`; returns how many. */
int ts_futex_wake(uint32_t *uaddr, int n, uint32_t bitset);

#endif
