/* cmdline_test.c: in-kernel tests of the command-line splitter. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <ts/test.h>
#include "../cmdline.h"

static struct ts_cmdline split(char *buf, char **w, int max, int *err)
{
	struct ts_cmdline c = { 0 };
	*err = ts_cmdline_split(buf, w, max, &c);
	return c;
}

TS_TEST(kernel_and_app_words)
{
	char buf[] = "loglevel=debug  quiet -- a  b";
	char *w[8];
	int err;
	struct ts_cmdline c = split(buf, w, 8, &err);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT_EQ(c.nkopt, 2);
	TS_EXPECT_STREQ(c.kopt[0], "loglevel=debug");
	TS_EXPECT_STREQ(c.kopt[1], "quiet");
	TS_EXPECT_EQ(c.argc, 2);
	TS_EXPECT_STREQ(c.argv[0], "a");
	TS_EXPECT_STREQ(c.argv[1], "b");
}

TS_TEST(quotes_and_escapes)
{
	char buf[] = "-- \"hello world\" a\\\"b \"\" \"--\" x\\\\y";
	char *w[8];
	int err;
	struct ts_cmdline c = split(buf, w, 8, &err);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT_EQ(c.nkopt, 0);
	TS_EXPECT_EQ(c.argc, 5);
	TS_EXPECT_STREQ(c.argv[0], "hello world");
	TS_EXPECT_STREQ(c.argv[1], "a\"b");
	TS_EXPECT_STREQ(c.argv[2], "");
	TS_EXPECT_STREQ(c.argv[3], "--");
	TS_EXPECT_STREQ(c.argv[4], "x\\y");
}

TS_TEST(errors)
{
	char open_quote[] = "-- \"abc";
	char trailing[] = "abc\\";
	char many[] = "a b c d";
	char *w[3];
	int err;
	split(open_quote, w, 3, &err);
	TS_EXPECT_EQ(err, -EINVAL);
	split(trailing, w, 3, &err);
	TS_EXPECT_EQ(err, -EINVAL);
	split(many, w, 3, &err);
	TS_EXPECT_EQ(err, -E2BIG);
}

TS_TEST(empty)
{
	char buf[] = "   ";
	char *w[2];
	int err;
	struct ts_cmdline c = split(buf, w, 2, &err);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT_EQ(c.nkopt + c.argc, 0);
}

TS_TESTSUITE(boot_cmdline, kernel_and_app_words, quotes_and_escapes, errors, empty);
