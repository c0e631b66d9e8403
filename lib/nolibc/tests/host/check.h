/*
 * check.h: what the nolibc host tests share: the host C library's
 * functions as references (asm labels get past rename.h), test-case
 * bookkeeping that prints "ok <case>" / "FAIL <case>: <why>", and a
 * deterministic random generator.
 */
#ifndef NOLIBC_TEST_CHECK_H
#define NOLIBC_TEST_CHECK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The host's C library (glibc), reached by symbol name. */
int ref_printf(const char *fmt, ...) __asm__("printf");
int ref_snprintf(char *buf, size_t size, const char *fmt, ...) __asm__("snprintf");
int ref_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __asm__("vsnprintf");
int ref_fflush(void *f) __asm__("fflush");
int *ref_errno_location(void) __asm__("__errno_location");
#define ref_errno (*ref_errno_location())
void *ref_malloc(size_t size) __asm__("malloc");
void *ref_realloc(void *p, size_t size) __asm__("realloc");
void *ref_aligned_alloc(size_t align, size_t size) __asm__("aligned_alloc");
void ref_free(void *p) __asm__("free");
_Noreturn void ref_abort(void) __asm__("abort");
/* setjmp/longjmp: the stub of ts_plat_halt jumps back. */
typedef long ref_jmp_buf[64] __attribute__((aligned(16))); /* >= glibc's 200 bytes */
int ref_setjmp(ref_jmp_buf env) __asm__("_setjmp") __attribute__((returns_twice));
_Noreturn void ref_longjmp(ref_jmp_buf env, int val) __asm__("longjmp");

char *ref_getenv(const char *name) __asm__("getenv");

/*
 * Test cases: check_fail() (or CHECK) for each failure, then case_end().
 * The first failure of a case is reported; with NOLIBC_TEST_VERBOSE set
 * in the environment, every failure is printed as it happens.
 */
static int case_failures, total_failures;
static char case_msg[600];

__attribute__((format(__printf__, 1, 2), unused)) static void check_fail(const char *fmt, ...)
{
	static char msg[sizeof case_msg];
	va_list ap;

	va_start(ap, fmt);
	ref_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!case_failures++)
		__builtin_memcpy(case_msg, msg, sizeof msg);
	if (ref_getenv("NOLIBC_TEST_VERBOSE"))
		ref_printf("  failure: %s\n", msg);
}

#define CHECK(cond, ...)                     \
	do {                                 \
		if (!(cond))                 \
			check_fail(__VA_ARGS__); \
	} while (0)

/* Report the case (note: extra text after "ok <case>", may be NULL). */
__attribute__((unused)) static void case_end(const char *name, const char *note)
{
	if (case_failures) {
		ref_printf("FAIL %s: %s", name, case_msg);
		if (case_failures > 1)
			ref_printf(" (and %d more failures)", case_failures - 1);
		ref_printf("\n");
		total_failures++;
	} else {
		ref_printf("ok %s%s%s\n", name, note ? " " : "", note ? note : "");
	}
	ref_fflush(NULL);
	case_failures = 0;
}

#define RUN(fn) (fn(), case_end(#fn, NULL))

/* Exit status of a test binary. */
#define TESTS_DONE() (total_failures ? 1 : 0)

/* xorshift64*: the same inputs on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

__attribute__((unused)) static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Uniform-ish in [0, n). */
__attribute__((unused)) static size_t rnd_below(size_t n)
{
	return n ? rnd() % n : 0;
}

#endif
