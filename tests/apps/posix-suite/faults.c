/*
 * faults.c: the "faults" area — hardware exceptions turned into signals:
 * reads and writes the page tables forbid (SIGSEGV with SEGV_MAPERR or
 * SEGV_ACCERR and si_addr), ud2 (SIGILL), division by zero (SIGFPE),
 * int3 (SIGTRAP). Each fault returns through siglongjmp. A check runs only
 * if its handler could be installed; on a system that cannot deliver the
 * signal the program ends here, which is why this area runs last.
 */
#include "suite.h"
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int f_sig, f_code;
static void *volatile f_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	f_sig = sig;
	f_code = si->si_code;
	f_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static int install(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static const char *signame(int s)
{
	switch (s) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGILL: return "SIGILL";
	case SIGFPE: return "SIGFPE";
	case SIGTRAP: return "SIGTRAP";
	case 0: return "none";
	default: return "other";
	}
}

static const char *codename(int sig, int c)
{
	if (sig == SIGSEGV && c == SEGV_MAPERR) return "SEGV_MAPERR";
	if (sig == SIGSEGV && c == SEGV_ACCERR) return "SEGV_ACCERR";
	if (sig == SIGILL && c == ILL_ILLOPN) return "ILL_ILLOPN";
	if (sig == SIGFPE && c == FPE_INTDIV) return "FPE_INTDIV";
	if (c == SI_KERNEL) return "SI_KERNEL";
	static char b[16];
	snprintf(b, sizeof b, "%d", c);
	return b;
}

static volatile int zero;

/* Runs one faulting action kind k at address a; prints what came. */
static void provoke(const char *what, int k, void *a)
{
	f_sig = 0;
	f_code = 0;
	f_addr = (void *)1;
	if (!sigsetjmp(jb, 1)) {
		switch (k) {
		case 0: (void)*(volatile char *)a; break;
		case 1: *(volatile char *)a = 1; break;
		case 2: __asm__ volatile("ud2"); break;
		case 3: zero = 10 / zero; break;
		case 4: __asm__ volatile("int3"); break;
		}
		say(what, "no signal");
		return;
	}
	if (k <= 1)
		say(what, "%s %s, si_addr %s", signame(f_sig), codename(f_sig, f_code), f_addr == a ? "exact" : "WRONG");
	else
		say(what, "%s %s", signame(f_sig), codename(f_sig, f_code));
}

void area_faults(void)
{
	int okseg = !ck("SIGSEGV handler", install(SIGSEGV));
	int okill = !ck("SIGILL handler", install(SIGILL));
	int okfpe = !ck("SIGFPE handler", install(SIGFPE));
	int oktrap = !ck("SIGTRAP handler", install(SIGTRAP));
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int okmap = p != MAP_FAILED && !mprotect(p, 4096, PROT_NONE) && !mprotect(p + 4096, 4096, PROT_READ) &&
		    !munmap(p + 8192, 4096);
	yes("a PROT_NONE, a PROT_READ and an unmapped page set up", okmap);
	if (okseg && okmap) {
		provoke("read of a PROT_NONE page", 0, p + 100);
		provoke("write to a PROT_READ page", 1, p + 4096 + 8);
		provoke("read of an unmapped page", 0, p + 8192 + 16);
		provoke("read of address 0", 0, NULL);
		provoke("write to our own code", 1, (void *)(uintptr_t)area_faults);
		say("the PROT_READ page is intact", "%d", p[4096 + 8]);
	} else {
		for (int i = 0; i < 6; i++)
			notrun("memory faults", "no handler or no mapping");
	}
	if (okill)
		provoke("ud2", 2, NULL);
	else
		notrun("ud2", "no handler");
	if (okfpe)
		provoke("integer division by zero", 3, NULL);
	else
		notrun("integer division by zero", "no handler");
	if (oktrap)
		provoke("int3", 4, NULL);
	else
		notrun("int3", "no handler");
	say("the program goes on after all of them", "yes");
	signal(SIGSEGV, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGTRAP, SIG_DFL);
}
