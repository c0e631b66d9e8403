/* disk.c: <ts/blk.h> for the host tests and the fuzzer's replay — disks backed by image files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "disk.h"

#define MAX_DISKS 4

struct disk {
	struct ts_blkdev dev;
	char name[8];
	int fd;
};

static struct disk *disks[MAX_DISKS];
long disk_reads, disk_writes, disk_flushes;
long disk_fail_writes_after = -1;

static const struct ts_blkdev_ops no_ops; /* the synchronous calls below do the work */

void disk_detach(const char *name)
{
	for (int i = 0; i < MAX_DISKS; i++) {
		if (disks[i] && !strcmp(disks[i]->name, name)) {
			close(disks[i]->fd);
			free(disks[i]);
			disks[i] = NULL;
		}
	}
}

int disk_attach(const char *name, const char *path, int readonly)
{
	struct disk *d;
	struct stat st;
	int slot = -1;

	disk_detach(name);
	for (int i = 0; i < MAX_DISKS && slot < 0; i++)
		if (!disks[i])
			slot = i;
	if (slot < 0 || !(d = calloc(1, sizeof(*d))))
		return -ENOMEM;
	d->fd = open(path, readonly ? O_RDONLY : O_RDWR);
	if (d->fd < 0 || fstat(d->fd, &st)) {
		free(d);
		return -errno;
	}
	strncpy(d->name, name, sizeof(d->name) - 1);
	d->dev.name = d->name;
	d->dev.nsectors = (uint64_t)st.st_size / TS_BLK_SECTOR;
	d->dev.max_sectors = 256;
	d->dev.flags = readonly ? TS_BLKF_READONLY : 0;
	d->dev.ops = &no_ops;
	d->dev.priv = d;
	disks[slot] = d;
	return 0;
}

struct ts_blkdev *ts_blk_find(const char *name)
{
	if (!strncmp(name, "/dev/", 5))
		name += 5;
	for (int i = 0; i < MAX_DISKS; i++)
		if (disks[i] && !strcmp(disks[i]->name, name))
			return &disks[i]->dev;
	return NULL;
}

static int in_range(struct ts_blkdev *dev, uint64_t sector, uint64_t n)
{
	return n && sector < dev->nsectors && n <= dev->nsectors - sector;
}

int ts_blk_read(struct ts_blkdev *dev, uint64_t sector, void *buf, uint64_t n)
{
	struct disk *d = dev->priv;
	size_t len = n * TS_BLK_SECTOR;

	if (!in_range(dev, sector, n))
		return -EINVAL;
	disk_reads++;
	return pread(d->fd, buf, len, (off_t)(sector * TS_BLK_SECTOR)) == (ssize_t)len ? 0 : -EIO;
}

int ts_blk_write(struct ts_blkdev *dev, uint64_t sector, const void *buf, uint64_t n)
{
	struct disk *d = dev->priv;
	size_t len = n * TS_BLK_SECTOR;

	if (!in_range(dev, sector, n))
		return -EINVAL;
	if (dev->flags & TS_BLKF_READONLY)
		return -EROFS;
	if (disk_fail_writes_after == 0)
		return -EIO;
	if (disk_fail_writes_after > 0)
		disk_fail_writes_after--;
	disk_writes++;
	return pwrite(d->fd, buf, len, (off_t)(sector * TS_BLK_SECTOR)) == (ssize_t)len ? 0 : -EIO;
}

int ts_blk_flush(struct ts_blkdev *dev)
{
	struct disk *d = dev->priv;

	if (dev->flags & TS_BLKF_READONLY)
		return 0;
	disk_flushes++;
	return fdatasync(d->fd) ? -EIO : 0;
}
