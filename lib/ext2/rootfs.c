/* rootfs.c: the first disk as "/" at boot when it holds ext2 and no initrd was given (LIBEXT2_ROOT). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/plat/initrd.h>
#include <ts/plat/lifecycle.h>
#include "ext2.h"

#define ROOT_DISK "vda"

/* Whether a vfs.mount= option already takes the disk (mounting it twice
 * would corrupt it). */
static int disk_claimed(void)
{
	const char *spec;

	for (unsigned int i = 0; (spec = ts_boot_param_nth("vfs.mount", i)); i++) {
		if (!strncmp(spec, "/dev/", 5))
			spec += 5;
		if (!strncmp(spec, ROOT_DISK ":", sizeof(ROOT_DISK)))
			return 1;
	}
	return 0;
}

/* Whether dev starts with an ext2 superblock (its magic number). */
static int holds_ext2(struct ts_blkdev *dev)
{
	uint8_t *sb = malloc(EXT2_SB_SIZE);
	int yes;

	if (!sb)
		return 0;
	yes = !ts_blk_read(dev, EXT2_SB_OFFSET / TS_BLK_SECTOR, sb, EXT2_SB_SIZE / TS_BLK_SECTOR)
		&& ext2_le16(sb + SB_MAGIC) == EXT2_MAGIC;
	free(sb);
	return yes;
}

static int ext2_mount_root(void)
{
	struct ts_initrd rd;
	struct ts_blkdev *dev;
	int err;

	if (ts_plat_initrd(&rd) == 0 || disk_claimed())
		return 0;
	dev = ts_blk_find(ROOT_DISK);
	if (!dev || !holds_ext2(dev))
		return 0;
	err = ts_vfs_mount(ROOT_DISK, "/", "ext2", 0, NULL);
	if (err) {
		/* a program must not run on a root it was not given: one line
		 * (ext2 has logged the cause of every error but this one) and
		 * the crash status */
		if (err == -ENOMEM)
			ts_pr_err("ext2: %s: not enough memory to mount it as /\n", ROOT_DISK);
		ts_plat_halt(TS_EXIT_CRASH);
	}
	return 0;
}
/* After ramfs_mount_root (priority 0), which it covers if present. */
TS_INITCALL(ext2_mount_root, TS_INIT_ROOTFS, 2);
