/* hello-static.c: the Linux reference point — a static hello process. */
#include <unistd.h>

int main(void)
{
	static const char msg[] = "Hello, world!\n";
	return write(1, msg, sizeof(msg) - 1) == sizeof(msg) - 1 ? 0 : 1;
}
