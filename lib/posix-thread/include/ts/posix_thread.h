/* lib/posix-thread: Linux threads (clone, futex, thread ids) on lib/sched threads — the contract for other libraries. */
#ifndef TS_POSIX_THREAD_H
#define TS_POSIX_THREAD_H

#include <stddef.h>

struct ts_thread;

/*
 * The calling thread's Linux thread id (what gettid returns). The main
 * thread is 1, which is also getpid(): the thread that runs main() and,
 * before it exists, the boot context (musl asks there, at start-up). Any
 * other lib/sched thread gets the next free id on first use (clone gives
 * one at creation); ids are not reused while their thread lives. Never
 * fails (an id whose bookkeeping finds no memory is still returned, but
 * ts_posix_thread_find cannot find it).
 */
int ts_posix_gettid(void);

/*
 * The live thread whose Linux id is tid, or NULL when none has it (an
 * ended thread is forgotten before it is freed). For tkill/tgkill and
 * anything else that addresses a thread by id.
 */
struct ts_thread *ts_posix_thread_find(int tid);

/*
 * Called by musl's __clone (lib/musl/patches): start a thread running
 * func(arg) on `stack` (its initial stack pointer) with the thread pointer
 * tls. flags must be a thread clone as musl's and glibc's pthread_create
 * make it (CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM, with SETTLS,
 * PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID, DETACHED optional, no exit
 * signal). PARENT_SETTID / CHILD_SETTID store the new id in *ptid / *ctid
 * before the thread runs; CHILD_CLEARTID makes its end store 0 in *ctid
 * and futex-wake one waiter there. When func returns, the thread ends as
 * the exit system call does, with func's result as status.
 * Returns the new thread's id, or -ENOSYS for any other clone (fork, vfork:
 * no new address space here; logged), -EINVAL for unknown flags or a NULL
 * func/stack, -EFAULT for a bad ptid/ctid, -ENOMEM, -EAGAIN (no id left).
 */
int __tessera_clone(int (*func)(void *), void *stack, int flags, void *arg, int *ptid, void *tls,
		    int *ctid); /* pid_t is int */

/*
 * Called by musl's __unmapself: a detached thread ending frees its own
 * stack mapping [base, base + size). The mapping is unmapped (munmap) once
 * the thread no longer runs on it — by the next thread that creates or
 * ends a thread — and the thread ends as exit(0) does.
 */
_Noreturn void __tessera_unmapself(void *base, size_t size);

#endif
