/* maps.c: /proc/self/maps — the image's regions with their rights, and the heap. */
#include <ts/arch/layout.h>
#include <ts/plat/memory.h>
#include "procfs.h"

static void row(struct pf_text *t, uintptr_t lo, uintptr_t hi, const char *perm, const char *name)
{
	if (hi > lo)
		pf_printf(t, "%08lx-%08lx %s 00000000 00:00 0%s%s\n", (unsigned long)lo, (unsigned long)hi, perm,
			  *name ? "                          " : "", name);
}

/* The rights are those of docs/architecture.md's layout table (W^X).
 * Mappings made by mmap lie inside [heap]: they are the heap's pages. */
void pf_maps(struct pf_text *t)
{
	struct ts_memregion r;

	row(t, (uintptr_t)__ts_r0text_end, (uintptr_t)__ts_text_end, "r-xp", "/" TS_APP_NAME);
	row(t, (uintptr_t)__ts_text_end, (uintptr_t)__ts_rodata_end, "r--p", "/" TS_APP_NAME);
	row(t, (uintptr_t)__ts_r0data_end, (uintptr_t)__ts_boot_stack_guard, "rw-p", "/" TS_APP_NAME);
	row(t, (uintptr_t)__ts_boot_stack_guard + 4096, (uintptr_t)__ts_boot_stack_top, "rw-p", "[stack]");
	for (unsigned int i = 0; ts_plat_memregion_get(i, &r) == 0; i++)
		row(t, r.base, r.base + r.len, "rw-p", "[heap]");
}
