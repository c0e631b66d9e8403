/*
 * suite.h: the check-line helpers shared by the areas of the POSIX behaviour
 * suite. Every check prints exactly one line "area: what -> result" whose
 * text is the same on Linux (glibc) and on a correct Tessera (musl): values
 * that legitimately differ (descriptor numbers, addresses, times, ids) are
 * never printed, only relations between them ("yes"/"no").
 */
#ifndef POSIX_SUITE_H
#define POSIX_SUITE_H

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "../errname.h"

/* Atomics by the compiler's builtins: Tessera's freestanding headers have
 * no <stdatomic.h>. */
#define AT_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define AT_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define AT_ADD(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)

/* The folder the file checks work in (argv[1]); it exists and is writable. */
extern const char *suite_dir;

/* Start an area: later lines are prefixed with its name. Also prints
 * "suite: area NAME", which the test group uses to find where a crashed
 * run stopped. */
void area(const char *name);

/* One check line with a printf-formatted result. */
void say(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The result of a call that returns -1 and sets errno on failure:
 * "-1 ENAME", or the value in decimal. Returns r, so it can wrap a call. */
long ck(const char *what, long r);

/* As ck, for calls that return a descriptor: "fd" for any r >= 0. */
int ckfd(const char *what, int r);

/* The result of a call that returns an error number (pthread_*, posix_*):
 * "0" or "ENAME". */
int ckerr(const char *what, int e);

/* A condition: "yes" or "no". Returns cond. */
int yes(const char *what, int cond);

/* A check that could not run because something it needs failed first:
 * "not run (why)". It never matches the reference, so it shows as a
 * difference without the area going on to do something unsafe. */
void notrun(const char *what, const char *why);


/* Monotonic clock in nanoseconds (0 when clock_gettime fails). */
int64_t now_ns(void);

/* Sleep ms milliseconds with nanosleep (restarted after EINTR). */
void sleep_ms(long ms);

/* The areas, in the order they run; each is independent of the others. */
void area_files(void);
void area_time(void);
void area_threads(void);
void area_futex(void);
void area_tls(void);
void area_mmap(void);
void area_signals(void);
void area_pipes(void);
void area_poll(void);
void area_epoll(void);
void area_eventfd(void);
void area_timers(void);
void area_faults(void);

#endif
