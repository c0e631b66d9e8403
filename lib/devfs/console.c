/* console.c: /dev/console — the console file of lib/vfs (console.c there) as a device node. */
#include <ts/devfs.h>
#include <ts/vfs_impl.h>

/* The same reads, writes, terminal ioctls and poll as descriptors 0, 1
 * and 2; fstat answers for the node (its inode and times). */
static const struct ts_file_ops console_fops = {
	.read = ts_console_read, .write = ts_console_write, .stat = ts_devfs_stat,
	.ioctl = ts_console_ioctl, .poll = ts_console_poll, .poll_recheck = ts_console_poll_recheck,
};

static struct ts_devfs_node dev_console = {
	"console", TS_S_IFCHR | 0600, 5, 1, &console_fops, NULL, NULL,
};
TS_DEVFS_NODE(dev_console);
