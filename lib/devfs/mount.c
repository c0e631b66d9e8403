/* mount.c: devfs at /dev at boot (LIBDEVFS_MOUNT), read-only, creating /dev when missing. */
#include <errno.h>
#include <ts/boot.h>
#include <ts/print.h>
#include <ts/vfs.h>

static int devfs_mount_dev(void)
{
	int r = ts_vfs_mkdirat(TS_AT_FDCWD, "/dev", 0755);

	/* A read-only root (an ext2 disk mounted ro) without /dev: the
	 * program runs without device files, as Linux boots on without its
	 * devtmpfs, and says so. */
	if (r == -EROFS) {
		ts_pr_warn("devfs: / is read-only and has no /dev: no device files\n");
		return 0;
	}
	if (r < 0 && r != -EEXIST)
		return r;
	return ts_vfs_mount("devfs", "/dev", "devfs", TS_MS_RDONLY, NULL);
}
/* After the root (priority 0) and its initrd (5), before vfs.mount= (8):
 * a /dev in the initrd is covered, as Linux's devtmpfs covers it. */
TS_INITCALL(devfs_mount_dev, TS_INIT_ROOTFS, 6);
