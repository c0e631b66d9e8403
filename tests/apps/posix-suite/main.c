/*
 * main.c: the POSIX behaviour suite's driver and check-line helpers. Usage:
 *   posix-suite DIR [AREA...]
 * runs the named areas (all, in order, without names) working in folder DIR.
 * Built for the host against glibc and for Tessera against musl; the test
 * group (tests/groups/posix-suite.sh) diffs the two outputs.
 */
#include "suite.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *suite_dir;
static const char *cur_area = "suite";

void area(const char *name)
{
	cur_area = name;
	printf("suite: area %s\n", name);
	fflush(stdout);
}

void say(const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("%s: %s -> ", cur_area, what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	/* Each line leaves at once: a crash later loses nothing printed. */
	fflush(stdout);
}

long ck(const char *what, long r)
{
	if (r == -1)
		say(what, "-1 %s", errname(errno));
	else
		say(what, "%ld", r);
	return r;
}

int ckfd(const char *what, int r)
{
	if (r < 0)
		say(what, "-1 %s", errname(errno));
	else
		say(what, "fd");
	return r;
}

int ckerr(const char *what, int e)
{
	if (e == 0)
		say(what, "0");
	else
		say(what, "%s", errname(e));
	return e;
}

int yes(const char *what, int cond)
{
	say(what, "%s", cond ? "yes" : "no");
	return cond;
}

void notrun(const char *what, const char *why)
{
	say(what, "not run (%s)", why);
}

int64_t now_ns(void)
{
	struct timespec ts;
	static int64_t fake;

	/* Without a clock, a fake one that advances 1 ms a call: every loop
	 * bounded by a time then still ends (its checks fail anyway). */
	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return fake += 1000000;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static const struct {
	const char *name;
	void (*run)(void);
} areas[] = {
	{ "files", area_files },     { "time", area_time },       { "threads", area_threads },
	{ "futex", area_futex },     { "tls", area_tls },         { "mmap", area_mmap },
	{ "signals", area_signals }, { "pipes", area_pipes },     { "poll", area_poll },
	{ "epoll", area_epoll },     { "eventfd", area_eventfd }, { "timers", area_timers },
	/* Last: these checks fault on purpose and are the likeliest to end
	 * the run on a system that cannot turn a fault into a signal. */
	{ "faults", area_faults },
};
#define NAREAS (sizeof areas / sizeof areas[0])

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: posix-suite DIR [AREA...]\n");
		return 2;
	}
	for (int j = 2; j < argc; j++) {
		size_t i = 0;
		while (i < NAREAS && strcmp(argv[j], areas[i].name))
			i++;
		if (i == NAREAS) {
			fprintf(stderr, "posix-suite: no area %s\n", argv[j]);
			return 2;
		}
	}
	suite_dir = argv[1];
	/* The same starting state on both systems, whatever the caller had. */
	umask(022);
	signal(SIGPIPE, SIG_DFL);
	for (size_t i = 0; i < NAREAS; i++) {
		int wanted = argc == 2;
		for (int j = 2; j < argc; j++)
			wanted |= strcmp(argv[j], areas[i].name) == 0;
		if (wanted) {
			area(areas[i].name);
			areas[i].run();
		}
	}
	cur_area = "suite";
	printf("suite: end\n");
	fflush(stdout);
	return 0;
}
