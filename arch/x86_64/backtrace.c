/* backtrace.c: frame-pointer stack walk and tiny console writers for crashes. */
#include <ts/arch/backtrace.h>
#include <ts/hooks.h>
#include <ts/plat/console.h>

void ts_arch_crash_puts(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	ts_plat_console_write(s, n);
}

void ts_arch_crash_puthex(uint64_t v, int digits)
{
	char buf[16];
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		buf[i] = "0123456789abcdef"[v & 15];
	ts_plat_console_write(buf, digits);
}

/* Without a scheduler the boot stack's code is the one thread there is. */
static const char *boot_name = "boot";

void ts_arch_crash_set_boot_name(const char *name)
{
	boot_name = name;
}

void ts_arch_crash_put_thread(void)
{
	/* The scheduler, when linked, names the running thread. */
	const char *name = ts_sched_crash_name_hook ? ts_sched_crash_name_hook() : boot_name;
	if (name) {
		ts_arch_crash_puts("*** thread ");
		ts_arch_crash_puts(name);
		ts_arch_crash_puts("\n");
	}
}

static void print_frame(int n, uintptr_t addr, const char *note)
{
	uintptr_t off;
	const char *name = ts_arch_symbolize(addr, &off);
	ts_arch_crash_puts("  #");
	ts_arch_crash_puthex(n, 2);
	ts_arch_crash_puts(" 0x");
	ts_arch_crash_puthex(addr, 8);
	if (name) {
		ts_arch_crash_puts(" ");
		ts_arch_crash_puts(name);
		ts_arch_crash_puts("+0x");
		ts_arch_crash_puthex(off, off >> 16 ? 8 : off >> 8 ? 4 : 2);
	}
	ts_arch_crash_puts(note);
	ts_arch_crash_puts("\n");
}

/* The word at the top of the stack, when it is a return address into known
 * code: the caller of a function that faulted before (or without) setting up
 * its frame, which the frame-pointer chain would skip. */
static uintptr_t stack_top_return(uintptr_t rsp, uintptr_t rbp)
{
	uintptr_t off;
	if (!rsp || (rsp & 7) || rsp < 0x1000 || rsp >= rbp)
		return 0;
	uintptr_t ret = *(const uintptr_t *)rsp;
	if (!ret || !ts_arch_symbolize(ret - 1, &off))
		return 0;
	if (rbp >= 0x1000 && !(rbp & 7) && ((const uintptr_t *)rbp)[1] == ret)
		return 0;
	return ret;
}

/* A frame is [saved rbp][return address]; walking stops at a null, misaligned
 * or non-increasing rbp, which is how the boot code terminates the chain. */
void ts_arch_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp)
{
	int n = 1;
	ts_arch_crash_puts("backtrace:\n");
	print_frame(0, rip, "");
	uintptr_t top = stack_top_return(rsp, rbp);
	if (top)
		print_frame(n++, top - 1, " (return address at the stack top)");
	for (; n < 32; n++) {
		if (rbp < 0x1000 || (rbp & 7))
			break;
		const uintptr_t *fp = (const uintptr_t *)rbp;
		uintptr_t ret = fp[1], next = fp[0];
		if (ret == 0)
			break;
		print_frame(n, ret - 1, ""); /* inside the call, not after it */
		if (next <= rbp)
			break;
		rbp = next;
	}
}
