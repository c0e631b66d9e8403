/* priority.c: getpriority and setpriority — the process's nice value, stored and reported. */
#include <errno.h>
#include <ts/syscall.h>
#include "process.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

/*
 * One nice value for the process (0 at boot), kept so that nice() and
 * getpriority() read back what was set. It changes nothing: lib/sched's
 * priorities are per thread and set when a thread is made. The
 * targets: PRIO_PROCESS and PRIO_PGRP 0 or 1 (us), PRIO_USER 0 (root);
 * others -ESRCH, an unknown which -EINVAL.
 */
static int nice_value;

static long target_ok(int which, int who)
{
	switch (which) {
	case PRIO_PROCESS:
	case PRIO_PGRP:
		return who == 0 || who == PROC_PID ? 0 : -ESRCH;
	case PRIO_USER:
		return who == 0 ? 0 : -ESRCH;
	default:
		return -EINVAL;
	}
}

/* The system call returns 20 - nice (1..40), so that no result looks
 * like an error; the C library turns it back. */
TS_SYSCALL_DEFINE2(getpriority, "dd:d", int, which, int, who)
{
	long err = target_ok(which, who);

	return err ? err : 20 - __atomic_load_n(&nice_value, __ATOMIC_RELAXED);
}

/* Values beyond -20..19 are clamped, as on Linux; root may lower it. */
TS_SYSCALL_DEFINE3(setpriority, "ddd:d", int, which, int, who, int, prio)
{
	long err = target_ok(which, who);

	if (err)
		return err;
	if (prio < -20)
		prio = -20;
	if (prio > 19)
		prio = 19;
	__atomic_store_n(&nice_value, prio, __ATOMIC_RELAXED);
	return 0;
}
