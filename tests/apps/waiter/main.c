/* waiter: prints a line, then waits in the way argv[1] says — sleep, or
 * spin (never waits) — until the host stops it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ts/initcall.h>

/* Run by the stop request's default action (and by any other shutdown). */
static int say_fini(void)
{
	printf("waiter: fini handler ran\n");
	fflush(stdout);
	return 0;
}
TS_FINICALL(say_fini, TS_INIT_LATE);

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "sleep";
	volatile unsigned long n = 0;

	printf("waiter: %s\n", mode);
	fflush(stdout);
	if (strcmp(mode, "spin") == 0)
		for (;;)
			n++;
	for (;;)
		sleep(3600);
}
