/*
 * <assert.h>: assert(). Deliberately without an include guard: C lets a
 * program include it again after changing NDEBUG.
 */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : ts_nolibc_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef TS_NOLIBC_ASSERT_H
#define TS_NOLIBC_ASSERT_H
/*
 * Called by a failing assert(): flushes stdout, prints
 * "Assertion failed: <expr> (<file>:<line>: <func>)" to the console and
 * stops the VM with TS_EXIT_CRASH.
 */
__attribute__((__noreturn__)) void ts_nolibc_assert_fail(const char *expr, const char *file,
				     unsigned int line, const char *func);
#if !defined(__cplusplus) && __STDC_VERSION__ >= 201112L
#define static_assert _Static_assert
#endif
#endif
