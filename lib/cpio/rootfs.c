/* rootfs.c: unpack the initrd, a newc cpio archive (gzipped or not), into the root ramfs at boot. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/boot.h>
#include <ts/cpio.h>
#include <ts/inflate.h>
#include <ts/plat/initrd.h>
#include <ts/plat/lifecycle.h>

/*
 * A program cannot run without the root it was given: a bad archive is
 * reported in one line and the VM stops with the crash status, instead of
 * main running on a half-filled root. (A panic would add a backtrace
 * that says nothing about the archive.)
 */
static _Noreturn void stop(const char *what, const char *name, size_t off, int err)
{
	fflush(stdout);
	fprintf(stderr, "initrd: %s%s%s at offset %zu (error %d)\n", what, name ? " " : "",
		name ? name : "", off, -err);
	ts_plat_halt(TS_EXIT_CRASH);
}

/* A gzipped initrd, decompressed into a heap buffer of the size its trailer gives. */
static void *gunzip(const struct ts_initrd *rd, size_t *size)
{
	struct ts_inflate_error err;
	void *buf;
	int r;

	if (ts_gzip_size(rd->data, rd->size, size) < 0)
		stop("gzip: truncated file", NULL, 0, -EINVAL);
	buf = malloc(*size ? *size : 1);
	if (!buf)
		stop("gzip: not enough memory for the uncompressed archive", NULL, rd->size, -ENOMEM);
	r = ts_gunzip(rd->data, rd->size, buf, *size, &err);
	if (r < 0)
		stop(err.what, NULL, err.offset, r);
	return buf;
}

static int cpio_unpack_root(void)
{
	struct ts_initrd rd;
	struct ts_cpio_error err;
	const void *data;
	void *buf = NULL;
	size_t size;
	int r;

	if (ts_plat_initrd(&rd) < 0)
		return 0;
	data = rd.data;
	size = rd.size;
	if (ts_gzip_is(data, size))
		data = buf = gunzip(&rd, &size);
	if (!ts_cpio_is_newc(data, size)) {
		if (buf)
			stop("not a newc cpio archive inside the gzip file", NULL, 0, -EINVAL);
		return 0; /* some other initrd: the program reads it raw */
	}
	r = ts_cpio_unpack(data, size, &err);
	if (r < 0)
		stop(err.what, err.name, err.offset, r);
	free(buf);
	return 0;
}
/* After ramfs_mount_root (priority 0) at the same level. */
TS_INITCALL(cpio_unpack_root, TS_INIT_ROOTFS, 5);
