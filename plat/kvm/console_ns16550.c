/* console_ns16550.c: console output (and input) on the 16550 UART, by port I/O at CPL 3
 * (the fallback when QEMU offers no isa-debugcon: see console.c). */
#include <ts/errno.h>
#include <ts/arch/cpu.h>
#include "pvh.h"

#define COM CONFIG_PLAT_KVM_SERIAL_PORT
#define REG_FCR (COM + 2)
#define REG_LSR (COM + 5)
#define LSR_DR 0x01   /* a received byte is waiting */
#define LSR_THRE 0x20 /* transmit FIFO empty */
#define FIFO_LEN 16

/* Every port access is a VM exit (tens of microseconds on nested hosts), so
 * the FIFO is switched on at the first write rather than at boot, and then
 * filled 16 bytes at a time after one status read instead of polling before
 * each byte. The line format is left alone: QEMU's UART sends whole bytes
 * whatever LCR says. */
static void console_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	ts_arch_outb(REG_FCR, 0x07); /* enable and clear the FIFOs */
}

long ts_kvm_uart_write(const char *buf, size_t len)
{
	size_t total = len;

	console_init();
	while (len) {
		size_t n = len < FIFO_LEN ? len : FIFO_LEN;
		for (unsigned spins = 0; !(ts_arch_inb(REG_LSR) & LSR_THRE); spins++)
			if (spins > 1000000)
				return -EIO; /* no UART there: drop the output */
		ts_arch_outsb(COM, buf, n);
		buf += n;
		len -= n;
	}
	return (long)total;
}

long ts_kvm_uart_read(char *buf, size_t len)
{
	size_t n = 0;
	uint8_t lsr;

	console_init();
	/* A port without a device reads 0xff: every bit, data ready included. */
	while (n < len && (lsr = ts_arch_inb(REG_LSR)) != 0xff && (lsr & LSR_DR))
		buf[n++] = (char)ts_arch_inb(COM);
	if (n)
		return (long)n;
	return ts_arch_inb(REG_LSR) == 0xff ? -ENODEV : -EAGAIN;
}
