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

/* ts_cmdline_count sizes the arrays: it must agree with the split, leave
 * the buffer alone, and report malformed lines. */
TS_TEST(count_matches_split)
{
	char buf[] = "a=1 \"b c\" -- -- x\\ y \"\"";
	char copy[sizeof(buf)];
	char *w[8];
	int err;
	memcpy(copy, buf, sizeof(buf));
	TS_EXPECT_EQ(ts_cmdline_count(buf), 5);
	TS_EXPECT(memcmp(copy, buf, sizeof(buf)) == 0);
	struct ts_cmdline c = split(buf, w, 5, &err);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT_EQ(c.nkopt, 2);
	TS_EXPECT_EQ(c.argc, 3);
	TS_EXPECT_STREQ(c.argv[0], "--");
	TS_EXPECT_STREQ(c.argv[1], "x y");
	TS_EXPECT_STREQ(c.argv[2], "");
	TS_EXPECT_EQ(ts_cmdline_count("\"open"), -EINVAL);
	TS_EXPECT_EQ(ts_cmdline_count("end\\"), -EINVAL);
	TS_EXPECT_EQ(ts_cmdline_count("  "), 0);
}

/* Far more words than the 64 lib/boot keeps without a heap. */
TS_TEST(thousands_of_words)
{
	static char buf[3 * 2000 + 4];
	static char *w[2000];
	int err, n = 0;
	buf[n++] = '-';
	buf[n++] = '-';
	for (int i = 0; i < 2000; i++) {
		buf[n++] = ' ';
		buf[n++] = (char)('a' + i % 26);
	}
	buf[n] = '\0';
	TS_EXPECT_EQ(ts_cmdline_count(buf), 2000);
	struct ts_cmdline c = split(buf, w, 2000, &err);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT_EQ(c.argc, 2000);
	TS_EXPECT_STREQ(c.argv[1999], "x"); /* 1999 % 26 == 23 */
}

TS_TESTSUITE(boot_cmdline, kernel_and_app_words, quotes_and_escapes, errors, empty,
	     count_matches_split, thousands_of_words);
