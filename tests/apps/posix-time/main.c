/* posix-time: clocks, sleeps and timers, built for the host (glibc) and for Tessera (musl); both print the same lines.
 * Arguments pick the parts: clocks sleeps itimer timers (all when none).
 * "guest" adds the lines only the guest can print (clock_settime is EPERM
 * there; the host test runs as root, where it would set the clock). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* TCG runs the guest slowly: a sleep may end this late and still be "ok". */
#define SLACK_NS 250000000ll

static int64_t ns_of(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000ll + t->tv_nsec; }

static int64_t now_ns(clockid_t c)
{
	struct timespec t;
	if (clock_gettime(c, &t) != 0)
		return -1;
	return ns_of(&t);
}

static const char *err_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case EFAULT: return "EFAULT";
	case EINTR: return "EINTR";
	case ESRCH: return "ESRCH";
	case ENOTSUP: return "ENOTSUP";
	case EAGAIN: return "EAGAIN";
	default: return "other";
	}
}

/* -1/errno style result as a name. */
static const char *res(int r) { return r == 0 ? "0" : err_name(errno); }

static const struct { clockid_t id; const char *name; } clocks[] = {
	{ CLOCK_REALTIME, "REALTIME" }, { CLOCK_MONOTONIC, "MONOTONIC" },
	{ CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID" }, { CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID" },
	{ CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW" }, { CLOCK_REALTIME_COARSE, "REALTIME_COARSE" },
	{ CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE" }, { CLOCK_BOOTTIME, "BOOTTIME" },
};
#define NCLOCKS (sizeof(clocks) / sizeof(clocks[0]))

static void busy_ns(int64_t ns)
{
	int64_t end = now_ns(CLOCK_MONOTONIC) + ns;
	while (now_ns(CLOCK_MONOTONIC) < end)
		;
}

static void part_clocks(int guest)
{
	for (unsigned i = 0; i < NCLOCKS; i++) {
		struct timespec r;
		int64_t prev = now_ns(clocks[i].id), bad = prev < 0;
		for (int k = 0; k < 2000 && !bad; k++) {
			int64_t t = now_ns(clocks[i].id);
			bad = t < prev;
			prev = t;
		}
		printf("clock %s: gettime %s, never backwards\n", clocks[i].name, bad ? "FAILED" : "ok");
		int g = clock_getres(clocks[i].id, &r);
		int coarse = clocks[i].id == CLOCK_REALTIME_COARSE || clocks[i].id == CLOCK_MONOTONIC_COARSE;
		if (g != 0)
			printf("clock %s: getres %s\n", clocks[i].name, err_name(errno));
		else if (coarse)
			printf("clock %s: getres %s\n", clocks[i].name,
			       r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 10000000 ? "at most 10 ms" : "wrong");
		else
			printf("clock %s: getres %lld.%09ld\n", clocks[i].name, (long long)r.tv_sec, r.tv_nsec);
	}
	struct timespec t = { 0, 0 };
	printf("clock 100: gettime %s, getres %s\n", res(clock_gettime(100, &t)), res(clock_getres(100, &t)));
	printf("clock_getres(MONOTONIC, NULL): %s\n", res(clock_getres(CLOCK_MONOTONIC, NULL)));
	t.tv_sec = 1;
	printf("clock_settime MONOTONIC: %s\n", res(clock_settime(CLOCK_MONOTONIC, &t)));
	t.tv_nsec = -1;
	printf("clock_settime REALTIME, bad nsec: %s\n", res(clock_settime(CLOCK_REALTIME, &t)));
	if (guest) {
		clock_gettime(CLOCK_REALTIME, &t);
		printf("guest: clock_settime REALTIME: %s\n", res(clock_settime(CLOCK_REALTIME, &t)));
		struct timeval tv = { t.tv_sec, 0 };
		printf("guest: settimeofday: %s\n", res(settimeofday(&tv, NULL)));
	}

	/* the wall clock: plausible, and the three ways to read it agree */
	struct timeval tv;
	int64_t rt = now_ns(CLOCK_REALTIME);
	gettimeofday(&tv, NULL);
	time_t tt = time(NULL);
	int64_t tvns = (int64_t)tv.tv_sec * 1000000000ll + tv.tv_usec * 1000ll;
	printf("realtime after 2020: %s\n", rt / 1000000000ll > 1577836800ll ? "yes" : "no");
	printf("gettimeofday and time agree with clock_gettime: %s\n",
	       tvns - rt >= 0 && tvns - rt < 1000000000ll && tt - rt / 1000000000ll >= 0 && tt - rt / 1000000000ll <= 1 ? "yes" : "no");
	int64_t m = now_ns(CLOCK_MONOTONIC), b = now_ns(CLOCK_BOOTTIME), raw = now_ns(CLOCK_MONOTONIC_RAW);
	printf("boottime >= monotonic: %s; monotonic_raw > 0: %s\n", b >= m ? "yes" : "no", raw > 0 ? "yes" : "no");

	/* CPU time: grows while we compute, hardly while we sleep */
	int64_t c0 = now_ns(CLOCK_THREAD_CPUTIME_ID), p0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	/* on a busy host we get less than the wall time: work until 40 ms of
	 * CPU time are counted, for at most 5 s */
	int64_t w0 = now_ns(CLOCK_MONOTONIC), c1;
	while ((c1 = now_ns(CLOCK_THREAD_CPUTIME_ID)) - c0 < 40000000 && now_ns(CLOCK_MONOTONIC) - w0 < 5000000000ll)
		busy_ns(1000000);
	int64_t p1 = now_ns(CLOCK_PROCESS_CPUTIME_ID), w1 = now_ns(CLOCK_MONOTONIC);
	printf("thread cpu time grows with work: %s\n", c1 - c0 >= 40000000 && c1 - c0 <= w1 - w0 + 1000000 ? "ok" : "wrong");
	printf("process cpu time >= thread's: %s\n", p1 - p0 >= c1 - c0 - 1000000 ? "yes" : "no");
	struct timespec s = { 0, 100000000 };
	nanosleep(&s, NULL);
	int64_t c2 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	printf("thread cpu time over a 100 ms sleep: %s\n", c2 - c1 < 50000000 ? "ok" : "too much");

	clockid_t cid;
	int e = pthread_getcpuclockid(pthread_self(), &cid);
	int64_t c3 = now_ns(cid);
	printf("pthread_getcpuclockid(self): %s, reads %s\n", err_name(e), c3 >= c2 ? "ok" : "wrong");
	e = clock_getcpuclockid(0, &cid);
	printf("clock_getcpuclockid(0): %s, reads %s\n", err_name(e), now_ns(cid) >= 0 ? "ok" : "wrong");
	/* glibc turns the kernel's EINVAL into ESRCH here, musl does not: ask
	 * the kernel directly */
	cid = (clockid_t)((-0x3ffffff0 - 1) * 8u + 2);
	printf("clock_getres(cpu clock of no such pid): %s\n", res((int)syscall(SYS_clock_getres, cid, &t)));
	cid = (clockid_t)((~0x3ffffff0u << 3) | 6); /* a thread that does not exist */
	printf("clock_gettime(cpu clock of no such thread): %s\n", res(clock_gettime(cid, &t)));
	cid = (clockid_t)((~0u << 3) | 3); /* kind 3 */
	printf("clock_gettime(cpu clock of kind 3): %s\n", res(clock_gettime(cid, &t)));
}

static const char *lateness(int64_t took, int64_t want)
{
	return took < want ? "early" : took > want + SLACK_NS ? "late" : "ok";
}

static void part_sleeps(int guest)
{
	struct timespec s = { 0, 20000000 }, rem = { 7, 7 };
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	int r = nanosleep(&s, &rem);
	printf("nanosleep 20 ms: %s, %s, rem untouched: %s\n", res(r), lateness(now_ns(CLOCK_MONOTONIC) - t0, 20000000),
	       rem.tv_sec == 7 && rem.tv_nsec == 7 ? "yes" : "no");
	s.tv_sec = 0, s.tv_nsec = 0;
	printf("nanosleep 0: %s\n", res(nanosleep(&s, NULL)));
	s.tv_nsec = 1000000000;
	printf("nanosleep nsec 1e9: %s\n", res(nanosleep(&s, NULL)));
	s.tv_sec = -1, s.tv_nsec = 0;
	printf("nanosleep sec -1: %s\n", res(nanosleep(&s, NULL)));

	struct timespec d;
	clock_gettime(CLOCK_MONOTONIC, &d);
	d.tv_nsec += 30000000;
	if (d.tv_nsec >= 1000000000) d.tv_sec++, d.tv_nsec -= 1000000000;
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &d, NULL);
	int64_t late = now_ns(CLOCK_MONOTONIC) - ns_of(&d);
	printf("clock_nanosleep MONOTONIC absolute +30 ms: %s, %s\n", err_name(r), late < 0 ? "early" : late > SLACK_NS ? "late" : "ok");
	clock_gettime(CLOCK_REALTIME, &d);
	d.tv_nsec += 30000000;
	if (d.tv_nsec >= 1000000000) d.tv_sec++, d.tv_nsec -= 1000000000;
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &d, NULL);
	late = now_ns(CLOCK_REALTIME) - ns_of(&d);
	printf("clock_nanosleep REALTIME absolute +30 ms: %s, %s\n", err_name(r), late < 0 ? "early" : late > SLACK_NS ? "late" : "ok");
	d.tv_sec -= 10;
	t0 = now_ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &d, NULL);
	printf("clock_nanosleep absolute in the past: %s, %s\n", err_name(r),
	       now_ns(CLOCK_MONOTONIC) - t0 < SLACK_NS ? "at once" : "late");
	s.tv_sec = 0, s.tv_nsec = 10000000;
	t0 = now_ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_BOOTTIME, 0, &s, NULL);
	printf("clock_nanosleep BOOTTIME relative 10 ms: %s, %s\n", err_name(r), lateness(now_ns(CLOCK_MONOTONIC) - t0, 10000000));
	printf("clock_nanosleep THREAD_CPUTIME_ID: %s\n", err_name(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &s, NULL)));
	printf("clock_nanosleep MONOTONIC_RAW: %s\n", err_name(clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, &s, NULL)));
	printf("clock_nanosleep clock 100: %s\n", err_name(clock_nanosleep(100, 0, &s, NULL)));
	/* Linux ignores unknown flags here; Tessera refuses them (EINVAL) */
	if (guest)
		printf("guest: clock_nanosleep flags 2: %s\n",
		       err_name((int)syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 2, &s, NULL) ? errno : 0));
	s.tv_nsec = -5;
	printf("clock_nanosleep nsec -5: %s\n", err_name(clock_nanosleep(CLOCK_MONOTONIC, 0, &s, NULL)));

	/* accuracy: ten 5 ms sleeps */
	int ok = 0;
	for (int i = 0; i < 10; i++) {
		s.tv_sec = 0, s.tv_nsec = 5000000;
		t0 = now_ns(CLOCK_MONOTONIC);
		nanosleep(&s, NULL);
		ok += lateness(now_ns(CLOCK_MONOTONIC) - t0, 5000000)[0] == 'o';
	}
	printf("ten 5 ms sleeps: %s\n", ok == 10 ? "ok" : "late or early");
}

