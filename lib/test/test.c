/* test.c: run the registered in-kernel test suites and report. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/test.h>

extern const struct ts_test_suite __ts_testsuites_start[], __ts_testsuites_end[];

void ts__expect(struct ts_test_ctx *ctx, int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	if (ok)
		return;
	ctx->failed++;
	if (ctx->quiet)
		return;
	printf("    %s:%d: expected ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void ts__expect_eq(struct ts_test_ctx *ctx, int64_t a, int64_t b, const char *file, int line,
		   const char *sa, const char *sb)
{
	ts__expect(ctx, a == b, file, line, "%s == %s (%lld vs %lld)", sa, sb,
		   (long long)a, (long long)b);
}

void ts__expect_streq(struct ts_test_ctx *ctx, const char *a, const char *b, const char *file,
		      int line, const char *sa, const char *sb)
{
	int ok = a && b && !strcmp(a, b);
	ts__expect(ctx, ok, file, line, "%s == %s (\"%s\" vs \"%s\")", sa, sb,
		   a ? a : "(null)", b ? b : "(null)");
}

int ts_test_run_all(void)
{
	unsigned int passed = 0, failed = 0;
	for (const struct ts_test_suite *s = __ts_testsuites_start; s < __ts_testsuites_end; s++) {
		for (unsigned int i = 0; i < s->ncases; i++) {
			struct ts_test_ctx ctx = { 0 };
			s->cases[i].fn(&ctx);
			printf("  %-4s %s.%s\n", ctx.failed ? "FAIL" : "ok", s->name, s->cases[i].name);
			if (ctx.failed)
				failed++;
			else
				passed++;
		}
	}
	printf("tests: %u passed, %u failed\n", passed, failed);
	return (int)failed;
}
