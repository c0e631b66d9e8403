/* vfs_test.c: in-kernel tests of the VFS parts that need no filesystem —
 * the descriptor table, files without a vnode, filesystem registration. */
#include <errno.h>
#include <string.h>
#include <ts/test.h>
#include <ts/vfs.h>
#include <ts/vfs_impl.h>

static int released;

static ssize_t zero_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)pos;
	memset(buf, 0, n);
	return (ssize_t)n;
}

static ssize_t sink_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)buf;
	(void)pos;
	*(size_t *)f->priv += n;
	return (ssize_t)n;
}

static void count_release(struct ts_file *f)
{
	(void)f;
	released++;
}

/* Like /dev/zero for reading and /dev/null for writing, counting the bytes. */
static const struct ts_file_ops null_ops = {
	.read = zero_read,
	.write = sink_write,
	.release = count_release,
};

static int install(size_t *counter, int fdflags)
{
	struct ts_file *f = ts_file_new(&null_ops, counter, TS_O_RDWR);

	return f ? ts_vfs_file_install(f, fdflags) : -ENOMEM;
}

TS_TEST(descriptors)
{
	size_t written = 0;
	char buf[4] = "abc";
	int a = install(&written, 0), b = install(&written, TS_O_CLOEXEC), c;

	TS_EXPECT(a >= 0);
	TS_EXPECT_EQ(b, a + 1);
	TS_EXPECT_EQ(ts_vfs_fcntl(a, TS_F_GETFD, 0), 0);
	TS_EXPECT_EQ(ts_vfs_fcntl(b, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	TS_EXPECT_EQ(ts_vfs_write(a, buf, 3), 3);
	TS_EXPECT_EQ(ts_vfs_read(b, buf, 3), 3);
	TS_EXPECT_EQ(buf[0], 0);
	TS_EXPECT_EQ(written, 3);
	TS_EXPECT_EQ(ts_vfs_lseek(a, 0, TS_SEEK_SET), -ESPIPE);
	TS_EXPECT_EQ(ts_vfs_close(a), 0);
	TS_EXPECT_EQ(ts_vfs_close(a), -EBADF);
	c = ts_vfs_dup(b);
	TS_EXPECT_EQ(c, a); /* the lowest free number */
	TS_EXPECT_EQ(ts_vfs_dup2(b, b), b);
	TS_EXPECT_EQ(ts_vfs_dup3(b, b, 0), -EINVAL);
	TS_EXPECT_EQ(ts_vfs_dup3(b, c, TS_O_CLOEXEC), c);
	TS_EXPECT_EQ(ts_vfs_fcntl(c, TS_F_GETFD, 0), TS_FD_CLOEXEC);
	TS_EXPECT_EQ(ts_vfs_fcntl(b, TS_F_DUPFD, 40), 40);
	TS_EXPECT_EQ(ts_vfs_poll(40, TS_POLLIN | TS_POLLOUT), TS_POLLIN | TS_POLLOUT);
	TS_EXPECT_EQ(released, 1); /* a's file */
	TS_EXPECT_EQ(ts_vfs_close(40), 0);
	TS_EXPECT_EQ(ts_vfs_close(c), 0);
	TS_EXPECT_EQ(released, 1);
	TS_EXPECT_EQ(ts_vfs_close(b), 0);
	TS_EXPECT_EQ(released, 2);
}

/* The table grows to LIBVFS_MAX_FDS and no further. */
TS_TEST(table_limit)
{
	size_t n = 0;
	int first = install(&n, 0), fd, count = 1;

	while ((fd = ts_vfs_dup(first)) >= 0)
		count++;
	TS_EXPECT_EQ(fd, -EMFILE);
	TS_EXPECT(count > CONFIG_LIBVFS_MAX_FDS - 10);
	/* every number below first was taken, so the copies are above it */
	for (fd = first + 1; fd < CONFIG_LIBVFS_MAX_FDS; fd++)
		ts_vfs_close(fd);
	TS_EXPECT_EQ(ts_vfs_dup(first), first + 1);
	ts_vfs_close(first + 1);
	ts_vfs_close(first);
}

static int failing_mount(struct ts_mount *mnt, const char *source, unsigned long flags,
			 const void *data)
{
	(void)mnt;
	(void)source;
	(void)flags;
	(void)data;
	return -EIO;
}

static void no_unmount(struct ts_mount *mnt)
{
	(void)mnt;
}

static struct ts_fs_type failing_fs = { .name = "vfstest-failing", .mount = failing_mount,
					.unmount = no_unmount };

TS_TEST(filesystem_types)
{
	static struct ts_fs_type bad = { .name = "vfstest-bad" };

	TS_EXPECT_EQ(ts_vfs_fs_register(&failing_fs), 0);
	TS_EXPECT_EQ(ts_vfs_fs_register(&failing_fs), -EEXIST);
	TS_EXPECT_EQ(ts_vfs_fs_register(&bad), -EINVAL);
	TS_EXPECT_EQ(ts_vfs_mount(NULL, "/", "vfstest-failing", 0, NULL), -EIO);
	TS_EXPECT_EQ(ts_vfs_mount(NULL, "/", "no-such-fs", 0, NULL), -ENODEV);
	TS_EXPECT_EQ(ts_vfs_mount(NULL, NULL, "vfstest-failing", 0, NULL), -EFAULT);
}

TS_TESTSUITE(vfs, descriptors, table_limit, filesystem_types);
