/*
 * posix-event test: pipes, eventfd, poll, select and epoll, one check per
 * line, the same lines on Linux (glibc) and on Tessera (musl). "basic"
 * runs the single-threaded checks, "threads" the wake-ups across threads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include "../errname.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#endif
#define NR_epoll_pwait2 441

/* "what: r" or "what: -1 ENAME" */
static void say(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, r);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* poll one descriptor for events, no wait: the revents as names */
static const char *pollnames(short r)
{
	static char bufs[4][64];
	static int next;
	char *buf = bufs[next++ % 4];

	buf[0] = 0;
	if (!r)
		strcat(buf, "none");
	if (r & POLLIN) strcat(buf, "IN ");
	if (r & POLLOUT) strcat(buf, "OUT ");
	if (r & POLLERR) strcat(buf, "ERR ");
	if (r & POLLHUP) strcat(buf, "HUP ");
	if (r & POLLNVAL) strcat(buf, "NVAL ");
	if (r & POLLPRI) strcat(buf, "PRI ");
	if (buf[0] && buf[strlen(buf) - 1] == ' ')
		buf[strlen(buf) - 1] = 0;
	return buf;
}

static void poll1(const char *what, int fd, short events)
{
	struct pollfd p = { fd, events, 0 };
	int r = poll(&p, 1, 0);

	if (r < 0)
		say(what, r);
	else
		printf("%s: %d %s\n", what, r, pollnames(p.revents));
}

static const char *epnames(uint32_t e)
{
	static char buf[64];

	buf[0] = 0;
	if (e & EPOLLIN) strcat(buf, "IN ");
	if (e & EPOLLOUT) strcat(buf, "OUT ");
	if (e & EPOLLERR) strcat(buf, "ERR ");
	if (e & EPOLLHUP) strcat(buf, "HUP ");
	if (e & EPOLLRDHUP) strcat(buf, "RDHUP ");
	if (buf[0])
		buf[strlen(buf) - 1] = 0;
	else
		strcat(buf, "none");
	return buf;
}

/* epoll_wait with timeout: "n [data:events ...]" */
static void epw(const char *what, int ep, int max, int timeout)
{
	struct epoll_event ev[8];
	int r = epoll_wait(ep, ev, max, timeout);

	if (r < 0) {
		say(what, r);
		return;
	}
	printf("%s: %d", what, r);
	for (int i = 0; i < r; i++)
		printf(" %llu:%s", (unsigned long long)ev[i].data.u64, epnames(ev[i].events));
	printf("\n");
}

