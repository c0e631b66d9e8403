/* console_ns16550.c: console output on the 16550 UART, by port I/O at CPL 3. */
#include <ts/arch/cpu.h>
#include <ts/plat/console.h>
#include "pvh.h"

#define COM CONFIG_PLAT_KVM_SERIAL_PORT
#define REG_FCR (COM + 2)
#define REG_LCR (COM + 3)
#define REG_LSR (COM + 5)
#define LSR_THRE 0x20 /* transmit FIFO empty */
#define FIFO_LEN 16

/* Every port access is a VM exit, so the FIFO is filled 16 bytes at a time
 * after one status read, instead of polling before each byte. */
void ts_kvm_console_init(void)
{
	ts_arch_outb(REG_LCR, 0x03); /* 8N1; QEMU ignores the baud rate */
	ts_arch_outb(REG_FCR, 0x07); /* enable and clear the FIFOs */
}

void ts_plat_console_write(const char *buf, size_t len)
{
	while (len) {
		size_t n = len < FIFO_LEN ? len : FIFO_LEN;
		for (unsigned spins = 0; !(ts_arch_inb(REG_LSR) & LSR_THRE); spins++)
			if (spins > 1000000)
				return; /* no UART there: drop the output */
		ts_arch_outsb(COM, buf, n);
		buf += n;
		len -= n;
	}
}
