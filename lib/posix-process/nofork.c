/* nofork.c: fork, vfork, execve, execveat, wait4, waitid — a unikernel runs one program: ENOSYS, and a line saying so. */
#include <errno.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "process.h"

/*
 * Each call logs one line every time (not once, as lib/syscall does for
 * calls nobody implements): a program that forks is about to take a path
 * that cannot work, and the line names the program and the call so that
 * whoever reads the console knows why.
 */
static long refuse(const char *call, const char *why)
{
	ts_pr_warn("posix-process: %s called %s(): a unikernel runs one program; %s (ENOSYS)\n",
		   PROC_APP_NAME, call, why);
	return -ENOSYS;
}

TS_SYSCALL_DEFINE0(fork, ":d")
{
	return refuse("fork", "fork is not supported");
}

TS_SYSCALL_DEFINE0(vfork, ":d")
{
	return refuse("vfork", "vfork is not supported");
}

TS_SYSCALL_DEFINE3(execve, "spp:d", const char *, path, char *const *, argv, char *const *, envp)
{
	(void)path, (void)argv, (void)envp;
	return refuse("execve", "no other program can be started");
}

TS_SYSCALL_DEFINE5(execveat, "fsppx:d", int, dirfd, const char *, path, char *const *, argv,
		   char *const *, envp, int, flags)
{
	(void)dirfd, (void)path, (void)argv, (void)envp, (void)flags;
	return refuse("execveat", "no other program can be started");
}

TS_SYSCALL_DEFINE4(wait4, "dppx:d", int, pid, int *, status, int, options, void *, ru)
{
	(void)pid, (void)status, (void)options, (void)ru;
	return refuse("wait4", "there are no child processes to wait for");
}

TS_SYSCALL_DEFINE5(waitid, "ddpxp:d", int, idtype, int, id, void *, info, int, options, void *, ru)
{
	(void)idtype, (void)id, (void)info, (void)options, (void)ru;
	return refuse("waitid", "there are no child processes to wait for");
}
