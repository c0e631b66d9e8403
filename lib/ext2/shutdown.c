/* shutdown.c: at the VM's exit, every mounted ext2 filesystem is written back and marked clean. */
#include <ts/initcall.h>
#include "ext2.h"

/*
 * A program that exits without unmounting (or cannot: the root, files
 * still open) must still leave a clean disk behind, as a Linux shutdown
 * does. Runs after the atexit handlers, so their writes are included.
 */
static int ext2_shutdown(void)
{
	ext2_sync_all();
	return 0;
}
TS_FINICALL(ext2_shutdown, TS_INIT_ROOTFS);
