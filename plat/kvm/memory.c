/* memory.c: free RAM regions from the PVH memory map. */
#include <errno.h>
#include <ts/memmap.h>
#include "pvh.h"

static struct ts_memmap memmap;
extern char __ts_image_end[];

/* The boot code maps RAM below 4 GiB only (entry.S). */
#define MAPPED_LIMIT 0x100000000ULL

void ts_kvm_memory_init(const struct pvh_start_info *si)
{
	if (si->version < 1 || !si->memmap_paddr || si->memmap_paddr >= 0x100000)
		return;
	const struct pvh_memmap_entry *e = (const void *)(uintptr_t)si->memmap_paddr;
	unsigned int n = si->memmap_entries < PVH_MAX_MEMMAP ? si->memmap_entries : PVH_MAX_MEMMAP;
	for (unsigned int i = 0; i < n; i++)
		if (e[i].type == PVH_MEMMAP_RAM)
			ts_memmap_add_ram(&memmap, e[i].addr, e[i].size,
					  (uintptr_t)__ts_image_end, MAPPED_LIMIT);
}

int ts_plat_memregion_get(unsigned int i, struct ts_memregion *r)
{
	return ts_memmap_get(&memmap, i, r);
}
