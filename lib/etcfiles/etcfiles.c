/* etcfiles.c: the /etc files a C library reads (users, groups, host names, resolver), written at boot where the root has none. */
#include <errno.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/print.h>
#include <ts/vfs.h>

/* The instance runs as root, alone; "localhost" must resolve without a
 * resolver; the name server is QEMU user networking's (10.0.2.3), the
 * usual guess for a guest, to be replaced by the app's own. */
static const struct {
	const char *path, *text;
} files[] = {
	{ "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
			 "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n" },
	{ "/etc/group", "root:x:0:\nnogroup:x:65534:\n" },
	{ "/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" },
	{ "/etc/resolv.conf", "nameserver 10.0.2.3\n" },
	{ "/etc/hostname", "tessera\n" },
};

/* 0, or -EEXIST when the file is there already (the app's wins). */
static int write_new(const char *path, const char *text)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT | TS_O_EXCL, 0644);
	if (fd < 0)
		return fd;
	size_t len = strlen(text);
	ssize_t n = ts_vfs_write(fd, text, len);
	ts_vfs_close(fd);
	return n == (ssize_t)len ? 0 : n < 0 ? (int)n : -EIO;
}

static int etcfiles_write(void)
{
	int r = ts_vfs_mkdirat(TS_AT_FDCWD, "/etc", 0755);
	if (r == -EROFS || r == -ENOENT) {
		ts_pr_debug("etcfiles: no writable / (%d): no default /etc files\n", r);
		return 0;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		r = write_new(files[i].path, files[i].text);
		if (r < 0 && r != -EEXIST && r != -EROFS)
			ts_pr_warn("etcfiles: %s: error %d\n", files[i].path, r);
	}
	return 0;
}
/* After every mount (rootfs level: the root, its initrd, /dev, /proc and
 * vfs.mount= options), so a mounted /etc gets the defaults it lacks. */
TS_INITCALL(etcfiles_write, TS_INIT_SYS, 5);
