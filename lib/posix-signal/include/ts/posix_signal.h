/* lib/posix-signal: signals — the Linux ABI structures, and how other libraries send signals (timers, faults). */
#ifndef TS_POSIX_SIGNAL_H
#define TS_POSIX_SIGNAL_H

#include <stddef.h>
#include <stdint.h>

/* Signals 1..64; a set has bit sig-1 for sig (the kernel's sigset_t). */
#define TS_NSIG 64
#define TS_SIGBIT(sig) (1ull << ((sig) - 1))

/* The signal numbers this library treats specially (Linux x86_64 values). */
#define TS_SIGHUP 1
#define TS_SIGINT 2
#define TS_SIGQUIT 3
#define TS_SIGILL 4
#define TS_SIGTRAP 5
#define TS_SIGABRT 6
#define TS_SIGBUS 7
#define TS_SIGFPE 8
#define TS_SIGKILL 9
#define TS_SIGUSR1 10
#define TS_SIGSEGV 11
#define TS_SIGALRM 14
#define TS_SIGTERM 15
#define TS_SIGCHLD 17
#define TS_SIGCONT 18
#define TS_SIGSTOP 19
#define TS_SIGTSTP 20
#define TS_SIGTTIN 21
#define TS_SIGTTOU 22
#define TS_SIGURG 23
#define TS_SIGXCPU 24
#define TS_SIGXFSZ 25
#define TS_SIGVTALRM 26
#define TS_SIGPROF 27
#define TS_SIGWINCH 28
#define TS_SIGSYS 31
#define TS_SIGRTMIN 32

/* si_code values (Linux's). */
#define TS_SI_USER 0
#define TS_SI_KERNEL 0x80
#define TS_SI_QUEUE (-1)
#define TS_SI_TIMER (-2)
#define TS_SI_TKILL (-6)
#define TS_SEGV_MAPERR 1
#define TS_SEGV_ACCERR 2
#define TS_FPE_INTDIV 1
#define TS_FPE_FLTINV 7
#define TS_ILL_ILLOPN 2
#define TS_BUS_ADRALN 1
#define TS_TRAP_BRKPT 1

/* siginfo_t as the kernel lays it out on x86_64: 128 bytes. */
struct ts_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct { /* kill, tkill, sigqueue: SI_USER, SI_TKILL, SI_QUEUE */
			int pid;
			unsigned int uid;
			uint64_t value; /* union sigval */
		} kill;
		struct { /* POSIX timers: SI_TIMER */
			int tid;
			int overrun;
			uint64_t value;
		} timer;
		struct { /* faults: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP */
			uint64_t addr;
		} fault;
		char pad[112];
	} u;
};

/* struct sigaction as rt_sigaction takes it (not the C library's). */
struct ts_ksigaction {
	uint64_t handler; /* 0 SIG_DFL, 1 SIG_IGN, else the function */
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};
#define TS_SIG_DFL 0
#define TS_SIG_IGN 1
#define TS_SA_NOCLDSTOP 0x00000001ull
#define TS_SA_NOCLDWAIT 0x00000002ull
#define TS_SA_SIGINFO 0x00000004ull
#define TS_SA_RESTORER 0x04000000ull
#define TS_SA_ONSTACK 0x08000000ull
#define TS_SA_RESTART 0x10000000ull
#define TS_SA_NODEFER 0x40000000ull
#define TS_SA_RESETHAND 0x80000000ull

/* stack_t (sigaltstack). */
struct ts_kstack {
	uint64_t ss_sp;
	int ss_flags;
	int pad;
	uint64_t ss_size;
};
#define TS_SS_ONSTACK 1
#define TS_SS_DISABLE 2
#define TS_SS_AUTODISARM (1u << 31)
#define TS_MINSIGSTKSZ 2048

