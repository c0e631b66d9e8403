/* print_test.c: in-kernel tests of log levels and assertions. */
#include <ts/print.h>
#include <ts/test.h>

TS_TEST(levels_are_ordered)
{
	/* The level in force comes from loglevel= or LIBPRINT_LOGLEVEL; a
	 * level is enabled exactly when every more severe one is. */
	for (int l = TS_LOG_ERR; l <= TS_LOG_DEBUG; l++)
		if (ts_log_enabled((enum ts_log_level)l))
			TS_EXPECT(ts_log_enabled((enum ts_log_level)(l - 1)));
	TS_EXPECT(ts_log_enabled(TS_LOG_CRIT));
}

TS_TEST(assert_passes_on_truth)
{
	int evaluated = 0;
	TS_ASSERT(++evaluated == 1);
#if CONFIG_ASSERTIONS
	TS_EXPECT_EQ(evaluated, 1);
#else
	TS_EXPECT_EQ(evaluated, 0); /* compiled out entirely */
#endif
}

TS_TESTSUITE(print, levels_are_ordered, assert_passes_on_truth);
