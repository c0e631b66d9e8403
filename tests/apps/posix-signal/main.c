/* posix-signal: signal handlers, masks, waits, sending, faults as signals and default actions, built for the host (glibc) and for Tessera (musl); both print the same lines.
 * Argument: "all" (the default) runs every check that returns; "term",
 * "abort", "segv-dfl", "kill" end the program the default way. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* Tessera before lib/posix-process has getpid (ENOSYS): the instance is
 * process 1. */
static pid_t self_pid(void)
{
	pid_t p = getpid();
	return p > 0 ? p : 1;
}

/* Likewise for gettid before lib/posix-thread: the main thread is 1. */
static pid_t self_tid(void)
{
	pid_t t = (pid_t)syscall(SYS_gettid);
	return t > 0 ? t : 1;
}

static const char *err_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	default: return "other";
	}
}

static const char *res(int r) { return r == 0 ? "0" : err_name(errno); }

static const char *code_name(int sig, int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TKILL: return "SI_TKILL";
	case SI_TIMER: return "SI_TIMER";
	case SI_KERNEL: return "SI_KERNEL";
	}
	if (sig == SIGSEGV && code == SEGV_MAPERR) return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == SEGV_ACCERR) return "SEGV_ACCERR";
	if (sig == SIGFPE && code == FPE_INTDIV) return "FPE_INTDIV";
	if (sig == SIGILL && code == ILL_ILLOPN) return "ILL_ILLOPN";
	return "other";
}

/* What handlers saw, in order. */
static volatile int seen[64], nseen;
static volatile int seen_code, seen_pid, seen_value, seen_blocked_self, seen_blocked_usr2;
static volatile int seen_onstack, seen_ss_flags, seen_ss_eperm;
static volatile uintptr_t seen_addr;
static char *alt_base;
static size_t alt_size;

static void record(int sig, siginfo_t *si)
{
	if (nseen < 64)
		seen[nseen++] = sig;
	seen_code = si->si_code;
	seen_pid = si->si_pid;
	seen_value = si->si_value.sival_int;
}

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	record(sig, si);
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	seen_blocked_self = sigismember(&cur, sig);
	seen_blocked_usr2 = sigismember(&cur, SIGUSR2);
}

static void on_plain(int sig)
{
	if (nseen < 64)
		seen[nseen++] = sig;
}

static void set_handler(int sig, void (*h)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO | flags;
	if (mask)
		sa.sa_mask = *mask;
	sigaction(sig, &sa, NULL);
}

static void set_plain(int sig, void (*h)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigaction(sig, &sa, NULL);
}

static const char *signame(int sig)
{
	static char buf[16];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		snprintf(buf, sizeof(buf), "RTMIN+%d", sig - SIGRTMIN);
		return buf;
	}
	switch (sig) {
	case SIGUSR1: return "USR1";
	case SIGUSR2: return "USR2";
	case SIGTERM: return "TERM";
	case SIGCHLD: return "CHLD";
	default: snprintf(buf, sizeof(buf), "%d", sig); return buf;
	}
}

static void print_seen(const char *what)
{
	printf("%s: %d ran:", what, nseen);
	for (int i = 0; i < nseen; i++)
		printf(" %s", signame(seen[i]));
	printf("\n");
	nseen = 0;
}

static int is_pending(int sig)
{
	sigset_t p;
	sigpending(&p);
	return sigismember(&p, sig);
}

