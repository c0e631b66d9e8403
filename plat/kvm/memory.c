/* memory.c: free RAM regions from the PVH memory map (less the initrd and the loader's data); maps RAM above the boot mappings, and above 4 GiB. */
#include <ts/errno.h>
#include <ts/arch/layout.h>
#include <ts/arch/privcall.h>
#include <ts/memmap.h>
#include "pvh.h"

#define MiB2 0x200000ULL
#define GiB4 0x100000000ULL
#define LOW_END 0x100000ULL /* low memory: below the image, which starts at 1 MiB */

static struct ts_memmap memmap;

/* The boot page tables cover the first 2 MiB, or every 2 MiB region the
 * image touches; the rest of RAM (below 4 GiB) is mapped here with one
 * privcall, once its end is known. Returns the end of what is mapped. */
static uint64_t map_ram(const struct pvh_memmap_entry *e, unsigned int n)
{
	uint64_t end = 0, floor = ((uintptr_t)__ts_image_end + MiB2 - 1) & ~(MiB2 - 1);
	if (floor < MiB2)
		floor = MiB2;
	for (unsigned int i = 0; i < n; i++) {
		uint64_t top = e[i].addr + e[i].size;
		if (e[i].type == PVH_MEMMAP_RAM && e[i].addr < GiB4 && top > end)
			end = top < e[i].addr || top > GiB4 ? GiB4 : top;
	}
	if (end <= floor)
		return floor;
	if (ts_arch_privcall(TS_PRIVCALL_MAP_RAM, end) < 0)
		return floor;
	return (end + MiB2 - 1) & ~(MiB2 - 1);
}

/* RAM above 4 GiB (QEMU puts what does not fit below its PCI hole at
 * 4 GiB and up) is mapped by one more privcall, which keeps its first
 * 2 MiB for the page directories. Returns the first and the end of what
 * the program may use there (equal when there is none). */
static void map_ram_high(const struct pvh_memmap_entry *e, unsigned int n, uint64_t *lo,
			 uint64_t *hi)
{
	uint64_t end = 0;
	for (unsigned int i = 0; i < n; i++) {
		uint64_t top = e[i].addr + e[i].size;
		if (e[i].type == PVH_MEMMAP_RAM && top > GiB4 && top > e[i].addr && top > end)
			end = top;
	}
	*lo = *hi = GiB4 + MiB2;
	if (end <= GiB4 + 2 * MiB2)
		return;
	long r = ts_arch_privcall(TS_PRIVCALL_MAP_RAM_HIGH, end);
	if (r > 0)
		*hi = *lo + (uint64_t)r;
}

/* What of the loader's data in low memory is read after this: start_info
 * (setup.c) and the command line, which lib/boot keeps argv in. The
 * memory map and module list are read only here, before any allocation.
 * The rest of low memory above TS_MEMMAP_LOW_MIN is free RAM, mapped by
 * the boot page table as user data. */
static void reserve_loader_data(const struct pvh_start_info *si)
{
	uint64_t cl = si->cmdline_paddr, len = 0;
	ts_memmap_reserve(&memmap, (uintptr_t)si, sizeof(*si));
	if (cl && cl < LOW_END) {
		const char *s = (const char *)(uintptr_t)cl;
		while (len < PVH_MAX_CMDLINE && cl + len < LOW_END && s[len])
			len++;
		ts_memmap_reserve(&memmap, cl, len + 1);
	}
}

void ts_kvm_memory_init(const struct pvh_start_info *si)
{
	if (si->version < 1 || !si->memmap_paddr || si->memmap_paddr >= LOW_END)
		return;
	const struct pvh_memmap_entry *e = (const void *)(uintptr_t)si->memmap_paddr;
	unsigned int n = si->memmap_entries < PVH_MAX_MEMMAP ? si->memmap_entries : PVH_MAX_MEMMAP;
	uint64_t mapped = map_ram(e, n), high_lo, high_hi, rd_base, rd_len;
	map_ram_high(e, n, &high_lo, &high_hi);
	for (unsigned int i = 0; i < n; i++)
		if (e[i].type == PVH_MEMMAP_RAM) {
			ts_memmap_add_ram(&memmap, e[i].addr, e[i].size,
					  (uintptr_t)__ts_image_end, mapped);
			ts_memmap_add_ram(&memmap, e[i].addr, e[i].size, high_lo, high_hi);
			ts_memmap_add_ram(&memmap, e[i].addr, e[i].size, TS_MEMMAP_LOW_MIN, LOW_END);
		}
	reserve_loader_data(si);
	if (ts_kvm_initrd_init(si, mapped, &rd_base, &rd_len) == 0)
		ts_memmap_reserve(&memmap, rd_base, rd_len);
}

int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r)
{
	return ts_memmap_get(&memmap, i, r);
}
