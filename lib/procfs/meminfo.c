/* meminfo.c: /proc/meminfo from the default allocator's statistics. */
#include <ts/alloc.h>
#include "procfs.h"

/* Linux prints each as "Name:" padded to 16 columns and the value in kB
 * in 8; programs parse the first few lines. Tessera has no page cache,
 * swap or buffers: those are 0. */
void pf_meminfo(struct pf_text *t)
{
	struct ts_alloc_stats st = { 0, 0 };
	ts_alloc_stats_get(ts_alloc_default(), &st);
	const struct {
		const char *name;
		size_t kib;
	} rows[] = {
		{ "MemTotal:", st.total_bytes / 1024 }, { "MemFree:", st.free_bytes / 1024 },
		{ "MemAvailable:", st.free_bytes / 1024 }, { "Buffers:", 0 }, { "Cached:", 0 },
		{ "SwapCached:", 0 }, { "SwapTotal:", 0 }, { "SwapFree:", 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		pf_printf(t, "%-16s%8lu kB\n", rows[i].name, (unsigned long)rows[i].kib);
}
