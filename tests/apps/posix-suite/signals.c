/*
 * signals.c: the "signals" area — sigaction and its flags, masks, pending
 * and queued signals, siginfo codes, sigsuspend, sigtimedwait, signals to
 * threads, interrupted and restarted calls, the alternate stack. Handlers
 * only record; the main thread prints. Every test puts the default action
 * back, so a failure leaves the next test its usual start.
 */
#include "suite.h"
#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t hits, depth, maxdepth, last_sig;
static volatile int last_code, last_value, last_pid_ok, blocked_inside, on_alt;
static char order[16];
static volatile int norder;
static volatile pid_t handler_tid;
static char *alt_lo, *alt_hi;

static void plain(int sig)
{
	hits++;
	last_sig = sig;
	if (norder < 15)
		order[norder++] = sig == SIGUSR1 ? '1' : sig == SIGUSR2 ? '2' : 'x';
	handler_tid = (pid_t)syscall(SYS_gettid);
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, sig);
	char here;
	on_alt = alt_lo && &here >= alt_lo && &here < alt_hi;
}

static void info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	last_pid_ok = si->si_pid == getpid();
}

/* Raises SIGUSR2 inside the SIGUSR1 handler: with SIGUSR2 in sa_mask it
 * runs after this returns. */
static void raise_other(int sig)
{
	if (norder < 15)
		order[norder++] = '1';
	raise(SIGUSR2);
	if (norder < 15)
		order[norder++] = 'e';
	(void)sig;
}

static void recurse(int sig)
{
	depth++;
	hits++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (hits == 1) /* once: a deferred delivery comes back here */
		raise(sig);
	depth--;
}

static void reset(void)
{
	hits = depth = maxdepth = last_sig = 0;
	last_code = last_value = last_pid_ok = blocked_inside = on_alt = 0;
	norder = 0;
	memset(order, 0, sizeof order);
	handler_tid = 0;
}

static int set(int sig, void (*fn)(int), int flags, int masked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (masked)
		sigaddset(&sa.sa_mask, masked);
	return sigaction(sig, &sa, NULL);
}

static int set_info(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static void unblock_all(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
}

static void actions(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = plain;
	sigemptyset(&sa.sa_mask);
	reset();
	ck("sigaction SIGUSR1", sigaction(SIGUSR1, &sa, &old));
	yes("the old action was SIG_DFL", old.sa_handler == SIG_DFL);
	memset(&old, 0, sizeof old);
	ck("sigaction query", sigaction(SIGUSR1, NULL, &old));
	yes("it is the handler", old.sa_handler == plain);
	ck("raise SIGUSR1", raise(SIGUSR1));
	say("handler runs", "%d time(s), signal %d", (int)hits, (int)last_sig);
	yes("the signal is blocked inside its handler", blocked_inside);
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	yes("and unblocked after", !sigismember(&cur, SIGUSR1));
	ck("sigaction signal 0", sigaction(0, &sa, NULL));
	ck("sigaction signal 65", sigaction(65, &sa, NULL));
	ck("sigaction SIGKILL", sigaction(SIGKILL, &sa, NULL));
	ck("sigaction SIGSTOP", sigaction(SIGSTOP, &sa, NULL));
	ck("sigaction query SIGKILL", sigaction(SIGKILL, NULL, &old));
	ck("rt_sigaction, a wild pointer (raw)", syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8));
	ck("rt_sigaction, sigsetsize 4 (raw)", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4));

	reset();
	ck("SA_SIGINFO handler", set_info(SIGUSR1));
	raise(SIGUSR1);
	say("raise: si_code (SI_TKILL = -6)", "%d, signal %d", last_code, (int)last_sig);
	reset();
	ck("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
	say("kill: si_code (SI_USER = 0)", "%d, si_pid is ours: %s", last_code, last_pid_ok ? "yes" : "no");
	reset();
	ck("sigqueue 1234", sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 1234 }));
	say("sigqueue: si_code (SI_QUEUE = -1), si_value", "%d, %d", last_code, last_value);
	set(SIGUSR1, SIG_DFL, 0, 0);

	reset();
	ck("SIG_IGN SIGUSR1", set(SIGUSR1, SIG_IGN, 0, 0));
	ck("raise it", raise(SIGUSR1));
	sigset_t p;
	sigpending(&p);
	yes("nothing pending", !sigismember(&p, SIGUSR1));
	ck("raise SIGCHLD (default: ignore)", raise(SIGCHLD));
	ck("raise SIGWINCH (default: ignore)", raise(SIGWINCH));
	ck("raise SIGURG (default: ignore)", raise(SIGURG));
	set(SIGUSR1, SIG_DFL, 0, 0);

	reset();
	set(SIGUSR1, raise_other, 0, SIGUSR2);
	set(SIGUSR2, plain, 0, 0);
	raise(SIGUSR1);
	say("sa_mask holds SIGUSR2 back until the SIGUSR1 handler returns", "%s", order);
	reset();
	set(SIGUSR1, raise_other, 0, 0);
	raise(SIGUSR1);
	say("without it, SIGUSR2 runs inside", "%s", order);
	reset();
	set(SIGUSR1, recurse, 0, 0);
	raise(SIGUSR1);
	say("a handler raising its own signal: runs, depth", "%d, %d", (int)hits, (int)maxdepth);
	reset();
	set(SIGUSR1, recurse, SA_NODEFER, 0);
	raise(SIGUSR1);
	say("the same with SA_NODEFER: runs, depth", "%d, %d", (int)hits, (int)maxdepth);
	reset();
	set(SIGUSR1, plain, SA_RESETHAND, 0);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	say("SA_RESETHAND: ran, then the action is SIG_DFL", "%d, %s", (int)hits, old.sa_handler == SIG_DFL ? "yes" : "no");
	set(SIGUSR1, SIG_DFL, 0, 0);
	set(SIGUSR2, SIG_DFL, 0, 0);

	ck("kill signal 0 to ourselves", kill(getpid(), 0));
	ck("kill signal 99", kill(getpid(), 99));
	ck("kill a pid that does not exist", kill(999999, 0));
	ck("tgkill signal 0 to ourselves (raw)", syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 0));
	ck("tgkill a tid that does not exist (raw)", syscall(SYS_tgkill, getpid(), 999999, SIGUSR1));
	ck("tkill tid 0 (raw)", syscall(SYS_tkill, 0, SIGUSR1));
}

