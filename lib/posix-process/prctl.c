/* prctl.c: prctl — the process's name and the few per-process switches programs set; the rest is -EINVAL. */
#include <errno.h>
#include <string.h>
#include <ts/lock.h>
#include <ts/syscall.h>
#include "process.h"

#define PR_SET_PDEATHSIG    1
#define PR_GET_PDEATHSIG    2
#define PR_GET_DUMPABLE     3
#define PR_SET_DUMPABLE     4
#define PR_SET_NAME         15
#define PR_GET_NAME         16
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39

#define SIG_MAX 64

/*
 * One name for the process (Linux keeps one per thread: lib/sched's
 * thread names are fixed at creation, so a thread renaming itself
 * renames the process here). The switches are stored and read back;
 * none changes anything: there is no core dump, no parent to lose and
 * nothing to execute with more privilege.
 */
static struct ts_mutex lock = TS_MUTEX_INIT;
#define PROC_NAME_LEN 16 /* Linux's TASK_COMM_LEN: 15 bytes and a NUL */
static char name[PROC_NAME_LEN]; /* the app's name until set: see name_get */
static int name_set;
static int dumpable = 1, no_new_privs, pdeathsig;

/* Copy the name into buf (16 bytes). */
static void name_get(char buf[PROC_NAME_LEN])
{
	ts_mutex_lock(&lock);
	if (!name_set) {
		strncpy(name, PROC_APP_NAME, PROC_NAME_LEN - 1);
		name_set = 1;
	}
	memcpy(buf, name, PROC_NAME_LEN);
	ts_mutex_unlock(&lock);
}

/* Up to 15 bytes of the program's string, byte by byte: Linux reads no
 * further, so a name ending at the edge of readable memory is fine. */
static long set_name(const char *s)
{
	char buf[PROC_NAME_LEN] = { 0 };

	for (int i = 0; i < PROC_NAME_LEN - 1; i++) {
		if (!ts_user_ok(s + i, 1, 0))
			return -EFAULT;
		if (!(buf[i] = s[i]))
			break;
	}
	ts_mutex_lock(&lock);
	memcpy(name, buf, PROC_NAME_LEN);
	name_set = 1;
	ts_mutex_unlock(&lock);
	return 0;
}

TS_SYSCALL_DEFINE5(prctl, "dxxxx:d", int, option, unsigned long, a2, unsigned long, a3,
		   unsigned long, a4, unsigned long, a5)
{
	switch (option) {
	case PR_SET_NAME:
		return set_name((const char *)a2);
	case PR_GET_NAME:
		if (!ts_user_ok((void *)a2, PROC_NAME_LEN, 1))
			return -EFAULT;
		name_get((char *)a2);
		return 0;
	case PR_SET_DUMPABLE:
		if (a2 > 1)
			return -EINVAL;
		__atomic_store_n(&dumpable, (int)a2, __ATOMIC_RELAXED);
		return 0;
	case PR_GET_DUMPABLE:
		return __atomic_load_n(&dumpable, __ATOMIC_RELAXED);
	case PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		__atomic_store_n(&no_new_privs, 1, __ATOMIC_RELAXED);
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return __atomic_load_n(&no_new_privs, __ATOMIC_RELAXED);
	case PR_SET_PDEATHSIG:
		if (a2 > SIG_MAX)
			return -EINVAL;
		__atomic_store_n(&pdeathsig, (int)a2, __ATOMIC_RELAXED);
		return 0;
	case PR_GET_PDEATHSIG:
		if (!ts_user_ok((void *)a2, sizeof(int), 1))
			return -EFAULT;
		*(int *)a2 = __atomic_load_n(&pdeathsig, __ATOMIC_RELAXED);
		return 0;
	default:
		return -EINVAL;
	}
}
