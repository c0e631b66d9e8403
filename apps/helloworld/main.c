/* main.c: helloworld — greet, echo the arguments, then act on
 * --sleep MS (wait that long) and --exit N (exit with status N). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The number after option argv[i], within [0, max]; -1 if missing or bad. */
static long number_after(int argc, char *argv[], int i, long max)
{
	char *end;
	if (i + 1 >= argc)
		return -1;
	long v = strtol(argv[i + 1], &end, 10);
	return *end || end == argv[i + 1] || v < 0 || v > max ? -1 : v;
}

int main(int argc, char *argv[])
{
	long status = 0, sleep_ms = 0;
	printf("Hello, world!\n");
	for (int i = 1; i < argc; i++) {
		printf("%s\n", argv[i]);
		if (!strcmp(argv[i], "--exit") && (status = number_after(argc, argv, i, 255)) < 0) {
			fprintf(stderr, "helloworld: --exit wants a status 0..255\n");
			return 2;
		}
		if (!strcmp(argv[i], "--sleep") &&
		    (sleep_ms = number_after(argc, argv, i, 86400000)) < 0) {
			fprintf(stderr, "helloworld: --sleep wants milliseconds 0..86400000\n");
			return 2;
		}
	}
	fflush(stdout);
	if (sleep_ms)
		usleep((useconds_t)sleep_ms * 1000);
	return (int)status;
}
