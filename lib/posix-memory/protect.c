/* protect.c: mprotect, and page rights through ring 0's PROTECT privcall, which keeps W^X. */
#include <errno.h>
#include <ts/arch/privcall.h>
#include <ts/syscall.h>
#include "vma.h"

int pages_protect(uintptr_t start, uintptr_t end, unsigned int prot)
{
	if (end <= start)
		return 0;
	/* One trap for the whole range, whatever its size. */
	return (int)ts_arch_privcall2(TS_PRIVCALL_PROTECT, start | (prot & 7), (end - start) / PAGE);
}

TS_SYSCALL_DEFINE3(mprotect, "pux:d", void *, addr, size_t, len, unsigned int, prot)
{
	uintptr_t a = (uintptr_t)addr;
	int err;

	/* Linux's order of checks: alignment, length, then the bits. */
	if (a & (PAGE - 1))
		return -EINVAL;
	if (!len)
		return 0;
	size_t n = (len + PAGE - 1) & ~(PAGE - 1);
	if (n < len || a + n < a)
		return -ENOMEM;
	err = prot_check(prot);
	if (err)
		return err;
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC;

	mem_lock();
	if (!vma_covers(a, a + n)) {
		mem_unlock();
		return -ENOMEM; /* as Linux: some page is not mapped */
	}
	size_t i = vma_index(a), j;
	int same = 1;
	for (j = i; j < vma_n && vma_tab[j].start < a + n; j++) {
		struct vma *v = &vma_tab[j];
		if (v->shared && v->file && (prot & PROT_WRITE) && !file_writable(v->file))
			err = -EACCES;
		same &= v->prot == prot;
	}
	if (!err && !same) {
		/* Split first (it can fail), then one privcall for the range. */
		err = vma_split(a);
		if (!err)
			err = vma_split(a + n);
		if (!err)
			err = pages_protect(a, a + n, prot);
		for (j = vma_index(a); !err && j < vma_n && vma_tab[j].start < a + n; j++)
			vma_tab[j].prot = prot;
		if (!err && !(prot & PROT_WRITE))
			vma_restricted = 1;
	}
	mem_unlock();
	return err;
}
