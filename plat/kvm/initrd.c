/* initrd.c: the initrd QEMU passes as the first PVH module (-initrd FILE). */
#include <ts/errno.h>
#include <ts/arch/layout.h>
#include <ts/plat/initrd.h>
#include <ts/print.h>
#include "pvh.h"

struct pvh_module {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

static struct ts_initrd initrd; /* data NULL: none (a module is never at 0) */

/* The loader's word is input: take the module only if it lies wholly in
 * mapped RAM above the image, page-aligned as QEMU places it. */
int ts_kvm_initrd_init(const struct pvh_start_info *si, uint64_t mapped_end,
		       uint64_t *base, uint64_t *len)
{
	if (!si->nr_modules || !si->modlist_paddr || si->modlist_paddr >= 0x100000 - sizeof(struct pvh_module))
		return -ENOENT;
	const struct pvh_module *m = (const void *)(uintptr_t)si->modlist_paddr;
	uint64_t lo = (uintptr_t)__ts_image_end;
	if (m->paddr % 4096 || m->paddr < lo || m->paddr > mapped_end ||
	    m->size > mapped_end - m->paddr) {
		ts_pr_warn("kvm: initrd at 0x%lx (%lu bytes) is outside usable RAM: ignored\n",
			   (unsigned long)m->paddr, (unsigned long)m->size);
		return -ENOENT;
	}
	initrd.data = (const void *)(uintptr_t)m->paddr;
	initrd.size = m->size;
	*base = m->paddr;
	*len = m->size;
	return 0;
}

int ts_plat_initrd(struct ts_initrd *rd)
{
	if (!initrd.data)
		return -ENOENT;
	*rd = initrd;
	return 0;
}
