/*
 * stdfds.c: descriptors 0, 1 and 2 at boot: one open file on the
 * platform console (lib/vfs's console file), as a Linux process inherits
 * its terminal: stdin reads the console's input.
 */
#include <errno.h>
#include <ts/initcall.h>
#include <ts/vfs.h>
#include <ts/vfs_impl.h>

/*
 * At the end of the platform level: before any library's init runs, so
 * that what a library prints on stderr while booting (lib/random's "no
 * seed source", ...) reaches the console, and before anything holds a
 * descriptor, so that the console file gets 0; 1 and 2 share it, as dup
 * would make them. The heap is ready before the first init level.
 */
static int vfs_stdfds(void)
{
	struct ts_file *f = ts_file_new(&ts_console_file_ops, NULL, TS_O_RDWR);
	int fd, r;

	if (!f)
		return -ENOMEM;
	fd = ts_vfs_file_install(f, 0);
	if (fd < 0) {
		ts_file_put(f);
		return fd;
	}
	for (int i = 0; i <= 2; i++) {
		r = i == fd ? 0 : ts_vfs_dup2(fd, i);
		if (r < 0)
			return r;
	}
	return fd > 2 ? ts_vfs_close(fd) : 0;
}
TS_INITCALL(vfs_stdfds, TS_INIT_PLAT, 9);
