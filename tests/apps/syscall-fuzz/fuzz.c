/*
 * fuzz.c: the system call fuzzer. Makes random system calls — numbers in
 * 0..511 and some beyond, arguments biased to interesting values (0, -1,
 * small integers, wild pointers, pointers into its own buffers, huge
 * lengths) — for at most MAXCALLS calls or SECONDS seconds, from SEED
 * (reproducible: the same seed gives the same calls). Usage:
 *   syscall-fuzz SEED MAXCALLS SECONDS [-v]     (-v prints every call first)
 * Passing means the kernel side survives: the program ends with its
 * summary and status 0.
 *
 * What it does not do, because it would end or block the program itself
 * rather than test the kernel (the only exceptions; see tame()):
 *  - never calls exit, exit_group, pause, rt_sigsuspend, rt_sigreturn,
 *    clone, clone3, fork, vfork, execve, execveat, reboot, wait4, waitid,
 *    rt_sigtimedwait (the first ones end or replace the program, the last
 *    ones wait for events that never come);
 *  - descriptors 0-2 (the console) are never an argument of fd-taking
 *    calls (reading blocks on input, writing garbles the log, closing
 *    loses the summary): they become 3-5;
 *  - timeouts (nanosleep, clock_nanosleep, poll, ppoll, select, pselect6,
 *    epoll_wait, epoll_pwait, epoll_pwait2, futex) are zero or NULL-free short ones, and
 *    every descriptor 3-63 is made O_NONBLOCK after each call and one
 *    from 64 up is closed after the call that made it, so no read or
 *    write can wait for ever; flock always gets LOCK_NB;
 *  - every signal but the faults is ignored from the start (timers it
 *    arms would otherwise end it with SIGALRM and the like);
 *  - kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo send only
 *    harmless signals (0, SIGCHLD, SIGURG, SIGWINCH, invalid numbers);
 *    rt_sigaction installs no handler (its new action is NULL or wild);
 *  - munmap, mprotect, mremap, madvise, and mmap with MAP_FIXED get as
 *    address its own scratch mapping (with a length that stays inside
 *    it) or a wild one, never its code, data or stack; once a call may have unmapped or moved scratch pages,
 *    the scratch mapping is abandoned for a new one, so a later call never
 *    unmaps pages that malloc has been given since (which would corrupt
 *    the program on Linux too); brk only asks for the break (moving it
 *    would pull memory from under malloc); arch_prctl never sets %fs or
 *    %gs.
 *  - no argument value is an address in its own heap (64 KiB and up, below
 *    the image and above it), other than into buf, so that no call writes
 *    over memory the program or the kernel side uses;
 *  - descriptor arguments are compared as the kernel reads them (the low
 *    32 bits), so 0x100000001 cannot reach the console as descriptor 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BUFSZ (64 * 1024)
static unsigned char buf[BUFSZ + 8192] __attribute__((aligned(4096)));
static unsigned char *scratch;
static uint64_t rng;

static uint64_t rnd(void)
{
	/* xorshift64*: small, fast, and the same sequence everywhere */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static long pick(const long *v, size_t n)
{
	return v[rnd() % n];
}

static int64_t now_ms(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return -1;
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One argument. *bufptr is set when it points into buf, so that the
 * lengths of that call stay within buf. */
static long arg(int *bufptr)
{
	static const long wild[] = { 1, 8, 0xfff, 0x1000, (long)0xffffffffffff0000, 0x7ffffffff000,
				     (long)0x8000000000000000, 0x100000000, -4096, 0xdead0000 };
	/* No value lands in the heap below the image (64 KiB up): a call
	 * writing there would corrupt the program, as on Linux. */
	static const long huge[] = { 0x7fffffff, 0xffffffff, 0x7fffffffffffffff, 1l << 32, 1l << 40, -2, 1l << 20 };
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return -1;
	case 2: case 3: return (long)(rnd() % 16);
	case 4: return pick(wild, sizeof wild / sizeof wild[0]);
	case 5: case 6:
		*bufptr = 1;
		return (long)(buf + rnd() % 4096);
	case 7: return pick(huge, sizeof huge / sizeof huge[0]);
	case 8: return (long)(rnd() % 4096);
	default: return (long)rnd();
	}
}

