/* initrd.c: --initrd FILE — copied to the top of guest RAM, named in the boot info. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tvm.h"

int tvm_initrd_open(struct tvm_initrd *rd, const char *path)
{
	struct stat st;

	rd->path = path;
	rd->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (rd->fd < 0 || fstat(rd->fd, &st) < 0) {
		tvm_err("initrd %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		tvm_err("initrd %s: not a regular file", path);
		return -1;
	}
	rd->size = (uint64_t)st.st_size;
	return 0;
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
	for (uint64_t done = 0; done < rd->size;) {
		ssize_t n = pread(rd->fd, ram + rd->gpa + done, rd->size - done, (off_t)done);

		if (n <= 0) {
			snprintf(err, errlen, "initrd %s: %s", rd->path,
				 n < 0 ? strerror(errno) : "file shrank while being read");
			return -1;
		}
		done += (uint64_t)n;
	}
	close(rd->fd);
	rd->fd = -1;
	return 0;
}
