/* main.c: print the arguments, an environment variable set by a kernel
 * option, a file of the root filesystem (the initrd), then exit with the
 * status after --exit: what an OCI image must carry over from the Tessfile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	const char *greeting = getenv("OCI_GREETING");
	char line[128];
	int status = 0;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		printf("arg %d: %s\n", i, argv[i]);
		if (!strcmp(argv[i], "--exit") && i + 1 < argc)
			status = atoi(argv[i + 1]);
	}
	printf("env: %s\n", greeting ? greeting : "(unset)");
	f = fopen("/greeting.txt", "r");
	if (f && fgets(line, sizeof(line), f))
		printf("file: %s", line);
	else
		printf("file: (missing)\n");
	if (f)
		fclose(f);
	return status;
}
