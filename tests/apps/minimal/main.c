/* main.c: the smallest app — one line of output. */
#include <stdio.h>

int main(void)
{
	puts("minimal: up");
	return 0;
}
