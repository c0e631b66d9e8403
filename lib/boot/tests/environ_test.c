/* environ_test.c: in-kernel tests of the environment built from kernel options. */
#include <stdio.h>
#include <stdlib.h>
#include <ts/test.h>
#include "../environ.h"

TS_TEST(names)
{
	TS_EXPECT_EQ(ts_boot_env_name_len("HOME=/"), 4);
	TS_EXPECT_EQ(ts_boot_env_name_len("_x1="), 3);
	TS_EXPECT_EQ(ts_boot_env_name_len("1X=y"), 0);       /* starts with a digit */
	TS_EXPECT_EQ(ts_boot_env_name_len("=y"), 0);
	TS_EXPECT_EQ(ts_boot_env_name_len("quiet"), 0);      /* no value */
	TS_EXPECT_EQ(ts_boot_env_name_len("virtio.x=1"), 0); /* dotted: a module-style option */
}

TS_TEST(unclaimed_assignments_only)
{
	char *w[] = { "loglevel=debug", "A=1", "quiet", "B=two words", "A=3", "x.y=1" };
	unsigned char used[] = { 1, 0, 0, 0, 0, 0 };
	char *env[7];
	TS_EXPECT_EQ(ts_boot_env_build(w, 6, used, env), 2);
	TS_EXPECT_STREQ(env[0], "A=3"); /* the later A replaced the earlier one */
	TS_EXPECT_STREQ(env[1], "B=two words");
	TS_EXPECT(env[2] == NULL);
	TS_EXPECT_EQ(ts_boot_env_build(w, 0, used, env), 0);
	TS_EXPECT(env[0] == NULL);
}

/* The image's Tessfile sets TS_TEST_ENV through kernel_args; tests/run
 * overrides it with `tess run -e` and looks for the line printed here. */
TS_TEST(reaches_getenv)
{
	const char *v = getenv("TS_TEST_ENV");
	TS_EXPECT(v != NULL);
	if (v)
		printf("    TS_TEST_ENV=%s\n", v);
	TS_EXPECT(getenv("loglevel") == NULL);
}

TS_TESTSUITE(boot_environ, names, unclaimed_assignments_only, reaches_getenv);
