/* pvh.h: the PVH boot protocol's start_info, as QEMU hands it over. */
#ifndef PLAT_KVM_PVH_H
#define PLAT_KVM_PVH_H

#include <stddef.h>
#include <stdint.h>

#define PVH_START_MAGIC 0x336ec578u
#define PVH_MEMMAP_RAM 1u

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;	/* version >= 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* Bounds on what we accept from the loader (see setup.c). */
#define PVH_MAX_MEMMAP 128
/* The command line, with its NUL: 128 KiB, the most one Linux program
 * argument may hold (MAX_ARG_STRLEN), which tess and QEMU's -append pass
 * it as. */
#define PVH_MAX_CMDLINE 131072

/* Filled by setup.c for the rest of the platform. */
extern uint64_t ts_kvm_boot_tsc;

/* Parse the memory map into the free-region table (memory.c). */
void ts_kvm_memory_init(const struct pvh_start_info *si);

/* Take the first PVH module as the initrd if it lies in mapped RAM
 * (below mapped_end) above the image: 0 with its range in *base and *len
 * (which memory.c keeps out of the free regions), or -ENOENT (initrd.c). */
int ts_kvm_initrd_init(const struct pvh_start_info *si, uint64_t mapped_end,
		       uint64_t *base, uint64_t *len);

/* 1 if an isa-debugcon device answers at port, else 0: one port read
 * (console.c). */
int ts_kvm_debugcon_present(uint16_t port);

/* Write buf to isa-debugcon when QEMU has one, else to the UART
 * (console.c): len, or -EIO when no UART takes the bytes. */
long ts_kvm_basic_console_write(const char *buf, size_t len);

/* Wait (about a second at most) until the console has handed everything
 * written so far to the host: before the exit status goes out
 * (console_virtio.c; nothing to do in console_basic.c). */
void ts_kvm_console_flush(void);

/* Write buf to the 16550 UART (console_ns16550.c): len, or -EIO when no
 * UART takes the bytes. */
long ts_kvm_uart_write(const char *buf, size_t len);

/* Read what the UART has received, without waiting (console_ns16550.c):
 * the bytes read, -EAGAIN when none, -ENODEV when there is no UART. */
long ts_kvm_uart_read(char *buf, size_t len);

#endif
