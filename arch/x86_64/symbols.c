/* symbols.c: address-to-name lookup in the image's embedded symbol table. */
#include <ts/arch/backtrace.h>
#include <ts/arch/layout.h>

/* Written by support/build/gen-symtab.sh: a count, then sorted
 * {address, name offset} pairs, then the names. Empty in pass-1 links. */
struct symtab_entry {
	uint32_t addr;
	uint32_t name;
};

const char *ts_arch_symbolize(uintptr_t addr, uintptr_t *off)
{
	if (__ts_symtab_end - __ts_symtab_start < 8)
		return NULL;
	uint32_t n = *(const uint32_t *)__ts_symtab_start;
	const struct symtab_entry *e = (const void *)(__ts_symtab_start + 8);
	const char *names = (const char *)(e + n);
	if (n == 0 || addr < e[0].addr || addr >= e[n - 1].addr)
		return NULL; /* the last entry marks the end of the text */

	uint32_t lo = 0, hi = n - 1; /* e[lo].addr <= addr < e[hi].addr */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - e[lo].addr;
	return names + e[lo].name;
}
