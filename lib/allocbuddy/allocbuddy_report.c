/* Kernel reaction to heap misuse caught by allocbuddy's debug checks: print and halt. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>
#include "allocbuddy_impl.h"

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ts_plat_console_write(s, n);
}

_Noreturn void ts_allocbuddy_corruption(const char *what, void *ptr)
{
	static const char digits[] = "0123456789abcdef";
	uintptr_t v = (uintptr_t)ptr;
	char hex[2 + 2 * sizeof(v) + 2];
	unsigned int i;

	hex[0] = '0';
	hex[1] = 'x';
	for (i = 0; i < 2 * sizeof(v); i++)
		hex[2 + i] = digits[(v >> (4 * (2 * sizeof(v) - 1 - i))) & 0xf];
	hex[2 + 2 * sizeof(v)] = '\n';
	hex[3 + 2 * sizeof(v)] = '\0';
	put("allocbuddy: heap corruption: ");
	put(what);
	put(" at ");
	put(hex);
	ts_plat_halt(TS_EXIT_CRASH);
}
