/*
 * events.c: the "epoll", "eventfd" and "timers" areas — epoll's control
 * errors, level/edge/one-shot readiness, timeouts and wake-ups; eventfd's
 * counter and semaphore modes and limits; timerfd, POSIX timers,
 * setitimer and alarm. Timing checks use wide bounds; expiration counts
 * that depend on scheduling are printed as ranges.
 */
#include "suite.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <unistd.h>

/* One epoll_wait: "n=N" and each event's data and flags. */
static void show_wait(const char *what, int ep, int timeout)
{
	struct epoll_event ev[4];
	memset(ev, 0, sizeof ev);
	int n = epoll_wait(ep, ev, 4, timeout);
	if (n < 0) {
		say(what, "-1 %s", errname(errno));
		return;
	}
	char s[160];
	int k = snprintf(s, sizeof s, "%d", n);
	for (int i = 0; i < n && k < (int)sizeof s - 40; i++)
		k += snprintf(s + k, sizeof s - k, " [data %llu%s%s%s%s]", (unsigned long long)ev[i].data.u64,
			      ev[i].events & EPOLLIN ? " IN" : "", ev[i].events & EPOLLOUT ? " OUT" : "",
			      ev[i].events & EPOLLHUP ? " HUP" : "", ev[i].events & EPOLLERR ? " ERR" : "");
	say(what, "%s", s);
}

static int add(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event e = { .events = events, .data.u64 = data };
	return epoll_ctl(ep, op, fd, &e);
}

static void *write_later(void *arg)
{
	sleep_ms(30);
	if (write(*(int *)arg, "w", 1) != 1)
		return (void *)1;
	return NULL;
}

void area_epoll(void)
{
	int ep = ckfd("epoll_create1(0)", epoll_create1(0));
	ckfd("epoll_create1(unknown flag)", epoll_create1(1));
	ckfd("epoll_create(0)", epoll_create(0));
	int e2 = ckfd("epoll_create1(EPOLL_CLOEXEC)", epoll_create1(EPOLL_CLOEXEC));
	ck("its F_GETFD", fcntl(e2, F_GETFD));
	close(e2);
	int p[2];
	if (ep < 0 || pipe(p)) {
		notrun("epoll", "no epoll or pipe");
		return;
	}
	char c;
	ck("ADD the read end, EPOLLIN", add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 11));
	ck("ADD it again", add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 11));
	ck("MOD the write end (not added)", add(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 12));
	ck("DEL the write end (not added)", add(ep, EPOLL_CTL_DEL, p[1], 0, 0));
	ck("ADD the epoll to itself", add(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0));
	ck("op 99", add(ep, 99, p[0], EPOLLIN, 0));
	ck("ADD a closed descriptor", add(ep, EPOLL_CTL_ADD, p[1] + 50, EPOLLIN, 0));
	ck("ADD to a non-epoll descriptor", add(p[0], EPOLL_CTL_ADD, p[1], EPOLLIN, 0));
	char name[600];
	snprintf(name, sizeof name, "%s/ps-epoll-file", suite_dir);
	int f = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ck("ADD a regular file", add(ep, EPOLL_CTL_ADD, f, EPOLLIN, 0));
	close(f);
	unlink(name);
	ck("epoll_ctl with a wild event (raw)", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], (void *)8));
	struct epoll_event evs[2];
	ck("epoll_wait maxevents 0", epoll_wait(ep, evs, 0, 0));
	ck("epoll_wait on a pipe", epoll_wait(p[0], evs, 1, 0));
	ck("epoll_wait into a wild array (raw)", syscall(SYS_epoll_wait, ep, (void *)8, 1, 0));

	show_wait("wait 0 ms, nothing ready", ep, 0);
	int64_t t0 = now_ns();
	show_wait("wait 40 ms, nothing ready", ep, 40);
	int64_t d = now_ns() - t0;
	yes("it waited 40 ms .. 2 s", d >= 40000000 && d < 2000000000);
	write(p[1], "ab", 2);
	show_wait("after a write (level-triggered)", ep, 0);
	show_wait("again, still readable", ep, 0);
	read(p[0], &c, 1);
	read(p[0], &c, 1);
	show_wait("drained", ep, 0);

	ck("MOD to EPOLLIN|EPOLLET, data 21", add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 21));
	write(p[1], "a", 1);
	show_wait("edge-triggered, after a write", ep, 0);
	show_wait("again, no new data", ep, 0);
	write(p[1], "b", 1);
	show_wait("another write", ep, 0);
	read(p[0], &c, 1);
	read(p[0], &c, 1);

	ck("MOD to EPOLLIN|EPOLLONESHOT, data 31", add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 31));
	write(p[1], "a", 1);
	show_wait("one-shot, after a write", ep, 0);
	show_wait("again (disarmed)", ep, 0);
	ck("MOD re-arms it", add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 32));
	show_wait("after the re-arm", ep, 0);
	read(p[0], &c, 1);

	ck("MOD back to EPOLLIN, data 41", add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 41));
	ck("ADD the write end, EPOLLOUT, data 42", add(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 42));
	show_wait("the write end is writable", ep, 0);
	ck("DEL the write end", add(ep, EPOLL_CTL_DEL, p[1], 0, 0));
	pthread_t t;
	if (!pthread_create(&t, NULL, write_later, &p[1])) {
		show_wait("wait -1, a thread writes after 30 ms", ep, -1);
		pthread_join(t, NULL);
		read(p[0], &c, 1);
	} else {
		notrun("epoll woken by another thread", "no thread");
	}
	sigset_t none;
	sigemptyset(&none);
	ck("epoll_pwait, a signal mask, nothing ready", epoll_pwait(ep, evs, 2, 0, &none));
	close(p[1]);
	show_wait("the writer closed", ep, 0);
	int d0 = dup(p[0]);
	close(p[0]);
	show_wait("the read end closed, a dup still open: still there", ep, 0);
	close(d0);
	show_wait("the last descriptor closed: gone", ep, 0);
	close(ep);
}

