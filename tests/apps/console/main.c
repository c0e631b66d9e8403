/* main.c: console test app. Echoes its arguments one per line (after a
 * line "argc N"), then acts on the first one: "lines N" prints N numbered
 * 100-byte lines, "exit N" exits with N (0..255), "crash" writes through
 * a null pointer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 90 characters: with "%08ld " and the newline, 100 bytes a line. */
#define PAD "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyzAB"

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 0;

	if (strcmp(what, "lines") == 0) {
		for (long i = 1; i <= n; i++)
			printf("%08ld %s\n", i, PAD);
		return 0;
	}
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("%s\n", argv[i]);
	fflush(stdout);
	if (strcmp(what, "crash") == 0) {
		int *volatile null = NULL; /* volatile: the compiler may not drop the write */
		*null = 1;                 /* page 0 is never mapped */
	}
	return strcmp(what, "exit") == 0 ? (int)n : 0;
}