static void block(int sig, int how)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static void part_basics(void)
{
	set_handler(SIGUSR1, on_sig, 0, NULL);
	set_handler(SIGUSR2, on_sig, 0, NULL);
	raise(SIGUSR1);
	print_seen("raise USR1");
	printf("raise: si_code %s, si_pid ours %s, own signal blocked in handler %d\n", code_name(SIGUSR1, seen_code),
	       seen_pid == self_pid() ? "yes" : "no", seen_blocked_self);
	kill(self_pid(), SIGUSR2);
	print_seen("kill USR2");
	printf("kill: si_code %s, si_pid ours %s\n", code_name(SIGUSR2, seen_code), seen_pid == self_pid() ? "yes" : "no");
	printf("tgkill self: %s\n", res((int)syscall(SYS_tgkill, self_pid(), self_tid(), SIGUSR1)));
	print_seen("tgkill USR1");
	printf("tkill self: %s, si_code %s\n", res((int)syscall(SYS_tkill, self_tid(), SIGUSR2)), code_name(SIGUSR2, seen_code));
	print_seen("tkill USR2");

	/* errors */
	printf("kill sig 0: %s\n", res(kill(self_pid(), 0)));
	printf("kill sig 65: %s\n", res(kill(self_pid(), 65)));
	printf("kill no such pid: %s\n", res(kill(0x3ffffff0, SIGUSR1)));
	printf("tgkill no such tid: %s\n", res((int)syscall(SYS_tgkill, self_pid(), 0x3ffffff0, SIGUSR1)));
	printf("tgkill tid -1: %s\n", res((int)syscall(SYS_tgkill, self_pid(), -1, SIGUSR1)));
	printf("tkill tid 0: %s\n", res((int)syscall(SYS_tkill, 0, SIGUSR1)));
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	printf("sigaction SIGKILL: %s\n", res(sigaction(SIGKILL, &sa, NULL)));
	printf("sigaction SIGSTOP: %s\n", res(sigaction(SIGSTOP, &sa, NULL)));
	printf("sigaction 0: %s\n", res(sigaction(0, &sa, NULL)));
	printf("sigaction 65: %s\n", res(sigaction(65, &sa, NULL)));
	printf("query SIGKILL: %s\n", res(sigaction(SIGKILL, NULL, &sa)));
	sigset_t s;
	sigemptyset(&s);
	printf("sigprocmask how 7: %s\n", res((int)syscall(SYS_rt_sigprocmask, 7, &s, NULL, 8)));
	printf("sigprocmask setsize 4: %s\n", res((int)syscall(SYS_rt_sigprocmask, SIG_BLOCK, &s, NULL, 4)));
	printf("sigprocmask bad pointer: %s\n", res((int)syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8)));

	/* SIGKILL and SIGSTOP cannot be blocked */
	sigfillset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
	sigprocmask(SIG_SETMASK, NULL, &s);
	printf("block everything: KILL blocked %d, STOP blocked %d, USR1 blocked %d\n", sigismember(&s, SIGKILL),
	       sigismember(&s, SIGSTOP), sigismember(&s, SIGUSR1));
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
}