void area_eventfd(void)
{
	uint64_t v = 0;
	int fd = ckfd("eventfd(0, 0)", eventfd(0, 0));
	ckfd("eventfd, unknown flag", eventfd(0, 0x10));
	if (fd < 0) {
		notrun("eventfd", "none");
		return;
	}
	v = 3;
	ck("write 3", write(fd, &v, 8));
	v = 4;
	ck("write 4", write(fd, &v, 8));
	v = 0;
	ck("read", read(fd, &v, 8));
	say("the counter", "%llu", (unsigned long long)v);
	ck("read 4 bytes", read(fd, &v, 4));
	ck("write 4 bytes", write(fd, &v, 4));
	v = UINT64_MAX;
	ck("write 2^64-1", write(fd, &v, 8));
	v = UINT64_MAX - 1;
	ck("write 2^64-2", write(fd, &v, 8));
	ck("F_SETFL O_NONBLOCK", fcntl(fd, F_SETFL, O_NONBLOCK));
	v = 1;
	ck("write 1 more (would overflow)", write(fd, &v, 8));
	struct pollfd pf = { fd, POLLIN | POLLOUT, 0 };
	poll(&pf, 1, 0);
	say("poll at the maximum", "%s%s", pf.revents & POLLIN ? "IN" : "", pf.revents & POLLOUT ? " OUT" : "");
	ck("read", read(fd, &v, 8));
	say("the counter", "%llu", (unsigned long long)v);
	ck("read, zero, O_NONBLOCK", read(fd, &v, 8));
	pf.revents = 0;
	poll(&pf, 1, 0);
	say("poll at zero", "%s%s", pf.revents & POLLIN ? "IN" : "", pf.revents & POLLOUT ? "OUT" : "");
	ck("lseek", lseek(fd, 0, SEEK_SET));
	close(fd);

	fd = ckfd("eventfd(2, EFD_SEMAPHORE|EFD_NONBLOCK|EFD_CLOEXEC)", eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC));
	ck("F_GETFD", fcntl(fd, F_GETFD));
	ck("F_GETFL has O_NONBLOCK", !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	for (int i = 0; i < 3; i++) {
		v = 99;
		long r = read(fd, &v, 8);
		if (r < 0)
			say("semaphore read", "-1 %s", errname(errno));
		else
			say("semaphore read", "%ld, value %llu", r, (unsigned long long)v);
	}
	close(fd);

	fd = eventfd(0, 0);
	pthread_t t;
	if (fd >= 0 && !pthread_create(&t, NULL, write_later, &fd)) {
		/* write_later's 1-byte write is refused (EINVAL) and leaves the
		 * counter alone; then the 8-byte write below counts. */
		pthread_join(t, NULL);
		v = 5;
		write(fd, &v, 8);
		v = 0;
		ck("read after another thread's write", read(fd, &v, 8));
		say("the counter", "%llu", (unsigned long long)v);
	} else {
		notrun("read after another thread's write", "no thread");
		notrun("the counter", "no thread");
	}
	close(fd);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void timerfds(void)
{
	int fd = ckfd("timerfd_create MONOTONIC", timerfd_create(CLOCK_MONOTONIC, 0));
	ckfd("timerfd_create clock 99", timerfd_create(99, 0));
	ckfd("timerfd_create unknown flag", timerfd_create(CLOCK_MONOTONIC, 0x10));
	if (fd < 0) {
		notrun("timerfd", "none");
		return;
	}
	struct itimerspec its = { { 0, 0 }, { 0, 30000000 } }, cur;
	int64_t t0 = now_ns();
	ck("settime 30 ms one-shot", timerfd_settime(fd, 0, &its, NULL));
	ck("gettime", timerfd_gettime(fd, &cur));
	yes("it is armed, <= 30 ms left", (cur.it_value.tv_sec || cur.it_value.tv_nsec) && cur.it_value.tv_sec == 0 &&
	    cur.it_value.tv_nsec <= 30000000);
	uint64_t n = 0;
	ck("blocking read", read(fd, &n, 8));
	int64_t d = now_ns() - t0;
	say("expirations", "%llu", (unsigned long long)n);
	yes("it took 30 ms .. 2 s", d >= 30000000 && d < 2000000000);
	ck("gettime after", timerfd_gettime(fd, &cur));
	yes("disarmed", !cur.it_value.tv_sec && !cur.it_value.tv_nsec);
	ck("read 4 bytes", read(fd, &n, 4));
	its.it_value.tv_nsec = 1000000000;
	ck("settime tv_nsec = 1e9", timerfd_settime(fd, 0, &its, NULL));
	its.it_value.tv_nsec = 10000000;
	ck("settime unknown flag", timerfd_settime(fd, 0x10, &its, NULL));
	close(fd);

	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	its = (struct itimerspec){ { 0, 10000000 }, { 0, 10000000 } };
	timerfd_settime(fd, 0, &its, NULL);
	ck("non-blocking read before the first expiry", read(fd, &n, 8));
	sleep_ms(55);
	n = 0;
	ck("periodic 10 ms, after 55 ms: read", read(fd, &n, 8));
	yes("4 .. 100 expirations", n >= 4 && n <= 100);
	struct pollfd pf = { fd, POLLIN, 0 };
	ck("poll waits for the next one", poll(&pf, 1, 1000));
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	ck("disarm", timerfd_settime(fd, 0, &its, &cur));
	yes("the old setting came back (interval 10 ms)", cur.it_interval.tv_nsec == 10000000);
	ck("read after the disarm", read(fd, &n, 8));
	close(fd);

	fd = timerfd_create(CLOCK_REALTIME, 0);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	its = (struct itimerspec){ { 0, 0 }, { now.tv_sec - 1, 0 } };
	ck("TFD_TIMER_ABSTIME in the past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	n = 0;
	ck("read (already expired)", read(fd, &n, 8));
	say("expirations", "%llu", (unsigned long long)n);
	close(fd);
}

static void posix_timers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	timer_t tm;
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	alarms = 0;
	if (!ck("timer_create MONOTONIC, SIGEV_SIGNAL SIGALRM", timer_create(CLOCK_MONOTONIC, &sev, &tm))) {
		struct itimerspec its = { { 0, 0 }, { 0, 20000000 } }, cur;
		ck("timer_settime 20 ms", timer_settime(tm, 0, &its, NULL));
		ck("timer_gettime", timer_gettime(tm, &cur));
		yes("armed", cur.it_value.tv_sec || cur.it_value.tv_nsec);
		int64_t t0 = now_ns();
		while (!alarms && now_ns() - t0 < 3000000000)
			sleep_ms(2);
		say("SIGALRM came", "%d", (int)alarms);
		ck("timer_getoverrun", timer_getoverrun(tm));
		its.it_value.tv_nsec = 1000000000;
		ck("timer_settime tv_nsec = 1e9", timer_settime(tm, 0, &its, NULL));
		ck("timer_delete", timer_delete(tm));
	} else {
		notrun("POSIX timer", "no timer");
	}
	ck("timer_create clock 99", timer_create(99, &sev, &tm));

	alarms = 0;
	struct itimerval iv = { { 0, 0 }, { 0, 20000 } }, old;
	ck("setitimer ITIMER_REAL 20 ms", setitimer(ITIMER_REAL, &iv, NULL));
	ck("getitimer", getitimer(ITIMER_REAL, &old));
	yes("armed, <= 20 ms left", old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0 && old.it_value.tv_usec <= 20000);
	int64_t t0 = now_ns();
	while (!alarms && now_ns() - t0 < 3000000000)
		sleep_ms(2);
	say("SIGALRM came", "%d", (int)alarms);
	ck("setitimer which = 9", setitimer(9, &iv, NULL));
	ck("alarm(5) (none before)", alarm(5));
	ck("alarm(0) gives what was left (rounded)", alarm(0));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGALRM, &sa, NULL);
}

void area_timers(void)
{
	timerfds();
	posix_timers();
}