static void masks(void)
{
	sigset_t s, old, p;
	reset();
	set(SIGUSR1, plain, 0, 0);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	ck("block SIGUSR1", sigprocmask(SIG_BLOCK, &s, &old));
	yes("it was not blocked before", !sigismember(&old, SIGUSR1));
	raise(SIGUSR1);
	raise(SIGUSR1);
	say("raised twice while blocked: handler runs", "%d", (int)hits);
	sigemptyset(&p);
	ck("sigpending", sigpending(&p));
	yes("SIGUSR1 pending", sigismember(&p, SIGUSR1));
	yes("SIGUSR2 not pending", !sigismember(&p, SIGUSR2));
	ck("unblock", sigprocmask(SIG_UNBLOCK, &s, NULL));
	say("delivered at the unblock (standard signals do not queue)", "%d", (int)hits);

	reset();
	set(SIGRTMAX, plain, 0, 0);
	sigemptyset(&s);
	sigaddset(&s, SIGRTMAX);
	sigprocmask(SIG_BLOCK, &s, NULL);
	for (int i = 0; i < 3; i++)
		raise(SIGRTMAX);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	say("SIGRTMAX raised 3 times while blocked, then unblocked (queued)", "%d", (int)hits);
	set(SIGRTMAX, SIG_DFL, 0, 0);

	ck("sigprocmask how = 99", sigprocmask(99, &s, NULL));
	sigfillset(&s);
	ck("block every signal", sigprocmask(SIG_SETMASK, &s, NULL));
	sigprocmask(SIG_SETMASK, NULL, &old);
	yes("SIGKILL and SIGSTOP stay unblocked", !sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP));
	yes("SIGUSR1 and SIGTERM blocked", sigismember(&old, SIGUSR1) && sigismember(&old, SIGTERM));
	unblock_all();
	ck("rt_sigprocmask, sigsetsize 4 (raw)", syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, 4));
	ck("rt_sigprocmask, a wild set (raw)", syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8));

	/* sigsuspend with the signal already pending returns at once */
	reset();
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGUSR1);
	sigset_t none;
	sigemptyset(&none);
	ck("sigsuspend, SIGUSR1 pending", sigsuspend(&none));
	say("its handler ran", "%d", (int)hits);
	sigprocmask(SIG_SETMASK, NULL, &old);
	yes("the mask is back (SIGUSR1 blocked)", sigismember(&old, SIGUSR1));

	/* sigtimedwait takes a pending blocked signal without a handler */
	reset();
	sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 77 });
	siginfo_t si;
	struct timespec t = { 0, 0 };
	ck("sigtimedwait, SIGUSR1 pending", sigtimedwait(&s, &si, &t));
	say("its si_signo, si_code, si_value (sigqueue'd 77)", "%d, %d, %d", si.si_signo, si.si_code, si.si_value.sival_int);
	say("the handler did not run", "%d", (int)hits);
	t.tv_nsec = 10000000;
	ck("sigtimedwait 10 ms, nothing pending", sigtimedwait(&s, &si, &t));
	t.tv_nsec = 1000000000;
	ck("sigtimedwait, tv_nsec = 1e9", sigtimedwait(&s, &si, &t));
	raise(SIGUSR1);
	int got = 0;
	ckerr("sigwait, SIGUSR1 pending", sigwait(&s, &got));
	say("sigwait's signal", "%d", got);
	unblock_all();
	set(SIGUSR1, SIG_DFL, 0, 0);
}

