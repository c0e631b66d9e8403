/* initrd.c: --initrd FILE — copied to the top of guest RAM, named in the boot info. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tvm.h"

int tvm_initrd_open(struct tvm_initrd *rd, const char *path)
{
	rd->path = path;
	rd->fd = tvm_file_open(path, O_RDONLY, "initrd", &rd->size);
	return rd->fd < 0 ? -1 : 0;
}

int tvm_initrd_load(struct tvm_initrd *rd, uint8_t *ram, uint64_t mem_size, uint64_t lowest,
		    char *err, size_t errlen)
{
	/* The top page-aligned spot; the guest's free memory ends below it. */
	if (rd->size > mem_size || ((mem_size - rd->size) & ~(TVM_PAGE - 1)) < lowest) {
		snprintf(err, errlen, "initrd %s (%llu bytes) does not fit: -m must be at least %lluK",
			 rd->path, (unsigned long long)rd->size,
			 (unsigned long long)(((lowest + rd->size + TVM_PAGE - 1) & ~(TVM_PAGE - 1)) >> 10));
		return -1;
	}
	rd->gpa = (mem_size - rd->size) & ~(TVM_PAGE - 1);
	int r = tvm_pread_full(rd->fd, ram + rd->gpa, rd->size, 0);

	if (r) {
		snprintf(err, errlen, "initrd %s: %s", rd->path,
			 r == -EIO ? "file shrank while being read" : strerror(-r));
		return -1;
	}
	close(rd->fd);
	rd->fd = -1;
	return 0;
}
