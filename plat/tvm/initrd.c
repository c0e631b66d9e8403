/* initrd.c: the initrd tvm loaded at the top of RAM (checked in setup.c). */
#include <ts/errno.h>
#include <ts/plat/initrd.h>
#include "tvm.h"

int ts_plat_initrd(struct ts_initrd *rd)
{
	const struct tvm_bootinfo *bi = ts_tvm_bootinfo;
	if (!bi->initrd)
		return -ENOENT;
	rd->data = (const void *)(uintptr_t)bi->initrd;
	rd->size = bi->initrd_size;
	return 0;
}
