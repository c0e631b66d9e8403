/* main.c: calls lib/syscall's edge cases through musl's syscall() and prints each result as "what -> result" (tests/groups/musl.sh). */
#define _GNU_SOURCE
#include <errno.h>
#include "../errname.h"
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char rodata[16] = "read-only";

static void show(const char *what, long r)
{
	printf("%s -> %s\n", what, r < 0 ? errname(errno) : "ok");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "all";

	if (!strcmp(mode, "enosys") || !strcmp(mode, "all")) {
		show("syscall(500)", syscall(500));
		show("syscall(500) again", syscall(500));
		show("syscall(-1)", syscall(-1));
		show("kexec_load", syscall(SYS_kexec_load, 0, 0, 0, 0));
		show("kexec_load again", syscall(SYS_kexec_load, 0, 0, 0, 0));
	}
	if (!strcmp(mode, "efault") || !strcmp(mode, "all")) {
		show("write from NULL", syscall(SYS_write, 1, (void *)0, 5));
		show("write from page 0", syscall(SYS_write, 1, (void *)16, 5));
		show("write from a non-canonical address", syscall(SYS_write, 1, (void *)0x8000000000000000ul, 5));
		show("write of a length that wraps", syscall(SYS_write, 1, "x", -1L));
		show("read into rodata", syscall(SYS_read, 0, (void *)rodata, 4));
		show("read into text", syscall(SYS_read, 0, (void *)main, 4));
		show("write of 0 bytes from NULL", syscall(SYS_write, 1, (void *)0, 0));
	}
	if (!strcmp(mode, "trace")) {
		syscall(SYS_write, 1, "traced\n", 7);
		syscall(SYS_write, 1, (void *)16, 3);
		syscall(SYS_getppid);
	}
	return 0;
}
