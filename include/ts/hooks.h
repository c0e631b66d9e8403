/* Optional hooks: functions a library defines when it is linked, which lower layers call only if it is. */
#ifndef TS_HOOKS_H
#define TS_HOOKS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Each hook is declared here once, as an ordinary prototype: the library
 * that defines it includes this header (through its own), so the compiler
 * checks the definition against the same declaration its callers use, and
 * the definition stays a strong symbol.
 *
 * A caller that must also work without the provider (arch, plat, nolibc)
 * calls the hook through its weak reference, NAME_hook below: a static
 * alias that is NULL when the provider is not linked, so the call is
 * guarded by "if (NAME_hook)" and no library has to depend on the
 * provider. A caller that requires the provider (its Kconfig option
 * depends on it) calls NAME itself.
 */

/* ---- lib/sched -------------------------------------------------------------- */

/*
 * For the crash report: why touching addr faulted, when it lies in the
 * guard page of the running thread's stack ("stack overflow: ..."); NULL
 * otherwise.
 */
const char *ts_sched_fault_explain(uintptr_t addr);

/* For crash reports and panics: the running thread's name, NULL before the
 * scheduler runs. */
const char *ts_sched_crash_name(void);

/* Let the other runnable threads run first (lib/blk yields this way while
 * it polls a device for a completion). */
void ts_thread_yield(void);

/* Sleep the calling thread until ts_plat_monotonic_ns() >= deadline_ns
 * (the other threads keep running). */
void ts_thread_sleep_until(uint64_t deadline_ns);

/* 1 if the calling thread has an interrupt kept for it (a signal waiting
 * to be delivered, lib/posix-signal), without dropping it: a wait that is
 * not itself interruptible (a console read polling in slices) checks it
 * between slices and returns EINTR. 0 outside any thread. */
int ts_thread_interrupted(void);

/*
 * Critical sections against preemption: between begin and end the calling
 * thread is not preempted (a timer interrupt is remembered and acted on at
 * the matching end). Nestable, per thread; cheap. lib/sched's own calls and
 * lib/lock use them; anything that updates state shared between threads
 * without a lock should too (malloc does). Without a preemptive scheduler
 * they cost an increment and a decrement.
 */
void ts_sched_atomic_begin(void);
void ts_sched_atomic_end(void);

/* ---- the C library (lib/musl) --------------------------------------------- */

/*
 * Called by lib/boot right before main, in the boot context, with main's
 * arguments: a C library that needs it finishes its start-up there (musl:
 * the program name, the program's constructors).
 */
void ts_libc_before_main(int argc, char *argv[]);

/* ---- lib/posix-memory ----------------------------------------------------- */

/*
 * For lib/syscall's pointer check: 0 when [start, end) overlaps a mapping
 * the access may not touch (PROT_NONE; not writable, for write != 0),
 * else 1 (memory outside the mappings is ts_user_ok's to judge). Takes
 * the mappings' lock when some mapping was ever made less than writable:
 * call it only from a system call, never from a fault or interrupt.
 */
int ts_mem_access_ok(uintptr_t start, uintptr_t end, int write);

struct ts_vnode;

/*
 * Called by lib/vfs after every write of len bytes at file offset off to
 * the file of vn, from buf (write, pwrite, writev, ...): the shared
 * mappings of that file that show those bytes get them, as Linux's shared
 * page cache shows them at once.
 */
void ts_mem_file_written(const struct ts_vnode *vn, uint64_t off, const void *buf, size_t len);

/* ---- lib/posix-signal ----------------------------------------------------- */

struct ts_trap_frame;

/*
 * Called by lib/syscall after a system call's handler returned ret, when
 * ts_syscall_exit_work (<ts/syscall.h>) is set: deliver the calling
 * thread's pending signals (run their handlers, or their default action)
 * and return the call's result — ret, or the result of the call made again
 * (n with args) when a handler with SA_RESTART interrupted it.
 */
long ts_signal_syscall_exit(long n, long ret, const long args[6]);

/*
 * Called by the crash handler (arch) before it reports a fault, on the
 * crash stack with the trap's registers in *f: when the program handles
 * the matching signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP), run its
 * handler on the faulting thread and resume the (possibly changed)
 * context — it does not return then. Returns 0 to let the crash report
 * go on.
 */
int ts_signal_fault(struct ts_trap_frame *f);

/*
 * Called once when the host asks the instance to shut down (tess stop):
 * send SIGTERM to the program, which then runs its handler, or ends with
 * status 143 after the fini handlers (the default action). Without
 * lib/posix-signal, plat/common ends the instance that way itself.
 */
void ts_signal_stop_request(void);

/* Weak references to the hooks above (NULL without lib/sched, a C
 * library that needs the call, lib/posix-memory or lib/posix-signal). */
static __typeof__(ts_sched_fault_explain) ts_sched_fault_explain_hook
	__attribute__((weakref("ts_sched_fault_explain")));
static __typeof__(ts_sched_crash_name) ts_sched_crash_name_hook
	__attribute__((weakref("ts_sched_crash_name")));
static __typeof__(ts_thread_yield) ts_thread_yield_hook
	__attribute__((weakref("ts_thread_yield")));
static __typeof__(ts_thread_sleep_until) ts_thread_sleep_until_hook
	__attribute__((weakref("ts_thread_sleep_until")));
static __typeof__(ts_thread_interrupted) ts_thread_interrupted_hook
	__attribute__((weakref("ts_thread_interrupted")));
static __typeof__(ts_sched_atomic_begin) ts_sched_atomic_begin_hook
	__attribute__((weakref("ts_sched_atomic_begin")));
static __typeof__(ts_sched_atomic_end) ts_sched_atomic_end_hook
	__attribute__((weakref("ts_sched_atomic_end")));
static __typeof__(ts_libc_before_main) ts_libc_before_main_hook
	__attribute__((weakref("ts_libc_before_main")));
static __typeof__(ts_mem_access_ok) ts_mem_access_ok_hook
	__attribute__((weakref("ts_mem_access_ok")));
static __typeof__(ts_mem_file_written) ts_mem_file_written_hook
	__attribute__((weakref("ts_mem_file_written")));
static __typeof__(ts_signal_syscall_exit) ts_signal_syscall_exit_hook
	__attribute__((weakref("ts_signal_syscall_exit")));
static __typeof__(ts_signal_stop_request) ts_signal_stop_request_hook
	__attribute__((weakref("ts_signal_stop_request")));
static __typeof__(ts_signal_fault) ts_signal_fault_hook
	__attribute__((weakref("ts_signal_fault")));

#endif