/* ---- signals from timers ---------------------------------------------------- */
/* glibc before 2.41 does not name the thread id field of struct sigevent */
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif
static pid_t self_tid(void)
{
	pid_t t = (pid_t)syscall(SYS_gettid);
	return t > 0 ? t : 1; /* Tessera before lib/posix-thread's gettid: thread 1 */
}

static volatile int alarms, alarm_code;
static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	alarms++;
	alarm_code = si->si_code;
}

static const char *code_name(int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_TIMER: return "SI_TIMER";
	case SI_TKILL: return "SI_TKILL";
	case SI_QUEUE: return "SI_QUEUE";
	default: return "other";
	}
}

static void handle(int sig, void (*h)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void part_itimer(int guest)
{
	handle(SIGALRM, on_alarm);
	printf("alarm(0) with none set: %u\n", alarm(0));
	alarm(5);
	printf("alarm(0) after alarm(5): %u\n", alarm(0));
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	alarm(1);
	int r = pause();
	int64_t took = now_ns(CLOCK_MONOTONIC) - t0;
	printf("alarm(1) + pause: %d %s, %d SIGALRM, si_code %s, %s\n", r, err_name(errno), alarms, code_name(alarm_code),
	       lateness(took, 1000000000));

	/* interval timer: 30 ms, then every 20 ms */
	struct itimerval it = { { 0, 20000 }, { 0, 30000 } }, cur, old;
	alarms = 0;
	sigset_t none;
	sigemptyset(&none);
	t0 = now_ns(CLOCK_MONOTONIC);
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < 3)
		sigsuspend(&none);
	took = now_ns(CLOCK_MONOTONIC) - t0;
	getitimer(ITIMER_REAL, &cur);
	printf("setitimer 30 ms + 20 ms: 3 SIGALRM %s; getitimer interval %ld us, value in (0, 20 ms]: %s\n",
	       lateness(took, 70000000), (long)cur.it_interval.tv_usec,
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000 ? "yes" : "no");
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &old);
	getitimer(ITIMER_REAL, &cur);
	printf("disarmed: old interval %ld us, now %ld.%06ld / %ld.%06ld\n", (long)old.it_interval.tv_usec,
	       (long)cur.it_value.tv_sec, (long)cur.it_value.tv_usec, (long)cur.it_interval.tv_sec,
	       (long)cur.it_interval.tv_usec);
	it.it_value.tv_usec = 1000000;
	printf("setitimer usec 1e6: %s\n", res(setitimer(ITIMER_REAL, &it, NULL)));
	printf("setitimer which 5: %s\n", res(setitimer(5, &it, NULL)));
	if (guest) {
		it.it_value.tv_usec = 0;
		printf("guest: setitimer ITIMER_VIRTUAL: %s\n", res(setitimer(ITIMER_VIRTUAL, &it, NULL)));
	}

	/* a sleep cut short by the alarm: EINTR and the time left */
	struct itimerval once = { { 0, 0 }, { 0, 50000 } };
	setitimer(ITIMER_REAL, &once, NULL);
	struct timespec two = { 2, 0 }, rem = { 0, 0 };
	r = nanosleep(&two, &rem);
	int64_t left = ns_of(&rem);
	printf("nanosleep 2 s, alarm after 50 ms: %s, rem in (1 s, 2 s): %s\n", res(r),
	       left > 1000000000ll && left < 2000000000ll ? "yes" : "no");
	setitimer(ITIMER_REAL, &once, NULL);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &two, &rem);
	printf("clock_nanosleep 2 s, alarm after 50 ms: %s\n", err_name(r));
}

