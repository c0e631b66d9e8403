/* hc-test.c: hypercall outcomes that need no KVM: console writes the host refuses, console input, random bytes, the wait's console bit.
 *
 * Built with gcc against hypercall.c and paging.c (see tests/run's tvm
 * group); a fake host stands in for stdout. Prints ok/FAIL per case and
 * exits 1 on a failure. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_image.h"

#define RAM_SIZE (2u << 20)
#define HC_GPA   0x104000u /* in the image's writable data */
#define BUF_GPA  0x105000u

static int console_result; /* what the fake stdout answers */
static size_t console_seen;

static int console_write(const void *buf, size_t len)
{
	(void)buf;
	console_seen += len;
	return console_result;
}

static uint64_t wallclock(void)
{
	return 1;
}

static int wait_console = -1; /* what the last WAIT asked for */

static int wait_input(struct tvm_machine *m, uint64_t timeout_ns, int console)
{
	(void)m;
	(void)timeout_ns;
	wait_console = console;
	return console ? TVM_WAIT_CONSOLE : 0;
}

/* The fake stdin: read_result bytes of 'i' (or the error it holds). */
static int read_result;
static size_t read_calls;

static int console_read(void *buf, size_t len)
{
	read_calls++;
	if (read_result > 0)
		memset(buf, 'i', (size_t)read_result < len ? (size_t)read_result : len);
	return read_result;
}

static size_t random_calls;

static int random_bytes(void *buf, size_t len)
{
	random_calls++;
	memset(buf, 0x5a, len);
	return 0;
}

static const struct tvm_host_ops fake_host = {
	.console_write = console_write, .wallclock = wallclock, .wait = wait_input,
	.console_read = console_read, .random = random_bytes,
};

static int fails;

static void check(int ok, const char *name, const char *why)
{
	printf(ok ? "ok %s\n" : "FAIL %s: %s\n", name, why);
	fails += !ok;
}

/* A machine as tvm builds it for a small image, with the fake host. */
static void machine(struct tvm_machine *m, uint8_t *ram)
{
	struct tvm_image img;
	char err[256];

	memset(ram, 0, RAM_SIZE);
	memset(m, 0, sizeof *m);
	fake_image(&img);
	if (tvm_machine_build(ram, RAM_SIZE, &img, "", NULL, 0, NULL, 1, err, sizeof err)) {
		printf("FAIL machine: %s\n", err);
		exit(1);
	}
	m->ram = ram;
	m->ram_size = RAM_SIZE;
	m->cr3 = TVM_PML4_GPA;
	m->host = &fake_host;
}

/* Issue CONSOLE_WRITE of len bytes; returns the ret the guest reads back. */
static int32_t console_hc(struct tvm_machine *m, uint64_t len)
{
	struct tvm_hc hc = {.nr = TVM_HC_CONSOLE_WRITE, .arg = {BUF_GPA, len}};
	char err[160];
	int status = 0;

	memcpy(m->ram + HC_GPA, &hc, sizeof hc);
	if (tvm_hc_handle(m, HC_GPA, &status, err, sizeof err) != TVM_HC_CONTINUE) {
		printf("FAIL console hypercall not answered: %s\n", err);
		exit(1);
	}
	memcpy(&hc, m->ram + HC_GPA, sizeof hc);
	return hc.ret;
}

/* Issue call nr with arg0 and arg1; returns the ret the guest reads back. */
static int32_t hc2(struct tvm_machine *m, uint32_t nr, uint64_t arg0, uint64_t arg1)
{
	struct tvm_hc hc = {.nr = nr, .arg = {arg0, arg1}};
	char err[160];
	int status = 0;

	memcpy(m->ram + HC_GPA, &hc, sizeof hc);
	if (tvm_hc_handle(m, HC_GPA, &status, err, sizeof err) != TVM_HC_CONTINUE) {
		printf("FAIL hypercall %u not answered: %s\n", nr, err);
		exit(1);
	}
	memcpy(&hc, m->ram + HC_GPA, sizeof hc);
	return hc.ret;
}

#define RODATA_GPA 0x103000u /* the image's read-only data */

/* CONSOLE_READ: bytes land in the guest's buffer; -EAGAIN and 0 (end)
 * pass through; bad lengths and buffers never reach the host. */
