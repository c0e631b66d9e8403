/* setup.c: first platform code on tvm — check the boot information, take the
 * free memory and the command line, start the kernel proper. */
#include <ts/arch/backtrace.h>
#include <ts/arch/cpu.h>
#include <ts/arch/layout.h>
#include <ts/boot.h>
#include <ts/memmap.h>
#include <ts/plat/lifecycle.h>
#include "tvm.h"

const struct tvm_bootinfo *ts_tvm_bootinfo;
uint64_t ts_tvm_boot_tsc;
static struct ts_memmap memmap;

int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r)
{
	return ts_memmap_get(&memmap, i, r);
}

/* An initrd lies between the end of free memory and the end of RAM. */
static int initrd_ok(const struct tvm_bootinfo *bi)
{
	if (!bi->initrd)
		return bi->initrd_size == 0;
	return bi->initrd % 4096 == 0 && bi->initrd >= bi->free_end && bi->initrd <= bi->mem_size &&
	       bi->initrd_size <= bi->mem_size - bi->initrd;
}

/* Free low memory lies after the bootinfo and the command line, below the
 * image (or is empty). */
static int low_free_ok(const struct tvm_bootinfo *bi)
{
	if (bi->low_free_start == bi->low_free_end)
		return 1;
	return bi->low_free_start < bi->low_free_end && bi->low_free_start >= (uintptr_t)(bi + 1) &&
	       bi->low_free_start >= bi->cmdline + TVM_CMDLINE_MAX &&
	       bi->low_free_end <= (uintptr_t)__ts_image_start && bi->low_free_end <= bi->mem_size;
}

/* tvm wrote the bootinfo, but it is still input: check what we rely on. */
static int bootinfo_ok(const struct tvm_bootinfo *bi)
{
	return (uintptr_t)bi >= 0x1000 && (uintptr_t)bi < 0x100000 &&
	       bi->magic == TVM_BOOT_MAGIC && bi->abi_version == TVM_ABI_VERSION &&
	       bi->ndevices <= TVM_MAX_DEVICES && bi->tsc_hz &&
	       bi->cmdline >= 0x1000 && bi->cmdline <= 0x100000 - TVM_CMDLINE_MAX &&
	       bi->free_start <= bi->free_end && bi->free_end <= bi->mem_size &&
	       low_free_ok(bi) &&
	       initrd_ok(bi);
}

_Noreturn void ts_plat_entry(const struct tvm_bootinfo *bi, uint64_t tsc0);

_Noreturn void ts_plat_entry(const struct tvm_bootinfo *bi, uint64_t tsc0)
{
	ts_tvm_boot_tsc = tsc0 ? tsc0 : ts_arch_rdtsc();
	if (!bootinfo_ok(bi)) {
		/* No console without trusting the bootinfo less: report via a bare
		 * hypercall, which needs nothing from it. */
		ts_arch_crash_puts("error: not started by a compatible tvm (bad boot information)\n");
		ts_plat_halt(TS_EXIT_CRASH);
	}
	ts_tvm_bootinfo = bi;
	ts_memmap_add_ram(&memmap, bi->free_start, bi->free_end - bi->free_start,
			  (uintptr_t)__ts_image_end, bi->mem_size);
	ts_memmap_add_ram(&memmap, bi->low_free_start, bi->low_free_end - bi->low_free_start,
			  TS_MEMMAP_LOW_MIN, (uintptr_t)__ts_image_start);
	/* tvm terminates the command line; check by reading, not by writing a
	 * terminator at the end of the buffer: that would touch a page the
	 * line may not reach, and a first touch costs ~30 us on nested hosts. */
	char *cmdline = (char *)(uintptr_t)bi->cmdline;
	size_t n = 0;
	while (n < TVM_CMDLINE_MAX - 1 && cmdline[n])
		n++;
	cmdline[n] = '\0';
	ts_boot_start(cmdline);
}
