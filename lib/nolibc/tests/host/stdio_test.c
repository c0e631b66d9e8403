/*
 * stdio_test.c: stdout/stderr on the (captured) console: line buffering,
 * the order of stdout and stderr, the put* functions, the printf family's
 * return values; exit, _Exit, abort and assert with their console output
 * and statuses.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/lifecycle.h>
#include "check.h"
#include "stubs.h"

int assert_ndebug_probe(int *evaluated); /* assert_ndebug.c */

#define CONSOLE_IS(want) \
	CHECK(!strcmp(stub_console, want), "console \"%s\", want \"%s\"", stub_console, want)

static void stdout_line_buffered(void)
{
	int r;

	stub_console_reset();
	r = printf("hello %d", 42);
	CHECK(r == 8 && stub_console_len == 0, "printf returned %d, console has %zu bytes", r, stub_console_len);
	r = printf(", world\nrest");
	CONSOLE_IS("hello 42, world\n");
	CHECK(r == 12, "printf returned %d", r);
	fflush(stdout);
	CONSOLE_IS("hello 42, world\nrest");
	fflush(NULL); /* nothing left */
	CHECK(stub_console_writes == 2, "%d console writes", stub_console_writes);
}

static void stdout_long_output(void)
{
	char big[1000];
	size_t i;

	for (i = 0; i < sizeof big - 1; i++)
		big[i] = 'a' + i % 26;
	big[sizeof big - 1] = '\0';
	stub_console_reset();
	fputs("x", stdout);
	fputs(big, stdout); /* larger than the buffer: goes out, in order */
	CHECK(stub_console_len >= sizeof big - 1, "only %zu bytes out", stub_console_len);
	fputs("y", stdout);
	fflush(stdout);
	CHECK(stub_console_len == sizeof big + 1 && stub_console[0] == 'x' &&
		      !memcmp(stub_console + 1, big, sizeof big - 1) && stub_console[sizeof big] == 'y',
	      "long output garbled (%zu bytes)", stub_console_len);
	/* many small writes without a newline: flushed as the buffer fills */
	stub_console_reset();
	for (i = 0; i < 1000; i++)
		putchar('0' + i % 10);
	CHECK(stub_console_len > 1000 - BUFSIZ && stub_console_writes < 20, "%zu bytes in %d writes",
	      stub_console_len, stub_console_writes);
	fflush(stdout);
	CHECK(stub_console_len == 1000 && stub_console[999] == '9', "%zu bytes", stub_console_len);
}

static void stderr_unbuffered_ordered(void)
{
	int r;

	stub_console_reset();
	printf("out1 ");
	r = fprintf(stderr, "err%d ", 1);
	CONSOLE_IS("out1 err1 ");
	CHECK(r == 5, "fprintf returned %d", r);
	printf("out2\n");
	fputc('E', stderr);
	fputs("rr\n", stderr);
	CONSOLE_IS("out1 err1 out2\nErr\n");
	/* one fprintf to stderr is one console write, whatever its pieces */
	stub_console_reset();
	fprintf(stderr, "%s:%d: %s %c%5d\n", "file.c", 12, "message", 'x', 3);
	CHECK(stub_console_writes == 1, "%d writes", stub_console_writes);
	CONSOLE_IS("file.c:12: message x    3\n");
}

static void put_functions(void)
{
	size_t n;
	int r;

	stub_console_reset();
	r = puts("line");
	CHECK(r >= 0, "puts returned %d", r);
	r = putchar('a');
	CHECK(r == 'a', "putchar returned %d", r);
	r = putc(0xe9, stdout);
	CHECK(r == 0xe9, "putc returned %d", r);
	r = fputc('\n', stdout);
	n = fwrite("abcdef", 2, 3, stdout);
	CHECK(n == 3, "fwrite returned %zu", n);
	n = fwrite("zz", 0, 3, stdout);
	CHECK(n == 0, "fwrite of size 0 returned %zu", n);
	fflush(stdout);
	CONSOLE_IS("line\na\xe9\nabcdef");
	errno = ENOENT;
	stub_console_reset();
	perror("open");
	perror(NULL);
	errno = 9999;
	perror("");
	CONSOLE_IS("open: No such file or directory\nNo such file or directory\nUnknown error\n");
}

static void printf_family_on_streams(void)
{
	static const char *volatile fmt = "%s-%05.1f-%x"; /* volatile: exercise vfprintf with a runtime format */
	int r;

	stub_console_reset();
	r = fprintf(stdout, fmt, "v", 2.25, 255u);
	fflush(stdout);
	CONSOLE_IS("v-002.2-ff");
	CHECK(r == 10, "fprintf returned %d", r);
	stub_console_reset();
	r = printf("%0300d|\n", 7); /* longer than every buffer */
	CHECK(r == 302 && stub_console_len == 302 && stub_console[299] == '7', "long printf: %d, %zu bytes", r,
	      stub_console_len);
}

static int order[8], norder;
static void h1(void) { order[norder++] = 1; }
static void h2(void) { order[norder++] = 2; printf("from handler"); }
static void h3(void) { order[norder++] = 3; }
static void count(void) { norder++; }

