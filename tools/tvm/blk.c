/* blk.c: block devices backed by host files (pread/pwrite/fdatasync). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tvm.h"

static int blk_read(struct tvm_dev *d, uint64_t off, void *buf, size_t len)
{
	return tvm_pread_full(d->fd, buf, len, off);
}

static int blk_write(struct tvm_dev *d, uint64_t off, const void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t r = pwrite(d->fd, (const uint8_t *)buf + done, len - done, (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO;
		done += (size_t)r;
	}
	return 0;
}

static int blk_flush(struct tvm_dev *d)
{
	return fdatasync(d->fd) < 0 ? -errno : 0;
}

const struct tvm_dev_ops tvm_blk_ops = {
	.blk_read = blk_read,
	.blk_write = blk_write,
	.blk_flush = blk_flush,
};

int tvm_blk_open(struct tvm_dev *d, const char *spec, unsigned index)
{
	(void)index;
	size_t n = strlen(spec);
	int ro = n > 3 && strcmp(spec + n - 3, ",ro") == 0;
	char *path = strndup(spec, ro ? n - 3 : n);
	uint64_t size;

	if (!path) {
		tvm_err("out of memory");
		return -1;
	}
	d->name = path;
	d->fd = tvm_file_open(path, ro ? O_RDONLY : O_RDWR, NULL, &size);
	if (d->fd < 0)
		return -1;
	if (size == 0 || size % TVM_SECTOR_SIZE) {
		tvm_err("%s: size %llu is not a positive multiple of %d bytes", path,
			(unsigned long long)size, TVM_SECTOR_SIZE);
		return -1;
	}
	d->info.flags = ro ? TVM_DEVF_READONLY : 0;
	d->info.size = size / TVM_SECTOR_SIZE;
	return 0;
}
