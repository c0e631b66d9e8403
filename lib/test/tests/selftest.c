/* selftest.c: the TS_EXPECT macros count failures (run on a private context,
 * so the deliberate failures do not fail the suite). */
#include <stddef.h>
#include <ts/test.h>

static unsigned int failures_of(void (*fn)(struct ts_test_ctx *))
{
	struct ts_test_ctx inner = { .quiet = 1 };
	fn(&inner);
	return inner.failed;
}

static void all_pass(struct ts_test_ctx *ts__ctx)
{
	TS_EXPECT(1);
	TS_EXPECT_EQ(2 + 2, 4);
	TS_EXPECT_NE(1, 2);
	TS_EXPECT_STREQ("a", "a");
	TS_EXPECT_NULL(NULL);
}

static void three_fail(struct ts_test_ctx *ts__ctx)
{
	TS_EXPECT(0);
	TS_EXPECT_EQ(1, 2);
	TS_EXPECT_STREQ("a", NULL);
	TS_EXPECT_NOT_NULL("ok");
}

TS_TEST(expectations_count)
{
	TS_EXPECT_EQ(failures_of(all_pass), 0);
	TS_EXPECT_EQ(failures_of(three_fail), 3);
}

TS_TESTSUITE(test_framework, expectations_count);
