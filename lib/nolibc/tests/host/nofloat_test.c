/* nofloat_test.c: printf_nofloat.c, the stand-in for images without LIBNOLIBC_FLOAT. */
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Float conversions print "?" in their field and still consume their argument. */
static void nofloat_placeholder(void)
{
	char buf[64];
	int r;

	r = snprintf(buf, sizeof buf, "%5.2f|%d|%-3Lg|%s|%e%a", 1.5, 7, (long double)2, "x", 1.0, 2.0);
	CHECK(r == 16 && !strcmp(buf, "    ?|7|?  |x|??"), "got %d \"%s\"", r, buf);
}

int main(void)
{
	RUN(nofloat_placeholder);
	return TESTS_DONE();
}