static void exit_runs_handlers_then_flushes(void)
{
	ref_jmp_buf jb;
	volatile int step = 0, r = 0;
	int i;

	stub_console_reset();
	stub_halt_status = -1;
	stub_fini_ran = 0;
	CHECK(!atexit(h1) && !atexit(h2) && !atexit(h3), "atexit failed");
	printf("pending ");
	stub_jump = &jb;
	if (ref_setjmp(jb) == 0) {
		step = 1;
		exit(7);
	}
	stub_jump = NULL;
	CHECK(step == 1 && stub_halt_status == 7, "exit status %d", stub_halt_status);
	CHECK(norder == 3 && order[0] == 3 && order[1] == 2 && order[2] == 1, "handlers ran %d: %d %d %d", norder,
	      order[0], order[1], order[2]);
	CHECK(stub_console_len_at_fini == 20 && !strcmp(stub_console, "pending from handler"),
	      "not flushed before the fini table: \"%s\" (%zu)", stub_console, stub_console_len_at_fini);
	CHECK(stub_fini_ran == 2 && stub_fini_order[0] == 2 && stub_fini_order[1] == 1,
	      "fini table not run last entry first: %d ran: %d %d", stub_fini_ran, stub_fini_order[0],
	      stub_fini_order[1]);
	/* the table is empty again: 32 handlers fit, the 33rd does not */
	for (i = 0; i < 32; i++)
		r |= atexit(count);
	CHECK(r == 0 && atexit(count) != 0, "atexit capacity");
	norder = 0;
	stub_jump = &jb;
	if (ref_setjmp(jb) == 0)
		exit(256);
	stub_jump = NULL;
	CHECK(norder == 32 && stub_halt_status == 0, "%d handlers ran, status %d (256 is 0, as on Linux)",
	      norder, stub_halt_status);
}

static void quick_exit_paths(void)
{
	ref_jmp_buf jb;

	/* _Exit: no handlers, no flush, no fini table, straight to the platform */
	stub_console_reset();
	stub_halt_status = -1;
	stub_fini_ran = 0;
	printf("unflushed");
	stub_jump = &jb;
	if (ref_setjmp(jb) == 0)
		_Exit(3);
	CHECK(stub_halt_status == 3 && stub_console_len == 0 && stub_fini_ran == 0,
	      "_Exit: status %d, console \"%s\", %d fini calls", stub_halt_status, stub_console, stub_fini_ran);
	/* abort: stdout first, then the message, crash status */
	if (ref_setjmp(jb) == 0)
		abort();
	CHECK(stub_halt_status == TS_EXIT_CRASH, "abort status %d", stub_halt_status);
	CONSOLE_IS("unflushedabort() called\n");
	stub_jump = NULL;
}

static void assert_reports(void)
{
	ref_jmp_buf jb;
	volatile int line = 0;
	char want[256];
	int evaluated = 0;

	stub_console_reset();
	stub_halt_status = -1;
	stub_jump = &jb;
	assert(1 + 1 == 2);
	if (ref_setjmp(jb) == 0) {
		line = __LINE__ + 1;
		assert(1 + 1 == 3);
	}
	stub_jump = NULL;
	ref_snprintf(want, sizeof want, "Assertion failed: 1 + 1 == 3 (%s:%d: assert_reports)\n", __FILE__, line);
	CHECK(stub_halt_status == TS_EXIT_CRASH, "halt status %d", stub_halt_status);
	CONSOLE_IS(want);
	CHECK(assert_ndebug_probe(&evaluated) == 0 && !evaluated, "NDEBUG assert evaluated its argument");
}

/* A console that refuses (tvm's stdout on /dev/full) reaches the program. */
static void output_errors_reported(void)
{
	stub_console_reset();
	stub_console_fail = 1;
	errno = 0;
	CHECK(printf("lost\n") == -1, "printf on a failing console did not return -1");
	CHECK(errno == ENOSPC, "errno %d, not ENOSPC", errno);
	CHECK(ferror(stdout), "ferror(stdout) not set");
	CHECK(puts("x") == EOF && fputs("y\n", stderr) == EOF && fputc('z', stderr) == EOF,
	      "puts/fputs/fputc did not return EOF");
	CHECK(fwrite("ab", 1, 2, stderr) == 0, "fwrite reported success");
	CHECK(printf("partial") == 7, "a buffered printf should succeed");
	CHECK(fflush(stdout) == EOF, "fflush of a failed flush did not return EOF");
	stub_console_fail = 0;
	clearerr(stdout);
	CHECK(!ferror(stdout), "clearerr did not clear");
	CHECK(printf("back\n") == 5 && fflush(stdout) == 0, "output after recovery failed");
	CONSOLE_IS("back\n");
}

int main(void)
{
	RUN(stdout_line_buffered);
	RUN(stdout_long_output);
	RUN(stderr_unbuffered_ordered);
	RUN(put_functions);
	RUN(printf_family_on_streams);
	RUN(exit_runs_handlers_then_flushes);
	RUN(quick_exit_paths);
	RUN(assert_reports);
	RUN(output_errors_reported);
	return TESTS_DONE();
}