static const struct timespec zero_ts;
static const struct { long tv_sec, tv_usec; } zero_tv;

/* Make call n's arguments safe for the program (see the list at the top);
 * returns 0 when n is not called at all. */
static int tame(long n, long a[6])
{
	static const long sigs[] = { 0, SIGCHLD, SIGURG, SIGWINCH, 65, 1000, -1 };
	switch (n) {
	case SYS_exit: case SYS_exit_group: case SYS_pause: case SYS_rt_sigsuspend: case SYS_rt_sigreturn:
	case SYS_clone: case SYS_clone3: case SYS_fork: case SYS_vfork: case SYS_execve: case SYS_execveat:
	case SYS_reboot: case SYS_wait4: case SYS_waitid: case SYS_rt_sigtimedwait:
		return 0;
	/* wild, or zero: a low address may be readable memory here (the command line) and could hold a long sleep */
	case SYS_nanosleep: a[0] = (rnd() & 1) ? (long)&zero_ts : (long)0x7ff000000000; break;
	case SYS_clock_nanosleep: a[2] = (long)&zero_ts; break;
	case SYS_poll: case SYS_epoll_wait: case SYS_epoll_pwait: a[2 + (n != SYS_poll)] = 0; break;
	case SYS_ppoll: a[2] = (long)&zero_ts; break;
	case SYS_epoll_pwait2: a[3] = (long)&zero_ts; break; /* NULL would wait for ever */
	case SYS_select: a[4] = (long)&zero_tv; break;
	case SYS_pselect6: a[4] = (long)&zero_ts; break;
	case SYS_futex: a[3] = (long)&zero_ts; break;
	case SYS_flock: a[1] |= 4; break; /* LOCK_NB */
	case SYS_kill: case SYS_tkill: a[1] = pick(sigs, 7); break;
	case SYS_tgkill: a[2] = pick(sigs, 7); break;
	case SYS_rt_sigqueueinfo: case SYS_rt_tgsigqueueinfo: a[1 + (n == SYS_rt_tgsigqueueinfo)] = pick(sigs, 7); break;
	case SYS_rt_sigaction: a[1] = (rnd() & 1) ? 0 : 8; break;
	case SYS_arch_prctl: if (a[0] == 0x1001 || a[0] == 0x1002) a[0] = 0x1003; break;
	case SYS_brk: a[0] = 0; break;
	case SYS_munmap: case SYS_mprotect: case SYS_mremap: case SYS_madvise:
		if (rnd() & 1) {
			/* inside scratch, the length too: a longer range would
			 * reach whatever lies beyond it, malloc's pages included */
			long page = (long)(rnd() % 16);
			a[0] = (long)scratch + page * 4096;
			a[1] = (long)(rnd() % ((16 - page) * 4096)) + 1;
		} else {
			a[0] = (long)0x7ff000000000 + (long)(rnd() % 7);
		}
		if (n == SYS_mremap && (a[3] & 2)) /* MREMAP_FIXED: the target too */
			a[4] = (long)scratch;
		break;
	case SYS_mmap:
		if (a[3] & (0x10 | 0x100000)) { /* MAP_FIXED, MAP_FIXED_NOREPLACE: over scratch only */
			a[0] = (rnd() & 1) ? (long)scratch : (long)0x7ff000000000;
			a[1] = (long)(rnd() % (16 * 4096)) + 1;
		}
		break;
	case SYS_dup2: case SYS_dup3: if ((int)a[1] >= 0 && (int)a[1] <= 2) a[1] = (int)a[1] + 3; break;
	case SYS_close_range: if ((unsigned int)a[0] <= 2) a[0] = 3; break;
	}
	/* the console is not an argument: see the top */
	if ((int)a[0] >= 0 && (int)a[0] <= 2)
		a[0] = (int)a[0] + 3;
	return 1;
}

/* A fresh scratch mapping; the old one, possibly part unmapped, is left
 * alone for good (a few pages leak per abandoned one). */
static void new_scratch(void)
{
	scratch = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED)
		scratch = buf + BUFSZ; /* a page of buf then stands in for it */
}

