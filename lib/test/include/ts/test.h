/* lib/test: in-kernel unit tests (suites in a linker section, TS_EXPECT_*). */
#ifndef TS_TEST_H
#define TS_TEST_H

#include <stdint.h>

struct ts_test_ctx {
	unsigned int failed; /* checks that failed in the current case */
	unsigned int quiet;  /* nonzero: count failures without printing them */
};

struct ts_test_case {
	const char *name;
	void (*fn)(struct ts_test_ctx *ctx);
};

struct ts_test_suite {
	const char *name;
	const struct ts_test_case *cases;
	unsigned int ncases;
};

/* Define a test case: TS_TEST(name) { TS_EXPECT(...); } */
#define TS_TEST(name) static void name(struct ts_test_ctx *ts__ctx)

/* Register a suite: TS_TESTSUITE(name, case1, case2, ...). */
#define TS_TESTSUITE(sname, ...) \
	static const struct ts_test_case sname##__cases[] = { TS__CASES(__VA_ARGS__) }; \
	static const struct ts_test_suite sname##__suite \
	__attribute__((used, aligned(8), section(".ts_testsuites." #sname))) = { \
		#sname, sname##__cases, sizeof(sname##__cases) / sizeof(sname##__cases[0]) }

/* Checks: on failure print file, line and the values, and go on. */
#define TS_EXPECT(cond) \
	ts__expect(ts__ctx, !!(cond), __FILE__, __LINE__, "%s", #cond)
#define TS_EXPECT_EQ(a, b) \
	ts__expect_eq(ts__ctx, (int64_t)(a), (int64_t)(b), __FILE__, __LINE__, #a, #b)
#define TS_EXPECT_NE(a, b) \
	ts__expect(ts__ctx, (int64_t)(a) != (int64_t)(b), __FILE__, __LINE__, "%s != %s", #a, #b)
#define TS_EXPECT_STREQ(a, b) \
	ts__expect_streq(ts__ctx, (a), (b), __FILE__, __LINE__, #a, #b)
#define TS_EXPECT_NULL(p) TS_EXPECT((p) == NULL)
#define TS_EXPECT_NOT_NULL(p) TS_EXPECT((p) != NULL)

/*
 * Run every registered suite in name order. Prints one line per case
 * ("  ok   suite.case" or "  FAIL suite.case") and a last line
 * "tests: N passed, M failed". Returns the number of failed cases.
 */
int ts_test_run_all(void);

/* Internals of the macros above. */
#define TS__CASE1(fn) { #fn, fn },
#define TS__CASES(...) TS__MAP(TS__CASE1, __VA_ARGS__)
#define TS__MAP(m, ...) TS__MAP_N(__VA_ARGS__, TS__M16, TS__M15, TS__M14, TS__M13, TS__M12, \
	TS__M11, TS__M10, TS__M9, TS__M8, TS__M7, TS__M6, TS__M5, TS__M4, TS__M3, TS__M2, TS__M1)(m, __VA_ARGS__)
#define TS__MAP_N(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, N, ...) N
#define TS__M1(m, a) m(a)
#define TS__M2(m, a, ...) m(a) TS__M1(m, __VA_ARGS__)
#define TS__M3(m, a, ...) m(a) TS__M2(m, __VA_ARGS__)
#define TS__M4(m, a, ...) m(a) TS__M3(m, __VA_ARGS__)
#define TS__M5(m, a, ...) m(a) TS__M4(m, __VA_ARGS__)
#define TS__M6(m, a, ...) m(a) TS__M5(m, __VA_ARGS__)
#define TS__M7(m, a, ...) m(a) TS__M6(m, __VA_ARGS__)
#define TS__M8(m, a, ...) m(a) TS__M7(m, __VA_ARGS__)
#define TS__M9(m, a, ...) m(a) TS__M8(m, __VA_ARGS__)
#define TS__M10(m, a, ...) m(a) TS__M9(m, __VA_ARGS__)
#define TS__M11(m, a, ...) m(a) TS__M10(m, __VA_ARGS__)
#define TS__M12(m, a, ...) m(a) TS__M11(m, __VA_ARGS__)
#define TS__M13(m, a, ...) m(a) TS__M12(m, __VA_ARGS__)
#define TS__M14(m, a, ...) m(a) TS__M13(m, __VA_ARGS__)
#define TS__M15(m, a, ...) m(a) TS__M14(m, __VA_ARGS__)
#define TS__M16(m, a, ...) m(a) TS__M15(m, __VA_ARGS__)

void ts__expect(struct ts_test_ctx *ctx, int ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void ts__expect_eq(struct ts_test_ctx *ctx, int64_t a, int64_t b, const char *file, int line,
		   const char *sa, const char *sb);
void ts__expect_streq(struct ts_test_ctx *ctx, const char *a, const char *b, const char *file,
		      int line, const char *sa, const char *sb);

#endif
