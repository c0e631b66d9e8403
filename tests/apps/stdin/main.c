/* main.c: number the lines of standard input, then report the end (stdin through fd 0 and the console). */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[256];
	int n = 0;

	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		printf("%d: %s\n", ++n, line);
	}
	printf("end of input after %d lines (feof %d, ferror %d)\n", n, feof(stdin) != 0,
	       ferror(stdin) != 0);
	return 0;
}
