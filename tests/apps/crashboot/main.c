/* main.c: deliberate faults, one per argument, for the crash-report tests of
 * an image without a scheduler (main runs on the boot stack) and with the
 * allocator's default (non-debug) checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* noinline and global, so the report can be checked for their names. */
void crash_big_frame(void);
void crash_huge_frame(void);
int crash_recurse(int depth);
void crash_double_free(void);
void crash_foreign_free(void);
void crash_realloc_freed(void);

/* A local array larger than the 32 KiB boot stack, written from its
 * lowest byte up: the first write lands below the stack. */
__attribute__((noinline)) void crash_big_frame(void)
{
	char big[33 * 1024];
	memset(big, 1, sizeof big);
	__asm__ volatile("" : : "r"(big) : "memory");
}

/* Twice the stack: without probing (-fstack-clash-protection) the frame
 * would start far below the guard page, inside the BSS. */
__attribute__((noinline)) void crash_huge_frame(void)
{
	char huge[64 * 1024];
	memset(huge, 1, sizeof huge);
	__asm__ volatile("" : : "r"(huge) : "memory");
}

/* Recurse until the stack runs out (the limit keeps gcc from calling the
 * recursion infinite). */
__attribute__((noinline)) int crash_recurse(int depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	if (depth > 1000000)
		return 0;
	return crash_recurse(depth + 1) + frame[0];
}

__attribute__((noinline)) void crash_double_free(void)
{
	char *p = malloc(32);
	free(p);
	free(p);
}

static char not_from_malloc[64];

__attribute__((noinline)) void crash_foreign_free(void)
{
	free(not_from_malloc);
}

__attribute__((noinline)) void crash_realloc_freed(void)
{
	char *p = malloc(100);
	free(p);
	p = realloc(p, 200);
	__asm__ volatile("" : : "r"(p) : "memory");
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";
	printf("crashboot: %s\n", what);
	if (!strcmp(what, "big-frame"))
		crash_big_frame();
	else if (!strcmp(what, "huge-frame"))
		crash_huge_frame();
	else if (!strcmp(what, "recurse"))
		crash_recurse(0);
	else if (!strcmp(what, "double-free"))
		crash_double_free();
	else if (!strcmp(what, "foreign-free"))
		crash_foreign_free();
	else if (!strcmp(what, "realloc-freed"))
		crash_realloc_freed();
	else {
		printf("usage: crashboot big-frame|huge-frame|recurse|double-free|foreign-free|realloc-freed\n");
		return 2;
	}
	printf("crashboot: survived %s\n", what);
	return 1;
}
