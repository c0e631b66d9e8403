/* mount.c: procfs at /proc at boot, read-only, creating /proc when missing. */
#include <errno.h>
#include <ts/boot.h>
#include <ts/print.h>
#include <ts/vfs.h>

static int procfs_mount_proc(void)
{
	int r = ts_vfs_mkdirat(TS_AT_FDCWD, "/proc", 0555);

	/* No root filesystem at all (an image without ramfs, initrd or
	 * disk): nothing to mount on; the program meets ENOENT as anywhere. */
	if (r == -ENOENT) {
		ts_pr_debug("procfs: no root filesystem: no /proc\n");
		return 0;
	}
	/* A read-only root without /proc: the program runs without it, and
	 * is told so (as devfs does for /dev). */
	if (r == -EROFS) {
		ts_pr_warn("procfs: / is read-only and has no /proc: no /proc files\n");
		return 0;
	}
	if (r < 0 && r != -EEXIST)
		return r;
	return ts_vfs_mount("proc", "/proc", "proc", TS_MS_RDONLY, NULL);
}
/* With devfs's /dev (priority 6): after the root and its initrd. */
TS_INITCALL(procfs_mount_proc, TS_INIT_ROOTFS, 6);
