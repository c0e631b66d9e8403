#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
static __thread int tls_counter = 5;
int main(int argc, char **argv)
{
	printf("hello from musl: argc=%d argv[0]=%s tls=%d\n", argc, argv[0], tls_counter);
	char *p = malloc(100000);
	strcpy(p, "malloc works");
	puts(p);
	free(p);
	printf("isatty(0)=%d isatty(1)=%d pid=%d\n", isatty(0), isatty(1), getpid());
	return argc > 1 ? atoi(argv[1]) : 0;
}
