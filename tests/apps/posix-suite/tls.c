/*
 * tls.c: the "tls" area — thread-local storage: initial values in new
 * threads, separate copies, alignment, zeroed TLS BSS, errno per thread,
 * and the thread pointer's self-reference the x86_64 TLS ABI requires.
 */
#include "suite.h"
#include <pthread.h>
#include <string.h>

static __thread int tls_init = 42;
static __thread long tls_bss[512];
static __thread _Alignas(64) char tls_aligned[3] = { 'a', 'b', 'c' };

struct seen {
	int init, bss_zero, aligned, chars_ok, errno_seen;
	void *addr;
	void *fs0;
};

static void *look(void *arg)
{
	struct seen *s = arg;
	s->init = tls_init;
	int z = 1;
	for (int i = 0; i < 512; i++)
		z &= tls_bss[i] == 0;
	s->bss_zero = z;
	s->aligned = ((uintptr_t)tls_aligned % 64) == 0;
	s->chars_ok = !memcmp(tls_aligned, "abc", 3);
	s->addr = &tls_init;
	tls_init = 7;
	tls_bss[100] = 5;
	errno = EDOM;
	s->errno_seen = errno;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(s->fs0));
	return NULL;
}

void area_tls(void)
{
	say("main: initial value", "%d", tls_init);
	yes("main: alignment 64 kept", ((uintptr_t)tls_aligned % 64) == 0);
	yes("main: initialised bytes", !memcmp(tls_aligned, "abc", 3));
	void *fs0;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(fs0));
	yes("main: %fs:0 points to itself (TLS ABI)", fs0 != NULL && *(void **)fs0 == fs0);
	tls_init = 43;
	tls_bss[100] = 9;
	errno = 0;

	struct seen s;
	memset(&s, 0, sizeof s);
	pthread_t t;
	if (!ckerr("a thread", pthread_create(&t, NULL, look, &s))) {
		pthread_join(t, NULL);
		say("thread: initial value (main changed its own)", "%d", s.init);
		yes("thread: TLS BSS zero", s.bss_zero);
		yes("thread: alignment 64 kept", s.aligned);
		yes("thread: initialised bytes", s.chars_ok);
		yes("thread: its own copy's address", s.addr != &tls_init);
		yes("thread: %fs:0 points to itself, another block", s.fs0 != NULL && s.fs0 != fs0);
		say("thread: its errno", "%s", errname(s.errno_seen));
	} else {
		for (int i = 0; i < 7; i++)
			notrun("thread TLS", "no thread");
	}
	say("main: value after the thread", "%d", tls_init);
	say("main: tls_bss[100] after the thread", "%ld", tls_bss[100]);
	say("main: errno after the thread set its own", "%d", errno);
}
