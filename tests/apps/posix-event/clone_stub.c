/*
 * clone_stub.c (Tessera build only): until lib/posix-thread defines
 * __tessera_clone and __tessera_unmapself, these weak stand-ins let the
 * test link; pthread_create then fails and the "threads" checks say so
 * (the group skips them). A strong definition, once linked, wins.
 */
#include <errno.h>
#include <stddef.h>

__attribute__((weak)) int __tessera_clone(int (*func)(void *), void *stack, int flags, void *arg,
					  int *ptid, void *tls, int *ctid)
{
	(void)func, (void)stack, (void)flags, (void)arg, (void)ptid, (void)tls, (void)ctid;
	return -ENOSYS;
}

__attribute__((weak, noreturn)) void __tessera_unmapself(void *base, size_t size)
{
	(void)base, (void)size;
	for (;;)
		;
}
