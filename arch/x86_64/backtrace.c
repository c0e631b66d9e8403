/* backtrace.c: frame-pointer stack walk and tiny console writers for crashes. */
#include <ts/arch/backtrace.h>
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

static void print_frame(int n, uintptr_t addr)
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
	ts_arch_crash_puts("\n");
}

/* A frame is [saved rbp][return address]; walking stops at a null, misaligned
 * or non-increasing rbp, which is how the boot code terminates the chain. */
void ts_arch_backtrace_print(uintptr_t rip, uintptr_t rbp)
{
	ts_arch_crash_puts("backtrace:\n");
	print_frame(0, rip);
	for (int n = 1; n < 32; n++) {
		if (rbp < 0x1000 || (rbp & 7))
			break;
		const uintptr_t *fp = (const uintptr_t *)rbp;
		uintptr_t ret = fp[1], next = fp[0];
		if (ret == 0)
			break;
		print_frame(n, ret - 1); /* inside the call, not after it */
		if (next <= rbp)
			break;
		rbp = next;
	}
}
