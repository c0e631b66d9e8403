/* main.c: the debugger tests' target: breakpoints, locals, step, finish, a crash for --core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gdb_square(int x);
int gdb_sum(int n);
void gdb_crash(int depth);
void gdb_abort(int code);

/* Global and noinline, so gdb can break on them by name. */
__attribute__((noinline)) int gdb_square(int x)
{
	int squared = x * x;

	return squared;
}

__attribute__((noinline)) int gdb_sum(int n)
{
	int total = 0;

	for (int i = 1; i <= n; i++)
		total += gdb_square(i);
	return total;
}

/* Writes through a null pointer with a distinctive local in the frame,
 * which the core dump test prints. */
__attribute__((noinline)) void gdb_crash(int depth)
{
	volatile int crash_marker = 4242 + depth;

	*(volatile int *)(unsigned long)(crash_marker - 4242 - depth) = crash_marker;
}

/* A crash that is no trap: abort(), whose core holds the context the
 * guest captured when it stopped. */
__attribute__((noinline)) void gdb_abort(int code)
{
	volatile int abort_marker = code;

	if (abort_marker)
		abort();
}

int main(int argc, char *argv[])
{
	int limit = 3;
	int result;

	if (argc > 1 && strcmp(argv[1], "crash") == 0)
		gdb_crash(1);
	if (argc > 1 && strcmp(argv[1], "abort") == 0)
		gdb_abort(77);
	result = gdb_sum(limit); /* 1 + 4 + 9 = 14 */
	printf("gdbtarget: sum %d\n", result);
	return result + 28; /* 42 */
}
