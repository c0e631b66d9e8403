/*
 * tessera-fallback.c (a copy of tests/apps/posix-suite's, deleted with it):
 * weak stand-ins, in the Tessera build only, for the
 * two thread entry points musl calls and lib/posix-thread is to define
 * (__tessera_clone, __tessera_unmapself; see lib/musl/patches). Without a
 * thread library the suite still links and its thread checks fail with
 * pthread_create's EAGAIN; once lib/posix-thread defines them, its strong
 * definitions win and these are not used. Delete this file then.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

__attribute__((weak)) int __tessera_clone(int (*fn)(void *), void *stack, int flags, void *arg, pid_t *ptid,
					  void *tls, pid_t *ctid)
{
	(void)fn, (void)stack, (void)flags, (void)arg, (void)ptid, (void)tls, (void)ctid;
	return -ENOSYS;
}

/* Only a detached thread's exit calls it, and no thread was ever made. */
__attribute__((weak, noreturn)) void __tessera_unmapself(void *base, size_t size)
{
	(void)base, (void)size;
	__builtin_trap();
}