static void console_read_checks(struct tvm_machine *m)
{
	memset(m->ram + BUF_GPA, 0, 16);
	read_result = 5;
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, 16) == 5 &&
	      memcmp(m->ram + BUF_GPA, "iiiii", 5) == 0 && m->ram[BUF_GPA + 5] == 0,
	      "CONSOLE_READ puts the host's bytes in the guest's buffer", "wrong count or bytes");
	read_result = -EAGAIN;
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, 16) == -EAGAIN,
	      "CONSOLE_READ with nothing waiting is -EAGAIN", "not -EAGAIN");
	read_result = 0;
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, 16) == 0, "CONSOLE_READ at the end of stdin is 0",
	      "not 0");
	read_result = 17;
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, 16) == -EIO,
	      "a host read claiming more than the buffer is -EIO", "passed on");
	read_result = 5;
	read_calls = 0;
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, (1u << 20) + 1) == -EINVAL,
	      "CONSOLE_READ of more than 1 MiB is -EINVAL", "accepted");
	check(hc2(m, TVM_HC_CONSOLE_READ, RODATA_GPA, 16) == -EFAULT,
	      "CONSOLE_READ into read-only guest memory is -EFAULT", "accepted");
	check(hc2(m, TVM_HC_CONSOLE_READ, RAM_SIZE - 8, 16) == -EFAULT,
	      "CONSOLE_READ past the end of RAM is -EFAULT", "accepted");
	check(hc2(m, TVM_HC_CONSOLE_READ, TVM_PML4_GPA, 16) == -EFAULT,
	      "CONSOLE_READ into the page tables is -EFAULT", "accepted");
	check(hc2(m, TVM_HC_CONSOLE_READ, ~0ull - 4, 16) == -EFAULT,
	      "CONSOLE_READ with a wrapping range is -EFAULT", "accepted");
	check(read_calls == 0, "refused reads never reach the host's stdin", "stdin was read");
	check(hc2(m, TVM_HC_CONSOLE_READ, BUF_GPA, 0) == 0 && read_calls == 0,
	      "CONSOLE_READ of 0 bytes is 0 without reading", "stdin was read");
}

/* RANDOM: up to 256 bytes into writable guest memory, nothing else. */
static void random_checks(struct tvm_machine *m)
{
	int all = 1;

	memset(m->ram + BUF_GPA, 0, 300);
	check(hc2(m, TVM_HC_RANDOM, BUF_GPA, 256) == 256, "RANDOM of 256 bytes returns 256",
	      "wrong ret");
	for (int i = 0; i < 256; i++)
		all &= m->ram[BUF_GPA + i] == 0x5a;
	check(all && m->ram[BUF_GPA + 256] == 0, "RANDOM fills exactly the guest's buffer",
	      "bytes missing or beyond");
	random_calls = 0;
	check(hc2(m, TVM_HC_RANDOM, BUF_GPA, 257) == -EINVAL, "RANDOM of 257 bytes is -EINVAL",
	      "accepted");
	check(hc2(m, TVM_HC_RANDOM, RODATA_GPA, 32) == -EFAULT,
	      "RANDOM into read-only guest memory is -EFAULT", "accepted");
	check(hc2(m, TVM_HC_RANDOM, RAM_SIZE, 32) == -EFAULT, "RANDOM past the end of RAM is -EFAULT",
	      "accepted");
	check(hc2(m, TVM_HC_RANDOM, BUF_GPA, 0) == 0, "RANDOM of 0 bytes is 0", "not 0");
	check(random_calls == 0, "refused RANDOM calls never reach getrandom", "it was called");
}

/* WAIT: arg1 asks for the console; other bits are refused. */
static void wait_checks(struct tvm_machine *m)
{
	check(hc2(m, TVM_HC_WAIT, 0, 0) == 0 && wait_console == 0,
	      "WAIT without TVM_WAIT_CONSOLE does not watch stdin", "it did");
	check(hc2(m, TVM_HC_WAIT, 0, TVM_WAIT_CONSOLE) == (int32_t)TVM_WAIT_CONSOLE && wait_console == 1,
	      "WAIT with TVM_WAIT_CONSOLE watches stdin and reports it", "it did not");
	wait_console = -1;
	check(hc2(m, TVM_HC_WAIT, 0, 1) == -EINVAL && wait_console == -1,
	      "WAIT with an unknown flag is -EINVAL", "accepted");
}

/* A stop request (tvm --stop-on-term got SIGTERM): the next WAIT returns
 * TVM_WAIT_STOP at once, without waiting; later ones do not repeat it. */