/* Whether SIGUSR1 is blocked now. */
static int usr1_blocked(void)
{
	sigset_t cur;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

/* SIGUSR1 blocked and pending, then one wait under an empty mask. */
static void block_and_raise(sigset_t *s)
{
	reset();
	sigemptyset(s);
	sigaddset(s, SIGUSR1);
	sigprocmask(SIG_BLOCK, s, NULL);
	raise(SIGUSR1);
}

/* ppoll, pselect and epoll_pwait wait under their own mask: a signal it
 * lets through ends the wait (EINTR) and its handler runs; then the old
 * mask is back. With a descriptor ready, the call returns it and the
 * signal stays pending under the old mask. */
static void wait_masks(void)
{
	sigset_t s, none;
	int p[2];
	struct timespec ts = { 1, 0 };
	sigemptyset(&none);
	set(SIGUSR1, plain, 0, 0);
	if (pipe(p))
		return;
	struct pollfd f = { .fd = p[0], .events = POLLIN };

	block_and_raise(&s);
	ck("ppoll, nothing ready, SIGUSR1 pending and let through", ppoll(&f, 1, &ts, &none));
	say("its handler ran", "%d", (int)hits);
	yes("the mask is back (SIGUSR1 blocked)", usr1_blocked());
	unblock_all();

	block_and_raise(&s);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	ck("pselect, the same", pselect(p[0] + 1, &rd, NULL, NULL, &ts, &none));
	say("its handler ran", "%d", (int)hits);
	yes("the mask is back (SIGUSR1 blocked)", usr1_blocked());
	unblock_all();

	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN }, out[1];
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	block_and_raise(&s);
	ck("epoll_pwait, the same", epoll_pwait(ep, out, 1, 1000, &none));
	say("its handler ran", "%d", (int)hits);
	yes("the mask is back (SIGUSR1 blocked)", usr1_blocked());
	unblock_all();

	ck("write a byte", write(p[1], "x", 1));
	block_and_raise(&s);
	ck("ppoll, the pipe readable, SIGUSR1 pending and let through", ppoll(&f, 1, &ts, &none));
	say("its handler did not run", "%d", (int)hits);
	sigset_t pend;
	sigpending(&pend);
	yes("SIGUSR1 still pending, blocked again", sigismember(&pend, SIGUSR1) && usr1_blocked());
	unblock_all();
	say("delivered at the unblock", "%d", (int)hits);

	reset();
	char c;
	ck("read the byte", read(p[0], &c, 1));
	struct timespec short_ts = { 0, 20000000 };
	ck("ppoll 20 ms under a mask blocking SIGUSR1, nothing comes", ppoll(&f, 1, &short_ts, &s));
	yes("SIGUSR1 is not blocked after it", !usr1_blocked());
	close(ep);
	close(p[0]);
	close(p[1]);
	set(SIGUSR1, SIG_DFL, 0, 0);
}

static int thread_ready;
static pid_t thread_tid;

static void *sit(void *arg)
{
	(void)arg;
	thread_tid = (pid_t)syscall(SYS_gettid);
	AT_STORE(&thread_ready, 1);
	int64_t t0 = now_ns();
	while (!hits && now_ns() - t0 < 5000000000)
		sleep_ms(1);
	return NULL;
}

struct later {
	pthread_t target;
	int sig, ms, write_fd, write_ms;
};

/* Sends a signal to a thread after ms, then maybe writes a byte. */
static void *send_later(void *arg)
{
	struct later *l = arg;
	sleep_ms(l->ms);
	pthread_kill(l->target, l->sig);
	if (l->write_fd >= 0) {
		sleep_ms(l->write_ms);
		if (write(l->write_fd, "x", 1) != 1)
			return (void *)1;
	}
	return NULL;
}

