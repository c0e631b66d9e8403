/* kernel_test.c: in-kernel smoke tests of nolibc (the full ones run on the host). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ts/test.h>

TS_TEST(snprintf_formats)
{
	char buf[64];
	TS_EXPECT_EQ(snprintf(buf, sizeof(buf), "%-5d|%05x|%s|%c", -42, 255, "ok", 'z'), 16);
	TS_EXPECT_STREQ(buf, "-42  |000ff|ok|z");
	TS_EXPECT_EQ(snprintf(buf, 4, "%lld", LLONG_MIN), 20);
	TS_EXPECT_STREQ(buf, "-92");
#if CONFIG_LIBNOLIBC_FLOAT
	snprintf(buf, sizeof(buf), "%.3f %g", 3.14159, 1e-5);
	TS_EXPECT_STREQ(buf, "3.142 1e-05");
#endif
}

TS_TEST(strtol_edges)
{
	char *end;
	errno = 0;
	TS_EXPECT_EQ(strtol("  -0x1f!", &end, 0), -31);
	TS_EXPECT_EQ(*end, '!');
	TS_EXPECT_EQ(strtol("99999999999999999999", &end, 10), LONG_MAX);
	TS_EXPECT_EQ(errno, ERANGE);
}

TS_TEST(string_functions)
{
	char a[16] = "abc";
	TS_EXPECT_EQ(strlen(strcat(a, "def")), 6);
	TS_EXPECT(strcmp("abc", "abd") < 0);
	TS_EXPECT_STREQ(strstr("unikernel", "ker"), "kernel");
	memmove(a + 1, a, 5);
	TS_EXPECT_STREQ(a, "aabcde");
}

static int cmp_int(const void *x, const void *y)
{
	return *(const int *)x - *(const int *)y;
}

TS_TEST(qsort_sorts)
{
	int v[] = { 5, -1, 9, 0, 3, 3 };
	qsort(v, 6, sizeof(int), cmp_int);
	TS_EXPECT(v[0] == -1 && v[1] == 0 && v[2] == 3 && v[3] == 3 && v[4] == 5 && v[5] == 9);
}

/* The wall clock is today's (after November 2023) and moves with the
 * monotonic clock. */
TS_TEST(clocks)
{
	struct timespec a, b;
	TS_EXPECT(time(NULL) > 1700000000);
	TS_EXPECT_EQ(clock_gettime(CLOCK_REALTIME, &a), 0);
	TS_EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	TS_EXPECT(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	TS_EXPECT_EQ(clock_gettime(42, &a), -1);
	TS_EXPECT_EQ(errno, EINVAL);
}

/* sscanf and strtod inside the image (the thorough tests compare with glibc on the host). */
TS_TEST(scanning)
{
	char word[8];
	double d = 0;
	int a = 0, n = 0;

	TS_EXPECT_EQ(sscanf(" 42 abc 0x1p-2", "%d %7s %lf%n", &a, word, &d, &n), 3);
	TS_EXPECT_EQ(a, 42);
	TS_EXPECT_STREQ(word, "abc");
	TS_EXPECT(d == 0.25);
	TS_EXPECT_EQ(n, 14);
	TS_EXPECT(strtod("1e-5", NULL) == 1e-5);
	TS_EXPECT_EQ(sscanf("", "%d", &a), EOF);
}

TS_TESTSUITE(nolibc_smoke, snprintf_formats, strtol_edges, string_functions, qsort_sorts, clocks, scanning);