static void stop_checks(struct tvm_machine *m)
{
	tvm_stop_request = 0;
	check(hc2(m, TVM_HC_WAIT, 0, 0) == 0, "stop: no request, no TVM_WAIT_STOP", "reported");
	tvm_stop_request = 1;
	wait_console = -1;
	check(hc2(m, TVM_HC_WAIT, 0, TVM_WAIT_CONSOLE) == (int32_t)TVM_WAIT_STOP && wait_console == -1,
	      "stop: a pending request ends the next WAIT at once with TVM_WAIT_STOP",
	      "not reported, or the host was asked to wait");
	check(tvm_stop_request == 2 && hc2(m, TVM_HC_WAIT, 0, TVM_WAIT_CONSOLE) == (int32_t)TVM_WAIT_CONSOLE,
	      "stop: reported once, later WAITs are plain", "reported again");
	tvm_stop_request = 0;
}

/* Issue HALT with arg0 and arg1; returns the outcome, with *status. */
static enum tvm_hc_outcome halt_hc(struct tvm_machine *m, uint64_t arg0, uint64_t arg1, int *status)
{
	struct tvm_hc hc = {.nr = TVM_HC_HALT, .arg = {arg0, arg1}};
	char err[160];

	*status = -1;
	memcpy(m->ram + HC_GPA, &hc, sizeof hc);
	return tvm_hc_handle(m, HC_GPA, status, err, sizeof err);
}

/* The command line: 128 KiB with its NUL fits, whole, where the boot info
 * says; one byte more is refused. */
static void cmdline_checks(uint8_t *ram)
{
	static char line[TVM_CMDLINE_MAX + 1];
	struct tvm_bootinfo bi;
	struct tvm_image img;
	char err[256];

	fake_image(&img);
	memset(line, 'x', TVM_CMDLINE_MAX - 1);
	memset(ram, 0, RAM_SIZE);
	int r = tvm_machine_build(ram, RAM_SIZE, &img, line, NULL, 0, NULL, 1, err, sizeof err);
	memcpy(&bi, ram + TVM_BOOTINFO_GPA, sizeof bi);
	check(r == 0 && bi.cmdline == TVM_CMDLINE_GPA &&
	      strlen((char *)ram + bi.cmdline) == TVM_CMDLINE_MAX - 1 &&
	      bi.cmdline + TVM_CMDLINE_MAX <= TVM_PT_POOL_GPA,
	      "a 128 KiB command line is placed whole", "it was refused or cut");
	line[TVM_CMDLINE_MAX - 1] = 'x';
	check(tvm_machine_build(ram, RAM_SIZE, &img, line, NULL, 0, NULL, 1, err, sizeof err) != 0,
	      "a longer command line is refused", "it was accepted");
}

int main(void)
{
	static struct tvm_machine m;
	uint8_t *ram = malloc(RAM_SIZE);

	if (!ram)
		return 1;
	machine(&m, ram);
	stop_checks(&m);
	console_result = 5;
	check(console_hc(&m, 5) == 5 && m.console_err == 0, "console write passes through",
	      "ret or console_err wrong");

	console_result = -ENOSPC;
	check(console_hc(&m, 5) == -ENOSPC, "a failed console write returns -errno to the guest",
	      "guest did not see -ENOSPC");
	check(m.console_err == -ENOSPC, "a failed console write is remembered for tvm's exit",
	      "console_err not set");

	console_result = -EBADF;
	console_hc(&m, 5);
	check(m.console_err == -ENOSPC, "the first console error is the one reported",
	      "console_err overwritten");

	int st;
	check(halt_hc(&m, 200, 0, &st) == TVM_HC_EXIT && st == 200, "HALT passes all 8 bits of the status",
	      "status changed");
	check(halt_hc(&m, 127, 0, &st) == TVM_HC_EXIT && st == 127, "HALT 127 is a plain exit",
	      "taken for a crash");
	check(halt_hc(&m, TVM_EXIT_CRASH, TVM_HALT_CRASHED, &st) == TVM_HC_CRASHED && st == TVM_EXIT_CRASH,
	      "HALT with TVM_HALT_CRASHED is a guest crash, status 127", "not reported as a crash");

	console_read_checks(&m);
	random_checks(&m);
	wait_checks(&m);

	cmdline_checks(ram);
	machine(&m, ram);
	console_seen = 0;
	check(console_hc(&m, RAM_SIZE) < 0 && console_seen == 0 && m.console_err == 0,
	      "a refused range never reaches the host", "out-of-range write was passed on");
	free(ram);
	return fails ? 1 : 0;
}