/*
 * ucontext_t as musl and glibc declare it on x86_64 (the kernel's own is
 * the same up to uc_sigmask, of which it writes 8 bytes): handlers get one
 * as their third argument. gregs are indexed as REG_R8 (0) .. REG_CR2 (22).
 */
struct ts_ucontext {
	uint64_t uc_flags;
	struct ts_ucontext *uc_link;
	struct ts_kstack uc_stack;
	uint64_t gregs[23];
	void *fpregs; /* the FXSAVE-format state (512 bytes) */
	uint64_t reserved1[8];
	uint64_t uc_sigmask; /* the mask restored when the handler returns */
	uint64_t sigmask_rest[15];
	uint64_t fpregs_mem[64];
};
enum {
	TS_REG_R8, TS_REG_R9, TS_REG_R10, TS_REG_R11, TS_REG_R12, TS_REG_R13, TS_REG_R14, TS_REG_R15,
	TS_REG_RDI, TS_REG_RSI, TS_REG_RBP, TS_REG_RBX, TS_REG_RDX, TS_REG_RAX, TS_REG_RCX, TS_REG_RSP,
	TS_REG_RIP, TS_REG_EFL, TS_REG_CSGSFS, TS_REG_ERR, TS_REG_TRAPNO, TS_REG_OLDMASK, TS_REG_CR2
};

/*
 * A queued signal. Senders that must know when their signal is taken (a
 * POSIX timer counts overruns while its signal waits) own one and send it
 * with ts_signal_send_node; others use ts_signal_send, which takes one
 * from a fixed pool. Fields are the library's while it is queued.
 */
struct ts_signal_node {
	struct ts_signal_node *next;
	struct ts_siginfo info;
	/* Called (inside the library's critical section, by the thread that
	 * takes the signal) when the node leaves its queue to be delivered or
	 * waited for: it may fill info (si_overrun) and must not block. NULL
	 * for pool nodes. */
	void (*dequeued)(struct ts_signal_node *n, struct ts_siginfo *info);
	int queued;  /* on a queue now */
	int pooled;  /* from the pool: freed when taken */
};

/*
 * Send info->si_signo with that siginfo to thread tid (tid > 0) or to the
 * process (tid 0: any thread that does not block it takes it). A signal
 * that is ignored is dropped; a standard signal (below TS_SIGRTMIN)
 * already pending there is not queued twice; real-time signals queue.
 * A thread that may take it is interrupted (its interruptible wait ends
 * with -EINTR) and runs the handler as its system call returns. Returns
 * 0, -EINVAL for a bad signal number, -ESRCH when no thread has id tid,
 * -EAGAIN when the queue of real-time signals is full. Any thread may
 * call it, including lib/sched threads that are not the program's.
 */
int ts_signal_send(int tid, const struct ts_siginfo *info);

/*
 * The same with the caller's own node (n->info filled): returns 1 when n
 * was queued, 0 when the signal was dropped (ignored, or a standard
 * signal already pending: for a timer, an overrun), -EBUSY when n is
 * still queued (an overrun too), -ESRCH, -EINVAL.
 */
int ts_signal_send_node(int tid, struct ts_signal_node *n);

/* Take n off its queue if it is still queued (a timer being deleted). */
void ts_signal_node_cancel(struct ts_signal_node *n);

/*
 * A wait under a temporary mask (ppoll, pselect6, epoll_pwait): the
 * calling thread's mask becomes mask (SIGKILL and SIGSTOP never blocked)
 * and the old one goes to *old. A signal already pending that the new mask
 * lets through interrupts the next interruptible wait at once. 0, or
 * -ENOMEM when the thread's signal state cannot be made.
 */
int ts_signal_mask_swap(uint64_t mask, uint64_t *old);

/*
 * Its end: when the wait was interrupted, the handlers of what the
 * temporary mask lets through run first, under it; then old is the mask
 * again, and whatever it unblocks is delivered as the call returns.
 */
void ts_signal_mask_restore(uint64_t old, int interrupted);

#endif
