/*
 * stdfds.c: descriptors 0, 1 and 2 at boot: one open file on the
 * platform console, as a Linux process inherits its terminal.
 */
#include <errno.h>
#include <string.h>
#include <ts/initcall.h>
#include <ts/plat/console.h>
#include <ts/vfs.h>
#include <ts/vfs_impl.h>

/* Console input is not read yet: reads see end of file. */
static ssize_t console_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static ssize_t console_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)f, (void)pos;
	return ts_plat_console_write(buf, n);
}

/* A character device, as /dev/console (5, 1) on Linux. */
static int console_stat(struct ts_file *f, struct ts_stat *st)
{
	(void)f;
	memset(st, 0, sizeof *st);
	st->st_mode = TS_S_IFCHR | 0600;
	st->st_nlink = 1;
	st->st_rdev = (5 << 8) | 1;
	st->st_blksize = 1024;
	return 0;
}

static const struct ts_file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.stat = console_stat,
};

/*
 * At the lib level, after the filesystem types register and before the
 * root filesystem is mounted, so that nothing holds a descriptor yet and
 * the console file gets 0; 1 and 2 share it, as dup would make them.
 */
static int nolibc_stdfds(void)
{
	struct ts_file *f = ts_file_new(&console_ops, NULL, TS_O_RDWR);
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
TS_INITCALL(nolibc_stdfds, TS_INIT_LIB, 9);