static void part_masks(void)
{
	set_handler(SIGUSR1, on_sig, 0, NULL);
	set_handler(SIGUSR2, on_sig, 0, NULL);
	block(SIGUSR1, SIG_BLOCK);
	raise(SIGUSR1);
	print_seen("blocked USR1 raised");
	printf("USR1 pending: %d, USR2 pending: %d\n", is_pending(SIGUSR1), is_pending(SIGUSR2));
	block(SIGUSR1, SIG_UNBLOCK);
	print_seen("after unblocking");
	printf("USR1 pending: %d\n", is_pending(SIGUSR1));

	/* standard signals do not queue; real-time ones do, in order */
	int rt = SIGRTMIN + 1;
	set_handler(rt, on_sig, 0, NULL);
	sigset_t s, old;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, rt);
	sigprocmask(SIG_BLOCK, &s, &old);
	raise(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	for (int v = 1; v <= 3; v++)
		sigqueue(self_pid(), rt, (union sigval){ .sival_int = v * 10 });
	raise(SIGUSR2);
	sigprocmask(SIG_SETMASK, &old, NULL);
	print_seen("three USR1, three RTMIN+1, one USR2 unblocked");
	printf("last: si_code %s, value %d\n", code_name(rt, seen_code), seen_value);

	/* sa_mask and SA_NODEFER */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	set_handler(SIGUSR1, on_sig, 0, &s);
	raise(SIGUSR1);
	printf("sa_mask USR2: own blocked %d, USR2 blocked %d\n", seen_blocked_self, seen_blocked_usr2);
	set_handler(SIGUSR1, on_sig, SA_NODEFER, NULL);
	raise(SIGUSR1);
	printf("SA_NODEFER: own blocked %d, USR2 blocked %d\n", seen_blocked_self, seen_blocked_usr2);
	nseen = 0;

	/* SA_RESETHAND: once, then the default */
	set_handler(SIGUSR1, on_sig, SA_RESETHAND, NULL);
	raise(SIGUSR1);
	struct sigaction q;
	sigaction(SIGUSR1, NULL, &q);
	print_seen("SA_RESETHAND");
	printf("SA_RESETHAND: action afterwards is SIG_DFL: %s\n", q.sa_handler == SIG_DFL ? "yes" : "no");

	/* ignoring */
	set_plain(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	print_seen("SIG_IGN");
	set_handler(SIGUSR1, on_sig, 0, NULL);
	block(SIGUSR1, SIG_BLOCK);
	raise(SIGUSR1);
	printf("blocked and pending: %d\n", is_pending(SIGUSR1));
	set_plain(SIGUSR1, SIG_IGN);
	printf("after SIG_IGN: pending %d\n", is_pending(SIGUSR1));
	set_handler(SIGUSR1, on_sig, 0, NULL);
	block(SIGUSR1, SIG_UNBLOCK);
	print_seen("unblocked");
	set_plain(SIGCHLD, SIG_DFL);
	raise(SIGCHLD);
	raise(SIGWINCH);
	raise(SIGURG);
	raise(SIGCONT);
	printf("CHLD, WINCH, URG, CONT by default: still here\n");

	/* delivery order: lowest number first */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, rt);
	sigprocmask(SIG_BLOCK, &s, &old);
	raise(rt);
	raise(SIGUSR2);
	raise(SIGUSR1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	print_seen("order");

	/* a handler's own signals */
	set_plain(SIGUSR2, on_plain);
	set_handler(SIGUSR1, on_sig, 0, NULL);
	raise(SIGUSR1);
	raise(SIGUSR2);
	print_seen("plain handler");
}

static volatile int nested_depth;
static void on_nest(int sig)
{
	if (nseen < 64)
		seen[nseen++] = sig;
	if (sig == SIGUSR1)
		raise(SIGUSR2);
}

static void part_waits(void)
{
	set_plain(SIGUSR1, on_nest);
	set_plain(SIGUSR2, on_nest);
	raise(SIGUSR1);
	print_seen("nested: USR1's handler raises USR2");

	/* sigsuspend with the signal already pending */
	sigset_t s, old, none;
	sigemptyset(&none);
	block(SIGUSR1, SIG_BLOCK);
	raise(SIGUSR1);
	int r = sigsuspend(&none);
	printf("sigsuspend: %d %s\n", r, err_name(errno));
	print_seen("sigsuspend");
	sigprocmask(SIG_SETMASK, NULL, &old);
	printf("sigsuspend: mask restored, USR1 blocked %d\n", sigismember(&old, SIGUSR1));

	/* sigtimedwait takes a blocked signal without its handler */
	raise(SIGUSR1);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	siginfo_t si;
	struct timespec zero = { 0, 0 }, ten = { 0, 10000000 };
	/* glibc's sigtimedwait turns SI_TKILL into SI_USER, musl's does not:
	 * ask the kernel directly */
	r = (int)syscall(SYS_rt_sigtimedwait, &s, &si, &zero, 8);
	printf("sigtimedwait pending USR1: %s, si_code %s\n", r > 0 ? signame(r) : err_name(errno), code_name(r, si.si_code));
	print_seen("sigtimedwait");
	r = sigtimedwait(&s, &si, &zero);
	printf("sigtimedwait nothing, zero timeout: %s\n", r > 0 ? signame(r) : err_name(errno));
	r = sigtimedwait(&s, &si, &ten);
	printf("sigtimedwait nothing, 10 ms: %s\n", r > 0 ? signame(r) : err_name(errno));
	struct timespec bad = { 0, -1 };
	r = sigtimedwait(&s, &si, &bad);
	printf("sigtimedwait bad timeout: %s\n", r > 0 ? signame(r) : err_name(errno));
	int rt = SIGRTMIN + 2;
	sigaddset(&s, rt);
	sigprocmask(SIG_BLOCK, &s, NULL);
	sigqueue(self_pid(), rt, (union sigval){ .sival_int = 5 });
	sigqueue(self_pid(), rt, (union sigval){ .sival_int = 6 });
	r = sigwaitinfo(&s, &si);
	int v1 = si.si_value.sival_int;
	int r2 = sigwaitinfo(&s, &si);
	printf("sigwaitinfo twice: %s value %d, %s value %d, si_code %s\n", signame(r), v1, signame(r2),
	       si.si_value.sival_int, code_name(r2, si.si_code));
	int sig = 0;
	raise(SIGUSR1);
	r = sigwait(&s, &sig);
	printf("sigwait: %d, %s\n", r, signame(sig));
	sigprocmask(SIG_SETMASK, &none, NULL);
	print_seen("after the waits");
}

static void on_alt(int sig, siginfo_t *si, void *uc)
{
	(void)si, (void)uc;
	char here;
	seen_onstack = (uintptr_t)&here - (uintptr_t)alt_base < alt_size;
	stack_t cur;
	sigaltstack(NULL, &cur);
	seen_ss_flags = cur.ss_flags;
	stack_t n = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
	seen_ss_eperm = sigaltstack(&n, NULL) == -1 ? errno : 0;
	if (nseen < 64)
		seen[nseen++] = sig;
}

static void part_altstack(void)
{
	alt_size = 65536;
	alt_base = malloc(alt_size);
	stack_t ss = { .ss_sp = alt_base, .ss_size = 1024, .ss_flags = 0 }, old;
	printf("sigaltstack too small: %s\n", res(sigaltstack(&ss, NULL)));
	ss.ss_size = alt_size;
	ss.ss_flags = 0x10;
	printf("sigaltstack bad flags: %s\n", res(sigaltstack(&ss, NULL)));
	ss.ss_flags = 0;
	printf("sigaltstack set: %s\n", res(sigaltstack(&ss, NULL)));
	sigaltstack(NULL, &old);
	printf("sigaltstack query: same base %s, size %zu, flags %d\n", old.ss_sp == alt_base ? "yes" : "no", old.ss_size,
	       old.ss_flags);
	set_handler(SIGUSR1, on_alt, SA_ONSTACK, NULL);
	raise(SIGUSR1);
	printf("SA_ONSTACK handler: on the alternate stack %d, ss_flags %d, changing it there: %s\n", seen_onstack,
	       seen_ss_flags, err_name(seen_ss_eperm));
	set_handler(SIGUSR1, on_alt, 0, NULL);
	raise(SIGUSR1);
	printf("handler without SA_ONSTACK: on the alternate stack %d\n", seen_onstack);
	print_seen("altstack");
	ss.ss_flags = SS_DISABLE;
	printf("sigaltstack disable: %s\n", res(sigaltstack(&ss, NULL)));
	sigaltstack(NULL, &old);
	printf("sigaltstack query: flags %d\n", old.ss_flags);
}

/* ---- faults ---------------------------------------------------------------- */
static sigjmp_buf jb;
static volatile int good_word = 1234;

static void on_fault_jump(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	record(sig, si);
	seen_addr = (uintptr_t)si->si_addr;
	siglongjmp(jb, 1);
}

/* Point rax at good_word and return: the load is retried and works. */
static void on_fault_fix(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	record(sig, si);
	seen_addr = (uintptr_t)si->si_addr;
	uc->uc_mcontext.gregs[REG_RAX] = (greg_t)(uintptr_t)&good_word;
}

extern char ud2_here[];
/* Skip the ud2 (2 bytes), after clobbering xmm5: it must come back. */
static void on_ill_skip(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	record(sig, si);
	seen_addr = (uintptr_t)si->si_addr;
	__asm__ volatile("pxor %%xmm5, %%xmm5" ::: "xmm5");
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static volatile int depth_reached, depth_limit = 1 << 30;
/* Recurses until the stack is gone (the limit is never reached). */
static int recurse(int n)
{
	volatile char big[4096];
	big[0] = (char)n;
	depth_reached = n;
	if (n >= depth_limit)
		return 0;
	return recurse(n + 1) + big[0];
}

static void part_faults(void)
{
	set_handler(SIGSEGV, on_fault_jump, 0, NULL);
	if (!sigsetjmp(jb, 1)) {
		int *volatile p = (int *)0x10;
		*p = 1;
		printf("NULL write: no fault\n");
	}
	printf("NULL write: %s, si_code %s, si_addr 0x%lx\n", signame(seen[0]), code_name(SIGSEGV, seen_code),
	       (unsigned long)seen_addr);
	nseen = 0;
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("after siglongjmp: SEGV blocked %d\n", sigismember(&cur, SIGSEGV));

	if (!sigsetjmp(jb, 1)) {
		char *volatile ro = (char *)"read-only";
		ro[0] = 'R';
		printf("read-only write: no fault\n");
	}
	printf("read-only write: %s, si_code %s\n", signame(seen[0]), code_name(SIGSEGV, seen_code));
	nseen = 0;

	set_handler(SIGSEGV, on_fault_fix, 0, NULL);
	int v;
	__asm__ volatile("mov (%%rax), %0" : "=r"(v) : "a"((uintptr_t)0x28) : "memory");
	printf("load from 0x28, handler points rax elsewhere: value %d, si_addr 0x%lx\n", v, (unsigned long)seen_addr);
	nseen = 0;

	set_handler(SIGFPE, on_fault_jump, 0, NULL);
	if (!sigsetjmp(jb, 1)) {
		volatile int a = 7, b = 0;
		v = a / b;
		printf("division by zero: no fault (%d)\n", v);
	}
	printf("division by zero: %s, si_code %s\n", signame(seen[0]) , code_name(SIGFPE, seen_code));
	nseen = 0;

	set_handler(SIGILL, on_ill_skip, 0, NULL);
	uint64_t x5 = 0;
	__asm__ volatile("movq %1, %%xmm5\n\t"
			 ".globl ud2_here\nud2_here:\n\tud2\n\t"
			 "movq %%xmm5, %0"
			 : "=r"(x5) : "r"((uint64_t)0x1122334455667788ull) : "xmm5");
	printf("ud2: %s, si_code %s, si_addr is the ud2 %s; resumed after it, xmm5 kept %s\n", signame(seen[0]),
	       code_name(SIGILL, seen_code), seen_addr == (uintptr_t)ud2_here ? "yes" : "no",
	       x5 == 0x1122334455667788ull ? "yes" : "no");
	nseen = 0;

	/* stack overflow, handled on the alternate stack */
	alt_size = 65536;
	alt_base = malloc(alt_size);
	stack_t ss = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	set_handler(SIGSEGV, on_fault_jump, SA_ONSTACK, NULL);
	if (!sigsetjmp(jb, 1))
		recurse(0);
	printf("stack overflow: %s on the alternate stack, depth > 1: %s\n", signame(seen[0]), depth_reached > 1 ? "yes" : "no");
	nseen = 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(what, "term") == 0) {
		printf("raising SIGTERM\n");
		raise(SIGTERM);
		printf("still here\n");
		return 0;
	}
	if (strcmp(what, "abort") == 0) {
		printf("calling abort\n");
		abort();
	}
	if (strcmp(what, "kill") == 0) {
		printf("sending SIGKILL\n");
		kill(self_pid(), SIGKILL);
		printf("still here\n");
		return 0;
	}
	if (strcmp(what, "segv-dfl") == 0) {
		/* no handler: Linux kills (139), Tessera prints its crash report */
		printf("writing to 0x10\n");
		int *volatile p = (int *)0x10;
		*p = 1;
		printf("still here\n");
		return 0;
	}
	if (strcmp(what, "usr1-blocked") == 0) {
		/* the default action comes when the signal is unblocked */
		block(SIGUSR1, SIG_BLOCK);
		raise(SIGUSR1);
		printf("USR1 blocked and pending: %d\n", is_pending(SIGUSR1));
		block(SIGUSR1, SIG_UNBLOCK);
		printf("still here\n");
		return 0;
	}
	part_basics();
	part_masks();
	part_waits();
	part_altstack();
	part_faults();
	printf("done\n");
	return 0;
}
