/* main.c: deliberate faults, one per argument, for the crash-report tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/print.h>
#include <ts/sched.h>

/* noinline, global and distinctive names so the report can be checked
 * for them; declared here only to satisfy -Wmissing-declarations users. */
void crash_null_write(void);
void crash_code_write(void);
void crash_data_exec(void);
void crash_assert(int x);
void crash_double_free(void);
int crash_recurse(int depth);
void crash_big_frame(void);

__attribute__((noinline)) void crash_null_write(void)
{
	*(volatile int *)0 = 42;
}

__attribute__((noinline)) void crash_code_write(void)
{
	*(volatile unsigned char *)(void *)crash_null_write = 0xcc;
}

unsigned char data_ret[] = { 0xc3 }; /* "ret", but in a data page */

__attribute__((noinline)) void crash_data_exec(void)
{
	((void (*)(void))(void *)data_ret)();
}

__attribute__((noinline)) void crash_assert(int x)
{
	TS_ASSERT(x == 1);
}

__attribute__((noinline)) void crash_double_free(void)
{
	char *p = malloc(32);
	free(p);
	free(p);
}

/* Recurse with a big frame until the 8 KiB thread stack runs out (the
 * limit is far beyond what the stack holds, but keeps gcc from calling the
 * recursion infinite). */
__attribute__((noinline)) int crash_recurse(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth > 1000000)
		return 0;
	return crash_recurse(depth + 1) + frame[0];
}

/* A local array larger than main's 32 KiB stack (see the Tessfile), written
 * from its lowest byte up: the first write lands below the stack. */
__attribute__((noinline)) void crash_big_frame(void)
{
	char big[33 * 1024];
	memset(big, 1, sizeof big);
	__asm__ volatile("" : : "r"(big) : "memory");
}

static void overflow_thread(void *arg)
{
	(void)arg;
	crash_recurse(0);
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";
	printf("crash: %s\n", what);
	if (!strcmp(what, "null"))
		crash_null_write();
	else if (!strcmp(what, "code-write"))
		crash_code_write();
	else if (!strcmp(what, "data-exec"))
		crash_data_exec();
	else if (!strcmp(what, "assert"))
		crash_assert(argc);
	else if (!strcmp(what, "double-free"))
		crash_double_free();
	else if (!strcmp(what, "stack-overflow")) {
		struct ts_thread *t;
		struct ts_thread_attr attr = { .name = "deep", .stack_size = 8192 };
		ts_thread_create(&t, &attr, overflow_thread, NULL);
		ts_thread_join(t, NULL);
	} else if (!strcmp(what, "main-big-frame"))
		crash_big_frame();
	else if (!strcmp(what, "main-recurse"))
		crash_recurse(0);
	else if (!strcmp(what, "ud2"))
		__asm__ volatile("ud2");
	else {
		printf("usage: crash null|code-write|data-exec|assert|double-free|stack-overflow|main-big-frame|main-recurse|ud2\n");
		return 2;
	}
	printf("crash: survived %s\n", what);
	return 1;
}
