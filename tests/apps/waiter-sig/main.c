/* waiter-sig: argv[1] "handler" catches SIGTERM, cleans up (an atexit
 * handler) and exits 7; "ignore" ignores SIGTERM; "default" leaves it. It
 * waits in sleep() or, with argv[2] "read", in a read of its console. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_term(int sig)
{
	got = sig;
}

static void at_exit(void)
{
	printf("waiter-sig: atexit handler ran\n");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "handler";
	int rd = argc > 2 && strcmp(argv[2], "read") == 0;
	char c;

	atexit(at_exit);
	if (strcmp(mode, "handler") == 0) {
		/* Without SA_RESTART: the read is interrupted (EINTR), not
		 * restarted, as on Linux. */
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigaction(SIGTERM, &sa, NULL);
	}
	else if (strcmp(mode, "ignore") == 0)
		signal(SIGTERM, SIG_IGN);
	printf("waiter-sig: %s %s\n", mode, rd ? "read" : "sleep");
	fflush(stdout);
	while (!got) {
		if (rd)
			(void)read(0, &c, 1);
		else
			sleep(3600);
	}
	printf("waiter-sig: got signal %d, cleaning up\n", (int)got);
	return 7;
}
