/* ids.c: the process's identity — pid 1, no parent, root's user and group ids, its own session and process group. */
#include <errno.h>
#include <stdint.h>
#include <ts/syscall.h>
#include "process.h"

/*
 * The instance is one process: pid 1 (as init in a container), parent 0,
 * process group and session 1. Everything runs as root: every user and
 * group id is 0, and setting an id succeeds only for 0 (or -1: leave it),
 * since root giving up its ids could never get them back and nothing
 * here would enforce them; anything else is -EPERM.
 */

TS_SYSCALL_DEFINE0(getpid, ":d")
{
	return PROC_PID;
}

TS_SYSCALL_DEFINE0(getppid, ":d")
{
	return 0;
}

TS_SYSCALL_DEFINE0(getuid, ":d")
{
	return 0;
}

TS_SYSCALL_DEFINE0(geteuid, ":d")
{
	return 0;
}

TS_SYSCALL_DEFINE0(getgid, ":d")
{
	return 0;
}

TS_SYSCALL_DEFINE0(getegid, ":d")
{
	return 0;
}

/* 0 when every id is 0 or -1 ("unchanged"), else -EPERM. */
static long ids_ok(uint32_t a, uint32_t b, uint32_t c)
{
	const uint32_t keep = (uint32_t)-1;

	return ((a && a != keep) || (b && b != keep) || (c && c != keep)) ? -EPERM : 0;
}

TS_SYSCALL_DEFINE1(setuid, "d:d", uint32_t, uid)
{
	return uid == (uint32_t)-1 ? -EINVAL : ids_ok(uid, 0, 0);
}

TS_SYSCALL_DEFINE1(setgid, "d:d", uint32_t, gid)
{
	return gid == (uint32_t)-1 ? -EINVAL : ids_ok(gid, 0, 0);
}

TS_SYSCALL_DEFINE2(setreuid, "dd:d", uint32_t, ruid, uint32_t, euid)
{
	return ids_ok(ruid, euid, 0);
}

TS_SYSCALL_DEFINE2(setregid, "dd:d", uint32_t, rgid, uint32_t, egid)
{
	return ids_ok(rgid, egid, 0);
}

TS_SYSCALL_DEFINE3(setresuid, "ddd:d", uint32_t, ruid, uint32_t, euid, uint32_t, suid)
{
	return ids_ok(ruid, euid, suid);
}

TS_SYSCALL_DEFINE3(setresgid, "ddd:d", uint32_t, rgid, uint32_t, egid, uint32_t, sgid)
{
	return ids_ok(rgid, egid, sgid);
}

/* setfsuid/setfsgid return the previous id (0) whatever they are given. */
TS_SYSCALL_DEFINE1(setfsuid, "d:d", uint32_t, uid)
{
	(void)uid;
	return 0;
}

TS_SYSCALL_DEFINE1(setfsgid, "d:d", uint32_t, gid)
{
	(void)gid;
	return 0;
}

/* getresuid/getresgid: three ids, each written where the program asks. */
static long three_zeros(uint32_t *a, uint32_t *b, uint32_t *c)
{
	if (!ts_user_ok(a, 4, 1) || !ts_user_ok(b, 4, 1) || !ts_user_ok(c, 4, 1))
		return -EFAULT;
	*a = *b = *c = 0;
	return 0;
}

TS_SYSCALL_DEFINE3(getresuid, "ppp:d", uint32_t *, ruid, uint32_t *, euid, uint32_t *, suid)
{
	return three_zeros(ruid, euid, suid);
}

TS_SYSCALL_DEFINE3(getresgid, "ppp:d", uint32_t *, rgid, uint32_t *, egid, uint32_t *, sgid)
{
	return three_zeros(rgid, egid, sgid);
}

/* No supplementary groups: getgroups returns 0 (size < 0 is -EINVAL). */
TS_SYSCALL_DEFINE2(getgroups, "dp:d", int, size, uint32_t *, list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

/* Root may set any list; with nothing to enforce it is accepted and
 * forgotten. More than NGROUPS_MAX (65536) is -EINVAL. */
TS_SYSCALL_DEFINE2(setgroups, "dp:d", int, size, const uint32_t *, list)
{
	if (size < 0 || size > 65536)
		return -EINVAL;
	if (!ts_user_ok(list, (size_t)size * 4, 0))
		return -EFAULT;
	return 0;
}

/* ---- process groups and sessions: pid 1 leads both ---- */

/* pid 0 means the caller: only pid 1 exists (-ESRCH for others). */
static int pid_ok(int pid)
{
	return pid == 0 || pid == PROC_PID;
}

TS_SYSCALL_DEFINE0(getpgrp, ":d")
{
	return PROC_PID;
}

TS_SYSCALL_DEFINE1(getpgid, "d:d", int, pid)
{
	return pid_ok(pid) ? PROC_PID : -ESRCH;
}

TS_SYSCALL_DEFINE1(getsid, "d:d", int, pid)
{
	return pid_ok(pid) ? PROC_PID : -ESRCH;
}

/* setsid: the process already leads session 1; a program that calls it
 * (to detach from its terminal) is told it succeeded and got session 1. */
TS_SYSCALL_DEFINE0(setsid, ":d")
{
	return PROC_PID;
}

/* setpgid: only "pid 1 into group 1", which is how things are. */
TS_SYSCALL_DEFINE2(setpgid, "dd:d", int, pid, int, pgid)
{
	if (pgid < 0)
		return -EINVAL;
	if (!pid_ok(pid))
		return -ESRCH;
	return pid_ok(pgid) ? 0 : -EPERM;
}
