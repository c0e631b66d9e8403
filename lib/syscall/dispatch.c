/* dispatch.c: __tessera_syscall — the table lookup every system call goes through, and the table built from the .ts_syscalls section. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <ts/boot.h>
#include <ts/hooks.h>
#include <ts/print.h>
#include "syscall_private.h"

extern const struct ts_syscall __ts_syscalls_start[], __ts_syscalls_end[];

static const struct ts_syscall *table[TS_SYSCALL_MAX];
static int table_built;
int ts_syscall_tracing;
volatile int ts_syscall_exit_work;
static uint64_t enosys_logged[TS_SYSCALL_MAX / 64];

/* Built on the first call rather than by an init call: the C library may
 * make system calls (memory for malloc) before any init level runs. */
static void build_table(void)
{
	for (const struct ts_syscall *s = __ts_syscalls_start; s < __ts_syscalls_end; s++) {
		TS_ASSERT(s->nr < TS_SYSCALL_MAX);
		if (table[s->nr])
			ts_panic("syscall %s (%u) is implemented twice", ts_syscall_names[s->nr], s->nr);
		table[s->nr] = s;
	}
	const char *t = ts_boot_param("syscall.trace");
	ts_syscall_tracing = t && strcmp(t, "0") != 0;
	table_built = 1;
}

/* Logged once per number, so a program probing for a call in a loop does
 * not flood the console. */
static long unimplemented(long n)
{
	static int out_of_range_logged; /* numbers beyond the table: once in all */
	if ((unsigned long)n < TS_SYSCALL_MAX) {
		uint64_t bit = 1ull << (n % 64);
		if (enosys_logged[n / 64] & bit)
			return -ENOSYS;
		enosys_logged[n / 64] |= bit;
	} else {
		if (out_of_range_logged)
			return -ENOSYS;
		out_of_range_logged = 1;
	}
	const char *name = ts_syscall_name(n);
	if (name)
		ts_pr_warn("syscall: %s (%ld) is not implemented: ENOSYS\n", name, n);
	else
		ts_pr_warn("syscall: unknown number %ld: ENOSYS\n", n);
	return -ENOSYS;
}

static long slow_path(long n, const long a[6])
{
	if (!table_built)
		build_table();
	if ((unsigned long)n >= TS_SYSCALL_MAX || !table[n]) {
		long r = unimplemented(n);
		if (ts_syscall_tracing)
			ts_syscall_traced(NULL, n, a);
		return r;
	}
	if (ts_syscall_tracing)
		return ts_syscall_traced(table[n], n, a);
	return table[n]->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* Out of line: the common path only tests the flag. */
static __attribute__((noinline)) long exit_work(long n, long r, long a1, long a2, long a3, long a4,
						long a5, long a6)
{
	const long a[6] = { a1, a2, a3, a4, a5, a6 };
	return ts_signal_syscall_exit_hook ? ts_signal_syscall_exit_hook(n, r, a) : r;
}

long __tessera_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	const struct ts_syscall *s;
	long r;
	if (__builtin_expect((unsigned long)n < TS_SYSCALL_MAX && (s = table[n]) && !ts_syscall_tracing, 1)) {
		r = s->fn(a1, a2, a3, a4, a5, a6);
	} else {
		const long a[6] = { a1, a2, a3, a4, a5, a6 };
		r = slow_path(n, a);
	}
	/* Signals are delivered as the call returns (lib/posix-signal). */
	if (__builtin_expect(ts_syscall_exit_work, 0))
		return exit_work(n, r, a1, a2, a3, a4, a5, a6);
	return r;
}

const char *ts_syscall_name(long n)
{
	return (unsigned long)n < TS_SYSCALL_MAX ? ts_syscall_names[n] : NULL;
}

const char *ts_errno_name(long e)
{
	return (unsigned long)e < TS_ERRNO_MAX ? ts_errno_names[e] : NULL;
}