static void part_timers(int guest)
{
	sigset_t s, old;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, &old);
	sigset_t u1;
	sigemptyset(&u1);
	sigaddset(&u1, SIGUSR1);

	struct sigevent ev;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	timer_t tm;
	printf("timer_create MONOTONIC: %s\n", res(timer_create(CLOCK_MONOTONIC, &ev, &tm)));
	struct itimerspec its = { { 0, 0 }, { 0, 20000000 } }, cur;
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	timer_settime(tm, 0, &its, NULL);
	siginfo_t si;
	int r = sigwaitinfo(&u1, &si);
	int64_t took = now_ns(CLOCK_MONOTONIC) - t0;
	printf("one shot 20 ms: %s, si_code %s, value %d, si_timerid matches %s, overrun %d, %s\n",
	       r == SIGUSR1 ? "USR1" : "other", code_name(si.si_code), si.si_value.sival_int,
	       si.si_timerid == (int)(intptr_t)tm ? "yes" : "no", si.si_overrun, lateness(took, 20000000));
	timer_gettime(tm, &cur);
	printf("after it: gettime %ld.%09ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
	its.it_value.tv_sec = 1, its.it_value.tv_nsec = 0;
	its.it_interval.tv_sec = 0, its.it_interval.tv_nsec = 500000000;
	timer_settime(tm, 0, &its, NULL);
	timer_gettime(tm, &cur);
	printf("armed 1 s every 0.5 s: value in (0.5 s, 1 s]: %s, interval %ld.%09ld\n",
	       ns_of(&cur.it_value) > 500000000 && ns_of(&cur.it_value) <= 1000000000 ? "yes" : "no",
	       (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	struct itimerspec prev;
	memset(&its, 0, sizeof(its));
	timer_settime(tm, 0, &its, &prev);
	timer_gettime(tm, &cur);
	printf("disarmed: previous interval %ld.%09ld, now %ld.%09ld\n", (long)prev.it_interval.tv_sec,
	       prev.it_interval.tv_nsec, (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);

	/* overruns: a 10 ms period while the signal stays blocked */
	its.it_value.tv_nsec = 10000000, its.it_interval.tv_nsec = 10000000;
	timer_settime(tm, 0, &its, NULL);
	struct timespec w = { 0, 105000000 };
	nanosleep(&w, NULL);
	r = sigwaitinfo(&u1, &si);
	int ov = timer_getoverrun(tm);
	printf("10 ms period, 105 ms blocked: one signal, si_overrun >= 5: %s, timer_getoverrun the same: %s\n",
	       si.si_overrun >= 5 ? "yes" : "no", ov == si.si_overrun ? "yes" : "no");
	memset(&its, 0, sizeof(its));
	timer_settime(tm, 0, &its, NULL);
	struct timespec zero = { 0, 0 };
	while (sigtimedwait(&u1, &si, &zero) > 0)
		;
	/* musl's timer_delete returns the kernel's -EINVAL without errno: ask
	 * the kernel directly */
	const char *d1 = res(timer_delete(tm));
	printf("timer_delete: %s, again: %s\n", d1, res((int)syscall(SYS_timer_delete, (int)(intptr_t)tm)));

	/* absolute, on the wall clock */
	ev.sigev_value.sival_int = 7;
	timer_create(CLOCK_REALTIME, &ev, &tm);
	struct timespec at;
	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_nsec += 30000000;
	if (at.tv_nsec >= 1000000000) at.tv_sec++, at.tv_nsec -= 1000000000;
	its.it_value = at;
	timer_settime(tm, TIMER_ABSTIME, &its, NULL);
	r = sigwaitinfo(&u1, &si);
	int64_t late = now_ns(CLOCK_REALTIME) - ns_of(&at);
	printf("absolute REALTIME +30 ms: value %d, %s\n", si.si_value.sival_int, late < 0 ? "early" : late > SLACK_NS ? "late" : "ok");
	timer_delete(tm);

	/* SIGEV_NONE: counts down, sends nothing */
	ev.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_MONOTONIC, &ev, &tm);
	its.it_value.tv_sec = 0, its.it_value.tv_nsec = 10000000;
	timer_settime(tm, 0, &its, NULL);
	nanosleep(&w, NULL);
	timer_gettime(tm, &cur);
	printf("SIGEV_NONE: expired to %ld.%09ld, USR1 pending: %d\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec,
	       sigtimedwait(&u1, &si, &zero) > 0);
	timer_delete(tm);

	/* SIGEV_THREAD_ID: to this thread; a handler this time */
	handle(SIGUSR2, on_alarm);
	alarms = 0;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGUSR2;
	ev.sigev_notify_thread_id = self_tid();
	printf("timer_create SIGEV_THREAD_ID: %s\n", res(timer_create(CLOCK_MONOTONIC, &ev, &tm)));
	its.it_value.tv_nsec = 10000000;
	timer_settime(tm, 0, &its, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	while (!alarms)
		nanosleep(&w, NULL);
	printf("SIGEV_THREAD_ID: handler ran %d, si_code %s\n", alarms, code_name(alarm_code));
	timer_delete(tm);

	/* errors */
	printf("timer_create clock 100: %s\n", res(timer_create(100, &ev, &tm)));
	ev.sigev_notify_thread_id = 0x3ffffff0;
	printf("timer_create SIGEV_THREAD_ID, no such thread: %s\n", res(timer_create(CLOCK_MONOTONIC, &ev, &tm)));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 65;
	printf("timer_create signal 65: %s\n", res(timer_create(CLOCK_MONOTONIC, &ev, &tm)));
	ev.sigev_notify = 77;
	ev.sigev_signo = SIGUSR1;
	printf("timer_create notify 77: %s\n", res((int)syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &r)));
	ev.sigev_notify = SIGEV_SIGNAL;
	timer_create(CLOCK_MONOTONIC, &ev, &tm);
	its.it_value.tv_nsec = 1000000000;
	printf("timer_settime nsec 1e9: %s\n", res(timer_settime(tm, 0, &its, NULL)));
	timer_delete(tm);
	printf("timer_gettime of a deleted timer: %s\n", res(timer_gettime(tm, &cur)));
	printf("timer_create MONOTONIC_RAW: %s\n", res(timer_create(CLOCK_MONOTONIC_RAW, NULL, &tm)));
	/* Linux has CPU-time timers; Tessera does not (EOPNOTSUPP) */
	if (guest) {
		printf("guest: timer_create PROCESS_CPUTIME_ID: %s\n", res(timer_create(CLOCK_PROCESS_CPUTIME_ID, NULL, &tm)));
	}
}

/* One part: its name, and what runs it. */
static void run_part(const char *p, int guest)
{
	if (strcmp(p, "clocks") == 0)
		part_clocks(guest);
	else if (strcmp(p, "sleeps") == 0)
		part_sleeps(guest);
	else if (strcmp(p, "itimer") == 0)
		part_itimer(guest);
	else if (strcmp(p, "timers") == 0)
		part_timers(guest);
}

int main(int argc, char **argv)
{
	static const char *const all[] = { "clocks", "sleeps", "itimer", "timers" };
	int guest = 0, named = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "guest") == 0)
			guest = 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "guest") != 0)
			run_part(argv[i], guest), named = 1;
	if (!named)
		for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
			run_part(all[i], guest);
	printf("done\n");
	return 0;
}
