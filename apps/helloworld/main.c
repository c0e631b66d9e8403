/* main.c: helloworld — greet, echo the arguments, exit with --exit N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	int status = 0;
	printf("Hello, world!\n");
	for (int i = 1; i < argc; i++) {
		printf("%s\n", argv[i]);
		if (!strcmp(argv[i], "--exit") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[i + 1], &end, 10);
			if (*end || v < 0 || v > 127) {
				fprintf(stderr, "helloworld: --exit wants a status 0..127, not '%s'\n", argv[i + 1]);
				return 2;
			}
			status = (int)v;
		}
	}
	return status;
}