static void threads(void)
{
	pthread_t t;
	reset();
	set(SIGUSR1, plain, 0, 0);
	AT_STORE(&thread_ready, 0);
	if (!pthread_create(&t, NULL, sit, NULL)) {
		while (!AT_LOAD(&thread_ready))
			sched_yield();
		ckerr("pthread_kill SIGUSR1 to a thread", pthread_kill(t, SIGUSR1));
		pthread_join(t, NULL);
		say("its handler ran in that thread", "%d time(s), there: %s", (int)hits,
		    handler_tid == thread_tid ? "yes" : "no");
	} else {
		notrun("pthread_kill SIGUSR1 to a thread", "no thread");
		notrun("its handler ran in that thread", "no thread");
	}
	ckerr("pthread_kill signal 0 to ourselves", pthread_kill(pthread_self(), 0));
	ckerr("pthread_kill signal 99", pthread_kill(pthread_self(), 99));

	/* A blocking read interrupted: EINTR without SA_RESTART, a restarted
	 * read (then the byte) with it. */
	int pfd[2];
	if (pipe(pfd)) {
		notrun("interrupted read", "no pipe");
		return;
	}
	char c;
	/* The byte written 500 ms after the signal ends the read even where
	 * the signal does not: a failure, not a hang. */
	struct later l = { pthread_self(), SIGUSR1, 30, pfd[1], 500 };
	reset();
	set(SIGUSR1, plain, 0, 0);
	if (!pthread_create(&t, NULL, send_later, &l)) {
		ck("a blocking pipe read, a signal comes (no SA_RESTART)", read(pfd[0], &c, 1));
		say("the handler ran", "%d", (int)hits);
		pthread_join(t, NULL);
		fcntl(pfd[0], F_SETFL, O_NONBLOCK);
		while (read(pfd[0], &c, 1) == 1)
			;
		fcntl(pfd[0], F_SETFL, 0);
	} else {
		notrun("a blocking pipe read, a signal comes (no SA_RESTART)", "no thread");
		notrun("the handler ran", "no thread");
	}
	reset();
	set(SIGUSR1, plain, SA_RESTART, 0);
	l.write_fd = pfd[1];
	l.write_ms = 30;
	if (!pthread_create(&t, NULL, send_later, &l)) {
		ck("the same with SA_RESTART: the read goes on and gets the byte", read(pfd[0], &c, 1));
		say("the handler ran", "%d", (int)hits);
		pthread_join(t, NULL);
	} else {
		notrun("the same with SA_RESTART", "no thread");
		notrun("the handler ran", "no thread");
	}
	reset();
	set(SIGUSR1, plain, SA_RESTART, 0);
	l.write_fd = -1;
	if (!pthread_create(&t, NULL, send_later, &l)) {
		struct timespec ts = { 2, 0 }, rem = { 0, 0 };
		ck("nanosleep 2 s, a signal after 30 ms (SA_RESTART does not apply)", nanosleep(&ts, &rem));
		yes("rem is what was left (0.5 .. 2 s)", rem.tv_sec == 1 || (rem.tv_sec == 0 && rem.tv_nsec >= 500000000));
		pthread_join(t, NULL);
	} else {
		notrun("nanosleep interrupted", "no thread");
		notrun("rem", "no thread");
	}
	set(SIGUSR1, SIG_DFL, 0, 0);
	close(pfd[0]);
	close(pfd[1]);
}

static void altstack(void)
{
	stack_t ss, old;
	size_t size = 64 * 1024;
	char *mem = malloc(size);
	memset(&ss, 0, sizeof ss);
	ss.ss_sp = mem;
	ss.ss_size = 1024;
	ck("sigaltstack, 1 KiB", sigaltstack(&ss, NULL));
	ss.ss_size = size;
	ss.ss_flags = 0x1234;
	ck("sigaltstack, unknown flags", sigaltstack(&ss, NULL));
	ss.ss_flags = 0;
	ck("sigaltstack, 64 KiB", sigaltstack(&ss, &old));
	yes("there was none before (SS_DISABLE)", old.ss_flags == SS_DISABLE);
	ck("query", sigaltstack(NULL, &old));
	yes("it is ours", old.ss_sp == mem && old.ss_size == size && old.ss_flags == 0);
	alt_lo = mem;
	alt_hi = mem + size;
	reset();
	set(SIGUSR1, plain, SA_ONSTACK, 0);
	raise(SIGUSR1);
	say("an SA_ONSTACK handler ran on it", "%d, %s", (int)hits, on_alt ? "yes" : "no");
	reset();
	set(SIGUSR1, plain, 0, 0);
	raise(SIGUSR1);
	say("one without SA_ONSTACK did not", "%d, %s", (int)hits, on_alt ? "yes" : "no");
	ss.ss_flags = SS_DISABLE;
	ck("disable it", sigaltstack(&ss, NULL));
	alt_lo = alt_hi = NULL;
	set(SIGUSR1, SIG_DFL, 0, 0);
	free(mem);
}

void area_signals(void)
{
	actions();
	masks();
	wait_masks();
	threads();
	altstack();
	unblock_all();
}