/* Only descriptors 3-63 are kept non-blocking (a call each): one from 64
 * up (dup2, F_DUPFD with a random floor, all lower ones taken) is closed
 * at once. A call returns the descriptor it makes, but pipe, pipe2 and
 * socketpair store theirs; a close_range then costs a call per table
 * slot, so it is made only after those. */
static void keep_nonblocking(long n, long res)
{
	if ((res >= 64 && res < 65536) || n == SYS_pipe || n == SYS_pipe2 || n == SYS_socketpair)
		syscall(SYS_close_range, 64, ~0u, 0);
	for (int fd = 3; fd < 64; fd++) {
		long fl = syscall(SYS_fcntl, fd, F_GETFL);
		if (fl >= 0 && !(fl & O_NONBLOCK))
			syscall(SYS_fcntl, fd, F_SETFL, fl | O_NONBLOCK);
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: syscall-fuzz SEED MAXCALLS SECONDS [-v]\n");
		return 2;
	}
	uint64_t seed = strtoull(argv[1], NULL, 0);
	long max = strtol(argv[2], NULL, 0);
	long secs = strtol(argv[3], NULL, 0);
	int verbose = argc > 4 && !strcmp(argv[4], "-v");
	rng = seed ? seed : 0x9e3779b97f4a7c15ull;
	printf("fuzz: seed %llu, at most %ld calls, %ld s\n", (unsigned long long)seed, max, secs);
	fflush(stdout);
	new_scratch();
	/* Timers and queued signals it makes (alarm, setitimer, timer_create
	 * with random events) must not end it by their default action: every
	 * signal that can be is ignored, except the faults, whose default
	 * (the crash report) is what a failure must show. */
	for (int sig = 1; sig < 65; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGSEGV && sig != SIGBUS && sig != SIGILL &&
		    sig != SIGFPE && sig != SIGTRAP)
			signal(sig, SIG_IGN);

	int64_t t0 = now_ms();
	long calls = 0, ok = 0, enosys = 0, errs = 0;
	static unsigned char seen[1024 / 8];
	int distinct = 0;
	while (calls < max) {
		if ((calls & 255) == 0 && t0 >= 0 && now_ms() - t0 >= secs * 1000)
			break;
		long n;
		uint64_t r = rnd() % 100;
		if (r < 94)
			n = (long)(rnd() % 512);
		else if (r < 98)
			n = 512 + (long)(rnd() % 512);
		else
			n = r == 98 ? -1 : 0x40000000 + (long)(rnd() % 600); /* x32 numbers */
		int bufptr = 0;
		long a[6];
		for (int i = 0; i < 6; i++)
			a[i] = arg(&bufptr);
		if (bufptr) /* lengths of a call that writes into buf stay inside it */
			for (int i = 0; i < 6; i++)
				if ((a[i] < (long)buf || a[i] >= (long)buf + (long)sizeof buf) && (unsigned long)a[i] > BUFSZ)
					a[i] = (long)(rnd() % BUFSZ);
		/* buf's contents, which calls read as structures, vary too */
		for (int i = 0; i < 64; i++)
			buf[rnd() % 4096] = (unsigned char)(rnd() & 1 ? 0 : rnd());
		if (!tame(n, a))
			continue;
		if (verbose) {
			printf("call %ld: %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", calls, n, a[0], a[1], a[2], a[3], a[4], a[5]);
			fflush(stdout);
		}
		long res = syscall(n, a[0], a[1], a[2], a[3], a[4], a[5]);
		calls++;
		if ((n == SYS_munmap || n == SYS_mremap) && res != -1 && a[0] >= (long)scratch &&
		    a[0] < (long)scratch + 16 * 4096)
			new_scratch();
		if (res >= 0 || res < -4095)
			ok++;
		else if (errno == ENOSYS)
			enosys++;
		else
			errs++;
		if (n >= 0 && n < 1024 && !(seen[n / 8] & (1 << (n % 8)))) {
			seen[n / 8] |= (unsigned char)(1 << (n % 8));
			distinct++;
		}
		keep_nonblocking(n, res);
	}
	printf("fuzz: %ld calls of %d numbers in %lld ms: %ld succeeded, %ld failed with ENOSYS, %ld with other errors\n",
	       calls, distinct, (long long)(t0 >= 0 ? now_ms() - t0 : -1), ok, enosys, errs);
	printf("fuzz: end\n");
	return 0;
}
