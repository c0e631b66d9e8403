/* rootfs.c: an empty ramfs as "/" at boot (LIBRAMFS_ROOT). */
#include <ts/boot.h>
#include <ts/vfs.h>

static int ramfs_mount_root(void)
{
	return ts_vfs_mount("ramfs", "/", "ramfs", 0, NULL);
}
TS_INITCALL(ramfs_mount_root, TS_INIT_ROOTFS, 0);