static int epadd(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* ---------------------------------------------------------------- pipes */

static volatile int sigpipes;

static void on_sigpipe(int sig)
{
	sigpipes += sig == SIGPIPE;
}

static void pipes(void)
{
	int p[2], q[2];
	static char buf[70000];
	struct stat s0, s1;
	long r;

	say("pipe", pipe(p));
	printf("pipe: fds distinct and >= 3: %d\n", p[0] >= 3 && p[1] >= 3 && p[0] != p[1]);
	fstat(p[0], &s0);
	fstat(p[1], &s1);
	printf("pipe fstat: fifo %d %d, same ino %d, perms %o, size %lld\n", S_ISFIFO(s0.st_mode),
	       S_ISFIFO(s1.st_mode), s0.st_ino == s1.st_ino, s0.st_mode & 0777, (long long)s0.st_size);
	printf("pipe F_GETFL: read end %o, write end %o\n", fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK),
	       fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK));
	say("pipe F_GETFD", fcntl(p[0], F_GETFD));
	say("pipe F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
	say("pipe write 5", write(p[1], "hello", 5));
	int n = -1;
	say("pipe FIONREAD", ioctl(p[0], FIONREAD, &n));
	printf("pipe FIONREAD value: %d\n", n);
	say("pipe read 2", read(p[0], buf, 2));
	say("pipe read 10", read(p[0], buf + 2, 10));
	printf("pipe data: %.5s\n", buf);
	say("pipe lseek", lseek(p[0], 0, SEEK_SET));
	say("pipe pread", pread(p[0], buf, 1, 0));
	say("pipe read on write end", read(p[1], buf, 1));
	say("pipe write on read end", write(p[0], "x", 1));
	say("pipe read 0 bytes", read(p[0], buf, 0));
	poll1("pipe poll read end, empty", p[0], POLLIN);
	poll1("pipe poll write end, empty", p[1], POLLOUT);
	write(p[1], "abc", 3);
	poll1("pipe poll read end, 3 bytes", p[0], POLLIN | POLLOUT);
	close(p[1]);
	poll1("pipe poll read end, writer closed", p[0], POLLIN);
	say("pipe read after writer closed", read(p[0], buf, 10));
	say("pipe read at EOF", read(p[0], buf, 10));
	poll1("pipe poll read end at EOF", p[0], POLLIN);
	close(p[0]);

	/* nonblocking, full, partial */
	say("pipe2 O_NONBLOCK|O_CLOEXEC", pipe2(p, O_NONBLOCK | O_CLOEXEC));
	printf("pipe2 F_GETFL nonblock %d, F_GETFD cloexec %d\n", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0,
	       fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	say("pipe nonblocking read, empty", read(p[0], buf, 10));
	memset(buf, 'z', sizeof buf);
	long total = 0;
	while ((r = write(p[1], buf, 4096)) > 0)
		total += r;
	printf("pipe filled with 4096-byte writes: %ld, then %s\n", total, errname(errno));
	say("pipe nonblocking 1-byte write, full", write(p[1], buf, 1));
	poll1("pipe poll write end, full", p[1], POLLOUT);
	say("pipe read 4096", read(p[0], buf, 4096));
	poll1("pipe poll write end, 4096 free", p[1], POLLOUT);
	say("pipe nonblocking 10000-byte write, 4096 free", write(p[1], buf, 10000));
	say("pipe F_SETPIPE_SZ 4096 while full", fcntl(p[1], F_SETPIPE_SZ, 4096));
	while (read(p[0], buf, sizeof buf) > 0)
		;
	say("pipe F_SETPIPE_SZ 4096", fcntl(p[1], F_SETPIPE_SZ, 4096));
	say("pipe F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
	say("pipe F_SETPIPE_SZ 10000", fcntl(p[1], F_SETPIPE_SZ, 10000));
	say("pipe F_SETPIPE_SZ 0", fcntl(p[1], F_SETPIPE_SZ, 0));
	say("pipe 4097-byte write into 4096", write(p[1], buf, 4097));
	say("pipe read back", read(p[0], buf, sizeof buf));
	say("pipe 4000-byte write", write(p[1], buf, 4000));
	say("pipe 200-byte write (atomic, 96 free)", write(p[1], buf, 200));
	close(p[0]);
	say("pipe write, reader closed", write(p[1], buf, 1));
	signal(SIGPIPE, on_sigpipe);
	say("pipe write, reader closed, SIGPIPE handled", write(p[1], buf, 1));
	printf("pipe SIGPIPE handler ran: %d\n", sigpipes);
	signal(SIGPIPE, SIG_IGN);
	poll1("pipe poll write end, reader closed", p[1], POLLOUT);
	close(p[1]);

	/* bad arguments */
	say("pipe2 O_APPEND", pipe2(p, O_APPEND));
	say("pipe NULL", syscall(SYS_pipe, NULL));
	say("pipe2 NULL", syscall(SYS_pipe2, NULL, 0));
	say("pipe for bad buffers", pipe(q));
	write(q[1], "x", 1);
	say("pipe read into NULL", syscall(SYS_read, q[0], NULL, 1));
	say("pipe write from NULL", syscall(SYS_write, q[1], NULL, 1));
	close(q[0]);
	close(q[1]);
}

/* ---------------------------------------------------------------- eventfd */

static void eventfds(void)
{
	uint64_t v = 0;
	uint32_t small = 1;
	struct stat st;
	int e = eventfd(5, EFD_NONBLOCK);

	printf("eventfd: fd >= 3: %d\n", e >= 3);
	fstat(e, &st);
	printf("eventfd fstat: type %o, perms %o\n", st.st_mode & S_IFMT, st.st_mode & 0777);
	printf("eventfd F_GETFL: %o\n", fcntl(e, F_GETFL) & (O_ACCMODE | O_NONBLOCK));
	poll1("eventfd poll, 5", e, POLLIN | POLLOUT);
	say("eventfd read", read(e, &v, 8));
	printf("eventfd value: %llu\n", (unsigned long long)v);
	say("eventfd read, 0", read(e, &v, 8));
	poll1("eventfd poll, 0", e, POLLIN | POLLOUT);
	v = 3;
	say("eventfd write 3", write(e, &v, 8));
	v = 4;
	say("eventfd write 4", write(e, &v, 8));
	uint64_t two[2] = { 0, 0 };
	say("eventfd read 16-byte buffer", read(e, two, 16));
	printf("eventfd value: %llu\n", (unsigned long long)two[0]);
	say("eventfd read 4-byte buffer", read(e, &small, 4));
	say("eventfd write 4 bytes", write(e, &small, 4));
	v = UINT64_MAX;
	say("eventfd write 0xffffffffffffffff", write(e, &v, 8));
	v = 0xfffffffffffffffeull;
	say("eventfd write max", write(e, &v, 8));
	poll1("eventfd poll, max", e, POLLIN | POLLOUT);
	v = 1;
	say("eventfd write 1 more (overflow)", write(e, &v, 8));
	v = 0;
	say("eventfd write 0", write(e, &v, 8));
	say("eventfd read max", read(e, &v, 8));
	printf("eventfd value: %llx\n", (unsigned long long)v);
	v = 2;
	write(e, &v, 8);
	say("eventfd read into NULL, count 2", syscall(SYS_read, e, NULL, 8));
	close(e);

	e = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
	printf("eventfd semaphore: cloexec %d\n", fcntl(e, F_GETFD) == FD_CLOEXEC);
	for (int i = 0; i < 4; i++) {
		v = 0;
		long r = read(e, &v, 8);
		if (r < 0)
			say("eventfd semaphore read", r);
		else
			printf("eventfd semaphore read: %ld value %llu\n", r, (unsigned long long)v);
	}
	close(e);
	say("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 2));
	e = (int)syscall(SYS_eventfd, 7);
	printf("eventfd (old call): fd >= 3: %d, nonblocking %d\n", e >= 3, (fcntl(e, F_GETFL) & O_NONBLOCK) != 0);
	close(e);
}

/* ---------------------------------------------------------------- poll / select */

static void polls(void)
{
	static struct pollfd many[1100];
	struct pollfd pf[4];
	int p[2], e, dir;
	uint64_t t0;
	long r;

	t0 = now_ms();
	say("poll nothing, 30 ms", poll(NULL, 0, 30));
	printf("poll nothing waited >= 30 ms: %d\n", now_ms() - t0 >= 30);
	pipe(p);
	e = eventfd(0, 0);
	dir = open("/", O_RDONLY | O_DIRECTORY);
	pf[0] = (struct pollfd){ p[0], POLLIN, 0 };
	pf[1] = (struct pollfd){ -1, POLLIN, 0 };
	pf[2] = (struct pollfd){ 999, POLLIN, 0 };
	pf[3] = (struct pollfd){ e, POLLIN, 0 };
	r = poll(pf, 4, 0);
	printf("poll pipe, -1, closed, eventfd: %ld | %s | %s | %s |", r, pollnames(pf[0].revents),
	       pollnames(pf[1].revents), pollnames(pf[2].revents));
	printf(" %s\n", pollnames(pf[3].revents));
	t0 = now_ms();
	pf[2].fd = -1;
	r = poll(pf, 4, 40);
	printf("poll none ready, 40 ms: %ld, waited >= 40 ms: %d\n", r, now_ms() - t0 >= 40);
	poll1("poll directory", dir, POLLIN | POLLOUT | POLLPRI);
	poll1("poll stdout", 1, POLLOUT);
	for (int i = 0; i < 1100; i++)
		many[i] = (struct pollfd){ -1, 0, 0 };
	say("poll 1024 entries", poll(many, 1024, 0));
	say("poll 1025 entries (RLIMIT_NOFILE 1024)", poll(many, 1025, 0));
	say("poll bad pointer", syscall(SYS_poll, 16, 1, 0));
	struct timespec ts = { 0, 20 * 1000000 };
	t0 = now_ms();
	say("ppoll 20 ms", ppoll(pf, 1, &ts, NULL));
	printf("ppoll waited >= 20 ms: %d\n", now_ms() - t0 >= 20);
	ts.tv_nsec = 1000000000;
	say("ppoll tv_nsec 1e9", ppoll(pf, 1, &ts, NULL));
	ts = (struct timespec){ -1, 0 };
	say("ppoll tv_sec -1", ppoll(pf, 1, &ts, NULL));
	sigset_t ss;
	sigemptyset(&ss);
	ts = (struct timespec){ 0, 0 };
	say("ppoll sigmask", ppoll(pf, 1, &ts, &ss));
	say("ppoll sigsetsize 4", syscall(SYS_ppoll, pf, 1, &ts, &ss, 4));
	static const struct timespec zero_ro = { 0, 0 };
	say("ppoll read-only timeout", syscall(SYS_ppoll, pf, 1, &zero_ro, NULL, 8));
	say("ppoll bad timeout pointer", syscall(SYS_ppoll, pf, 1, (void *)16, NULL, 8));
	write(p[1], "x", 1);
	pf[0].events = POLLIN | POLLOUT;
	pf[1] = (struct pollfd){ p[1], POLLIN | POLLOUT, 0 };
	r = poll(pf, 2, -1);
	printf("poll both ends: %ld | %s |", r, pollnames(pf[0].revents));
	printf(" %s\n", pollnames(pf[1].revents));

	/* select */
	fd_set rs, ws, xs;
	struct timeval tv;
	int nfds = (p[0] > p[1] ? p[0] : p[1]);
	nfds = (nfds > e ? nfds : e) + 1;
	FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&xs);
	FD_SET(p[0], &rs); FD_SET(e, &rs); FD_SET(p[1], &ws); FD_SET(p[0], &xs);
	tv = (struct timeval){ 0, 0 };
	r = select(nfds, &rs, &ws, &xs, &tv);
	printf("select pipe readable, eventfd not, write end writable: %ld r:%d%d w:%d x:%d\n", r,
	       FD_ISSET(p[0], &rs), FD_ISSET(e, &rs), FD_ISSET(p[1], &ws), FD_ISSET(p[0], &xs));
	char c;
	read(p[0], &c, 1);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	FD_SET(e, &rs);
	tv = (struct timeval){ 0, 30000 };
	t0 = now_ms();
	r = select(nfds, &rs, NULL, NULL, &tv);
	printf("select nothing ready, 30 ms: %ld, waited >= 30 ms: %d, set cleared %d\n", r, now_ms() - t0 >= 30,
	       !FD_ISSET(p[0], &rs) && !FD_ISSET(e, &rs));
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	FD_SET(20, &rs);
	tv = (struct timeval){ 0, 0 };
	say("select closed descriptor", select(21, &rs, NULL, NULL, &tv));
	say("select nfds -1", select(-1, NULL, NULL, NULL, &tv));
	tv = (struct timeval){ 0, -1 };
	say("select tv_usec -1", syscall(SYS_select, 1, NULL, NULL, NULL, &tv));
	tv = (struct timeval){ 0, 1020000 };
	t0 = now_ms();
	say("select tv_usec 1020000 (1.02 s)", syscall(SYS_select, 0, NULL, NULL, NULL, &tv));
	printf("select waited >= 1020 ms: %d\n", now_ms() - t0 >= 1020);
	FD_ZERO(&ws);
	FD_SET(1, &ws);
	say("select stdout writable", select(2, NULL, &ws, NULL, NULL));
	say("select bad set pointer", syscall(SYS_select, 2, (void *)16, NULL, NULL, NULL));
	struct timespec pts = { 0, 0 };
	FD_ZERO(&rs);
	FD_SET(e, &rs);
	uint64_t one = 1;
	write(e, &one, 8);
	say("pselect eventfd readable", pselect(e + 1, &rs, NULL, NULL, &pts, &ss));
	pts.tv_nsec = -1;
	say("pselect tv_nsec -1", pselect(e + 1, &rs, NULL, NULL, &pts, NULL));
	close(p[0]);
	close(p[1]);
	close(e);
	close(dir);
}

/* ---------------------------------------------------------------- epoll */

static void epolls(void)
{
	int ep, ep2, p[2], q[2], e, dir, d;
	struct epoll_event ev = { .events = EPOLLIN };
	uint64_t one = 1;
	char buf[64];

	say("epoll_create 0", syscall(SYS_epoll_create, 0));
	say("epoll_create1 bad flags", epoll_create1(1));
	ep = epoll_create1(EPOLL_CLOEXEC);
	printf("epoll_create1 EPOLL_CLOEXEC: fd >= 3 %d, cloexec %d\n", ep >= 3, fcntl(ep, F_GETFD) == FD_CLOEXEC);
	struct stat st;
	fstat(ep, &st);
	printf("epoll fstat: type %o, perms %o\n", st.st_mode & S_IFMT, st.st_mode & 0777);
	pipe(p);
	e = eventfd(0, EFD_NONBLOCK);
	dir = open("/", O_RDONLY | O_DIRECTORY);
	say("epoll_ctl ADD pipe", epadd(ep, p[0], EPOLLIN, 10));
	say("epoll_ctl ADD again", epadd(ep, p[0], EPOLLIN, 10));
	say("epoll_ctl MOD missing", epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev));
	say("epoll_ctl DEL missing", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	say("epoll_ctl ADD itself", epadd(ep, ep, EPOLLIN, 0));
	say("epoll_ctl on a pipe as epfd", epadd(p[0], e, EPOLLIN, 0));
	say("epoll_ctl ADD directory", epadd(ep, dir, EPOLLIN, 0));
	say("epoll_ctl bad op", epoll_ctl(ep, 7, e, &ev));
	say("epoll_ctl ADD NULL event", epoll_ctl(ep, EPOLL_CTL_ADD, e, NULL));
	say("epoll_ctl ADD closed fd", epadd(ep, 999, EPOLLIN, 0));
	say("epoll_ctl closed epfd", epadd(999, e, EPOLLIN, 0));
	say("epoll_ctl EXCLUSIVE with ONESHOT", epadd(ep, e, EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0));
	say("epoll_wait maxevents 0", epoll_wait(ep, &ev, 0, 0));
	say("epoll_wait on a pipe", epoll_wait(p[0], &ev, 1, 0));
	say("epoll_wait closed fd", epoll_wait(999, &ev, 1, 0));
	epw("epoll_wait nothing", ep, 8, 0);
	uint64_t t0 = now_ms();
	epw("epoll_wait nothing, 30 ms", ep, 8, 30);
	printf("epoll_wait waited >= 30 ms: %d\n", now_ms() - t0 >= 30);
	write(p[1], "ab", 2);
	epw("epoll_wait pipe written", ep, 8, 0);
	say("epoll_wait into NULL, pipe written", syscall(SYS_epoll_wait, ep, NULL, 1, 0));
	epw("epoll_wait again (level-triggered)", ep, 8, 0);
	read(p[0], buf, 2);
	epw("epoll_wait after read", ep, 8, 0);
	/* edge-triggered */
	say("epoll_ctl ADD eventfd ET", epadd(ep, e, EPOLLIN | EPOLLET, 20));
	write(e, &one, 8);
	epw("epoll_wait eventfd ET", ep, 8, 0);
	epw("epoll_wait eventfd ET again", ep, 8, 0);
	write(e, &one, 8);
	epw("epoll_wait eventfd ET, written again", ep, 8, 0);
	read(e, &one, 8);
	/* one-shot */
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 11 };
	say("epoll_ctl MOD pipe ONESHOT", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	write(p[1], "c", 1);
	epw("epoll_wait ONESHOT", ep, 8, 0);
	epw("epoll_wait ONESHOT spent", ep, 8, 0);
	write(p[1], "d", 1);
	epw("epoll_wait ONESHOT spent, written again", ep, 8, 0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 12 };
	say("epoll_ctl MOD re-arm", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	epw("epoll_wait re-armed", ep, 8, 0);
	read(p[0], buf, sizeof buf);
	/* write end, hang-up, error */
	say("epoll_ctl ADD write end", epadd(ep, p[1], EPOLLOUT, 30));
	epw("epoll_wait write end", ep, 8, 0);
	say("epoll_ctl DEL write end", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	write(p[1], "e", 1);
	close(p[1]);
	epw("epoll_wait writer closed", ep, 8, 0);
	read(p[0], buf, sizeof buf);
	epw("epoll_wait writer closed, drained", ep, 8, 0);
	/* closing the last descriptor of a watched file removes it */
	close(p[0]);
	epw("epoll_wait pipe closed", ep, 8, 0);
	say("epoll_ctl DEL closed pipe", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	/* ... but not while another descriptor (dup) holds the file */
	pipe(q);
	d = dup(q[0]);
	say("epoll_ctl ADD pipe (dup'ed)", epadd(ep, q[0], EPOLLIN, 40));
	close(q[0]);
	write(q[1], "f", 1);
	epw("epoll_wait closed fd, dup open", ep, 8, 0);
	close(d);
	epw("epoll_wait dup closed too", ep, 8, 0);
	close(q[1]);
	/* order and maxevents */
	int r[3][2];
	int ep3 = epoll_create1(0);
	for (int i = 0; i < 3; i++) {
		pipe(r[i]);
		epadd(ep3, r[i][0], EPOLLIN, 100 + i);
	}
	write(r[2][1], "x", 1);
	write(r[0][1], "x", 1);
	write(r[1][1], "x", 1);
	epw("epoll_wait 3 ready, written 2 0 1, maxevents 2", ep3, 2, 0);
	epw("epoll_wait next, maxevents 2", ep3, 2, 0);
	epw("epoll_wait next, maxevents 8", ep3, 8, 0);
	/* sets in sets */
	ep2 = epoll_create1(0);
	say("epoll_ctl ADD set into set", epadd(ep2, ep3, EPOLLIN, 200));
	epw("epoll_wait outer set", ep2, 8, 0);
	poll1("poll on a set with ready files", ep3, POLLIN | POLLOUT);
	say("epoll_ctl ADD outer into inner (loop)", epadd(ep3, ep2, EPOLLIN, 0));
	say("epoll_ctl EXCLUSIVE on a set", epadd(ep, ep3, EPOLLIN | EPOLLEXCLUSIVE, 0));
	for (int i = 0; i < 3; i++) {
		read(r[i][0], buf, sizeof buf);
		close(r[i][0]);
		close(r[i][1]);
	}
	epw("epoll_wait outer set, inner drained", ep2, 8, 0);
	poll1("poll on an empty set", ep3, POLLIN | POLLOUT);
	close(ep3);
	epw("epoll_wait outer set, inner closed", ep2, 8, 0);
	close(ep2);
	/* epoll_pwait, epoll_pwait2 */
	sigset_t ss;
	sigemptyset(&ss);
	epw("epoll_wait before pwait", ep, 8, 0);
	say("epoll_pwait sigmask", epoll_pwait(ep, &ev, 1, 0, &ss));
	say("epoll_pwait sigsetsize 4", syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &ss, 4));
	struct timespec ts = { 0, 20000000 };
	t0 = now_ms();
	say("epoll_pwait2 20 ms", syscall(NR_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8));
	printf("epoll_pwait2 waited >= 20 ms: %d\n", now_ms() - t0 >= 20);
	ts.tv_nsec = 1000000000;
	say("epoll_pwait2 tv_nsec 1e9", syscall(NR_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8));
	write(e, &one, 8);
	say("epoll_pwait2 NULL timeout, eventfd ready", syscall(NR_epoll_pwait2, ep, &ev, 1, NULL, NULL, 8));
	close(e);
	close(dir);
	close(ep);
}

/* ---------------------------------------------------------------- threads */

struct targ {
	int fd;
	int ep;
	int err;
	long result;
	uint64_t sum;
	char buf[16];
};

static volatile int usr1s;

static void on_usr1(int sig)
{
	usr1s += sig == SIGUSR1;
}

static void *t_read(void *a)
{
	struct targ *t = a;

	t->result = read(t->fd, t->buf, sizeof t->buf);
	t->err = errno;
	return NULL;
}

static void *t_epoll(void *a)
{
	struct targ *t = a;
	struct epoll_event ev;

	t->result = epoll_wait(t->ep, &ev, 1, 5000);
	t->err = errno;
	if (t->result == 1)
		t->sum = ev.data.u64;
	return NULL;
}

static void *t_poll(void *a)
{
	struct targ *t = a;
	struct pollfd pf = { t->fd, POLLIN, 0 };

	t->result = poll(&pf, 1, 5000);
	t->err = errno;
	t->sum = (uint64_t)pf.revents;
	return NULL;
}

static void *t_select(void *a)
{
	struct targ *t = a;
	fd_set rs;

	FD_ZERO(&rs);
	FD_SET(t->fd, &rs);
	t->result = select(t->fd + 1, &rs, NULL, NULL, NULL);
	t->err = errno;
	t->sum = FD_ISSET(t->fd, &rs);
	return NULL;
}

/* Reads everything to the end, summing the bytes. */
static void *t_drain(void *a)
{
	struct targ *t = a;
	unsigned char b[3000];
	long n, total = 0;

	while ((n = read(t->fd, b, sizeof b)) > 0) {
		for (long i = 0; i < n; i++)
			t->sum += b[i];
		total += n;
	}
	t->result = n < 0 ? n : total;
	return NULL;
}

static void *t_eventfd(void *a)
{
	struct targ *t = a;
	uint64_t v = 0;

	t->result = read(t->fd, &v, 8);
	t->err = errno;
	t->sum = v;
	return NULL;
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void threads(void)
{
	pthread_t th;
	struct targ t;
	int p[2], ep, e;

	memset(&t, 0, sizeof t);
	pipe(p);
	t.fd = p[0];
	if (pthread_create(&th, NULL, t_read, &t)) {
		printf("threads: pthread_create failed\n");
		return;
	}
	pause_ms(50);
	write(p[1], "wake", 4);
	pthread_join(th, NULL);
	printf("thread blocked in read, pipe written: %ld %.4s\n", t.result, t.buf);

	memset(&t, 0, sizeof t);
	t.fd = p[0];
	pthread_create(&th, NULL, t_read, &t);
	pause_ms(50);
	close(p[1]);
	pthread_join(th, NULL);
	printf("thread blocked in read, writer closed: %ld\n", t.result);
	close(p[0]);

	pipe(p);
	ep = epoll_create1(0);
	epadd(ep, p[0], EPOLLIN, 77);
	memset(&t, 0, sizeof t);
	t.ep = ep;
	pthread_create(&th, NULL, t_epoll, &t);
	pause_ms(50);
	write(p[1], "x", 1);
	pthread_join(th, NULL);
	printf("thread blocked in epoll_wait, pipe written: %ld data %llu\n", t.result, (unsigned long long)t.sum);
	close(ep);

	e = eventfd(0, 0);
	memset(&t, 0, sizeof t);
	t.fd = e;
	pthread_create(&th, NULL, t_poll, &t);
	pause_ms(50);
	uint64_t v = 5;
	write(e, &v, 8);
	pthread_join(th, NULL);
	printf("thread blocked in poll, eventfd written: %ld %s\n", t.result, pollnames((short)t.sum));

	memset(&t, 0, sizeof t);
	t.fd = e;
	read(e, &v, 8);
	pthread_create(&th, NULL, t_eventfd, &t);
	pause_ms(50);
	v = 9;
	write(e, &v, 8);
	pthread_join(th, NULL);
	printf("thread blocked in eventfd read: %ld value %llu\n", t.result, (unsigned long long)t.sum);

	memset(&t, 0, sizeof t);
	t.fd = p[0];
	read(p[0], t.buf, sizeof t.buf);
	pthread_create(&th, NULL, t_select, &t);
	pause_ms(50);
	write(p[1], "y", 1);
	pthread_join(th, NULL);
	printf("thread blocked in select, pipe written: %ld set %llu\n", t.result, (unsigned long long)t.sum);
	close(p[0]);
	close(p[1]);

	/* 1 MiB through a pipe in 10000-byte writes, a reader in another thread */
	static unsigned char big[10000];
	uint64_t want = 0;
	long written = 0;
	for (int i = 0; i < (int)sizeof big; i++)
		big[i] = (unsigned char)(i * 7 + 3);
	pipe(p);
	memset(&t, 0, sizeof t);
	t.fd = p[0];
	pthread_create(&th, NULL, t_drain, &t);
	for (int i = 0; i < 105; i++) {
		long n = write(p[1], big, sizeof big);
		if (n > 0)
			written += n;
		for (long j = 0; j < n; j++)
			want += big[j];
	}
	close(p[1]);
	pthread_join(th, NULL);
	printf("1050000 bytes through a pipe: written %ld, read %ld, sums equal %d\n", written, t.result,
	       t.sum == want);
	close(p[0]);

	/* A signal with a handler (no SA_RESTART) ends each blocked wait with EINTR. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	static const struct {
		const char *what;
		void *(*fn)(void *);
	} waits[] = {
		{ "read on a pipe", t_read }, { "poll", t_poll }, { "select", t_select },
		{ "epoll_wait", t_epoll }, { "eventfd read", t_eventfd },
	};
	pipe(p);
	ep = epoll_create1(0);
	epadd(ep, p[0], EPOLLIN, 1);
	for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++) {
		memset(&t, 0, sizeof t);
		t.fd = waits[i].fn == t_eventfd ? e : p[0];
		t.ep = ep;
		pthread_create(&th, NULL, waits[i].fn, &t);
		pause_ms(50);
		pthread_kill(th, SIGUSR1);
		pthread_join(th, NULL);
		printf("signal to a thread blocked in %s: %ld %s\n", waits[i].what, t.result,
		       t.result < 0 ? errname(t.err) : "");
	}
	printf("SIGUSR1 handler ran: %d\n", usr1s);
	close(ep);
	close(p[0]);
	close(p[1]);
	close(e);
}

/* ---------------------------------------------------------------- console */

/* Standard input carries "ping\n" (tess's standard input, the host's pipe):
 * poll and epoll see it readable, then it reads back. */
static void console(void)
{
	struct pollfd pf = { 0, POLLIN, 0 };
	struct epoll_event ev;
	char buf[64];
	long n = 0, r;
	int ep = epoll_create1(0);

	r = poll(&pf, 1, 20000);
	printf("console poll stdin: %ld, IN %d\n", r, (pf.revents & POLLIN) != 0);
	say("console epoll_ctl ADD stdin", epadd(ep, 0, EPOLLIN, 5));
	r = epoll_wait(ep, &ev, 1, 20000);
	printf("console epoll_wait stdin: %ld, IN %d\n", r, r == 1 && (ev.events & EPOLLIN));
	while (n < 5 && (r = read(0, buf + n, sizeof buf - (size_t)n)) > 0)
		n += r;
	printf("console read: %.*s", (int)n, buf);
	close(ep);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "basic";

	signal(SIGPIPE, SIG_IGN); /* EPIPE, not death */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(what, "basic")) {
		pipes();
		eventfds();
		polls();
		epolls();
	} else if (!strcmp(what, "threads")) {
		threads();
	} else if (!strcmp(what, "console")) {
		console();
	} else if (!strcmp(what, "sigpipe")) {
		/* SIGPIPE's default action ends the program (status 128 + 13) */
		int p[2];

		signal(SIGPIPE, SIG_DFL);
		pipe(p);
		close(p[0]);
		printf("sigpipe: writing\n");
		write(p[1], "x", 1);
		printf("sigpipe: still alive\n");
	}
	printf("done\n");
	return 0;
}
