/*
 * hosttest.h: case bookkeeping for host unit tests (hosttest.mk puts this
 * folder on the include path). CHECK conditions inside a case function,
 * run it with hosttest_run(), end main with `return hosttest_status();`.
 * A case prints "ok <name>", or "FAIL <name>: <its first failure>".
 * (lib/nolibc's tests have their own: they cannot call the host's printf
 * by its name.)
 */
#ifndef TS_HOSTTEST_H
#define TS_HOSTTEST_H

#include <stdio.h>
#include <stdlib.h>

static const char *hosttest_case;
static int hosttest_case_ok, hosttest_failed;

/* Report the first failed condition of the current case; printf-style message. */
#define CHECK(cond, ...)                                              \
	do {                                                          \
		if (!(cond) && hosttest_case_ok) {                    \
			printf("FAIL %s: ", hosttest_case);           \
			printf(__VA_ARGS__);                          \
			printf("\n");                                 \
			hosttest_case_ok = 0;                         \
		}                                                     \
	} while (0)

__attribute__((unused)) static void hosttest_run(const char *name, void (*fn)(void))
{
	hosttest_case = name;
	hosttest_case_ok = 1;
	fn();
	if (hosttest_case_ok)
		printf("ok %s\n", name);
	else
		hosttest_failed = 1;
	fflush(stdout);
}

/* main's exit status: 1 if any case failed. */
#define hosttest_status() (hosttest_failed)

/* The whole file at path in a malloc'd buffer (one spare byte at the end),
 * its length in *n; NULL if it cannot be read. For tests that compare with
 * files made by host tools (cpio, gzip). */
__attribute__((unused)) static unsigned char *hosttest_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && (buf = malloc((size_t)len + 1))) {
		rewind(f);
		*n = fread(buf, 1, (size_t)len, f);
	}
	fclose(f);
	return buf;
}

#endif
