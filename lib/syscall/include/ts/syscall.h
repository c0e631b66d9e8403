/* lib/syscall: the Linux system call table — numbers to the functions of the libraries that implement them. */
#ifndef TS_SYSCALL_H
#define TS_SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include <ts/syscall_nr.h>

/* Numbers 0..TS_SYSCALL_MAX-1 may be implemented (Linux x86_64 uses 0..450). */
#define TS_SYSCALL_MAX 512

/*
 * The entry point: system call n with its six arguments, as the syscall
 * instruction would pass them. Returns the result, or -errno (-ENOSYS for a
 * number nobody implements; it is logged once, by name). musl's patched
 * syscall_arch.h declares the same function (lib/musl/patches); native
 * Tessera code may call it too, or the implementing library directly.
 * Costs a bounds check and an indirect call.
 */
long __tessera_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * Nonzero while a library has work for the end of every system call:
 * lib/posix-signal sets it while signals are pending and clears it when
 * none is. __tessera_syscall then calls ts_signal_syscall_exit
 * (<ts/hooks.h>) after the handler; otherwise that costs one
 * well-predicted branch.
 */
extern volatile int ts_syscall_exit_work;

typedef long (*ts_syscall_fn)(long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * One implemented system call, placed in the .ts_syscalls section by
 * TS_SYSCALL_DEFINEn; the table is built from the section on first use.
 * Two libraries defining the same number stop the boot with a message.
 *
 * fmt gives, for the trace (kernel option syscall.trace=1), one letter
 * per argument and then, after ':', one for the result:
 *   d  int, decimal          l  long, decimal        u  unsigned long
 *   x  hexadecimal           o  octal (modes)        p  pointer (NULL or 0x...)
 *   f  file descriptor (AT_FDCWD shown by name)
 *   s  NUL-terminated string, quoted (up to 64 bytes shown)
 *   b  buffer the call reads, its length the next argument (shown quoted)
 *   B  buffer the call fills, its length the result (shown quoted, after)
 * A negative result is always shown as "-1 ENAME (message)", as strace does.
 */
struct ts_syscall {
	ts_syscall_fn fn;
	const char *fmt;
	unsigned short nr;
};

#define TS__SYSCALL_REG(name, fmt_, entry)                                                    \
	static const struct ts_syscall ts__syscall_##name                                     \
		__attribute__((used, aligned(8), section(".ts_syscalls"))) = {                \
			.fn = entry, .fmt = fmt_, .nr = TS_NR_##name }

/*
 * Define the system call `name` (its Linux name: TS_NR_name must exist),
 * implemented by the function body that follows, with typed parameters:
 *
 *   TS_SYSCALL_DEFINE3(read, "fBu:l", int, fd, void *, buf, size_t, count)
 *   {
 *           ...
 *           return n;  // or -EBADF, ...
 *   }
 *
 * The body returns long: the result, or -errno. Arguments arrive exactly
 * as the program passed them: check every pointer with ts_user_ok() and
 * every flag word against what the call knows.
 */
#define TS__SYSCALL_DEFINE(name, fmt, params, args)                                           \
	static long ts_sys_##name params;                                                     \
	static long ts_sys_##name##_entry(long a1, long a2, long a3, long a4, long a5,        \
					  long a6)                                            \
	{                                                                                     \
		(void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;                   \
		return ts_sys_##name args;                                                    \
	}                                                                                     \
	TS__SYSCALL_REG(name, fmt, ts_sys_##name##_entry);                                    \
	static long ts_sys_##name params

#define TS_SYSCALL_DEFINE0(name, fmt) TS__SYSCALL_DEFINE(name, fmt, (void), ())
#define TS_SYSCALL_DEFINE1(name, fmt, t1, p1) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1), ((t1)a1))
#define TS_SYSCALL_DEFINE2(name, fmt, t1, p1, t2, p2) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1, t2 p2), ((t1)a1, (t2)a2))
#define TS_SYSCALL_DEFINE3(name, fmt, t1, p1, t2, p2, t3, p3) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1, t2 p2, t3 p3), ((t1)a1, (t2)a2, (t3)a3))
#define TS_SYSCALL_DEFINE4(name, fmt, t1, p1, t2, p2, t3, p3, t4, p4) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1, t2 p2, t3 p3, t4 p4), ((t1)a1, (t2)a2, (t3)a3, (t4)a4))
#define TS_SYSCALL_DEFINE5(name, fmt, t1, p1, t2, p2, t3, p3, t4, p4, t5, p5) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1, t2 p2, t3 p3, t4 p4, t5 p5),   \
			   ((t1)a1, (t2)a2, (t3)a3, (t4)a4, (t5)a5))
#define TS_SYSCALL_DEFINE6(name, fmt, t1, p1, t2, p2, t3, p3, t4, p4, t5, p5, t6, p6) \
	TS__SYSCALL_DEFINE(name, fmt, (t1 p1, t2 p2, t3 p3, t4 p4, t5 p5, t6 p6),     \
			   ((t1)a1, (t2)a2, (t3)a3, (t4)a4, (t5)a5, (t6)a6))

/* The end of the user half of x86-64's addresses (Linux's TASK_SIZE):
 * what Linux's access_ok compares a range with, and the limit of a thread
 * pointer. */
#define TS_USER_TOP (1ull << 47)

/*
 * The one check of a program's pointer: nonzero when [p, p + len) lies in
 * memory the program may read (write == 0) or write (write != 0) — the
 * command line (argv), the heap's RAM below the image, the image's user
 * text/rodata (read only) and data, and RAM above the image — without
 * wrapping around. len 0 is always fine.
 * Every syscall taking a pointer checks it here and returns -EFAULT when
 * it fails, so a wild pointer never faults inside the kernel's libraries.
 * With lib/posix-memory it also refuses PROT_NONE mappings, and read-only
 * ones for write != 0 (ts_mem_access_ok in <ts/hooks.h>); it does not
 * know lib/sched's thread guard pages. Call it only from a system call
 * (it may take lib/posix-memory's lock).
 */
int ts_user_ok(const void *p, size_t len, int write);

/*
 * Check a NUL-terminated string of the program: returns its length
 * (without the NUL), -EFAULT when it is not readable, or -ENAMETOOLONG
 * when no NUL comes within max bytes.
 */
long ts_user_strlen(const char *s, size_t max);

/* The name of system call n ("read"), or NULL for a number Linux lacks. */
const char *ts_syscall_name(long n);

/* The symbolic name of errno value e ("ENOENT"), or NULL. */
const char *ts_errno_name(long e);

#endif
