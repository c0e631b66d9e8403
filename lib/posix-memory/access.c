/* access.c: may a system call read or write [a, end)? The mappings' rights, for lib/syscall's one pointer check. */
#include <ts/hooks.h>
#include "vma.h"

/*
 * PROT_NONE pages are not present and read-only ones not writable: a
 * system call copying there would fault inside the kernel's libraries,
 * where Linux returns EFAULT. ts_user_ok asks here. Programs that never
 * made a page less than writable skip the table; the others take the
 * mappings' lock (unless this thread holds it: a memory call checking a
 * pointer), so the table never changes under the lookup.
 */
int ts_mem_access_ok(uintptr_t a, uintptr_t end, int write)
{
	int ok = 1, took;

	if (!vma_restricted)
		return 1;
	took = mem_lock_unless_held();
	for (size_t i = vma_index(a); ok && i < vma_n && vma_tab[i].start < end; i++)
		ok = vma_tab[i].prot != PROT_NONE && (!write || (vma_tab[i].prot & PROT_WRITE));
	if (took)
		mem_unlock();
	return ok;
}
