/* mem.c: /dev/null, /dev/zero and /dev/full, as Linux's drivers/char/mem.c behaves. */
#include <errno.h>
#include <string.h>
#include <ts/devfs.h>

static ssize_t read_nothing(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)buf;
	(void)n;
	(void)pos;
	return 0;
}

static ssize_t read_zeros(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)pos;
	memset(buf, 0, n);
	return (ssize_t)n;
}

static ssize_t write_all(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)buf;
	(void)pos;
	return (ssize_t)n;
}

static ssize_t write_full(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)buf;
	(void)n;
	(void)pos;
	return -ENOSPC;
}

static const struct ts_file_ops null_fops = {
	.read = read_nothing, .write = write_all,
	.seek = ts_devfs_seek_zero, .stat = ts_devfs_stat,
};
static const struct ts_file_ops zero_fops = {
	.read = read_zeros, .write = write_all,
	.seek = ts_devfs_seek_zero, .stat = ts_devfs_stat,
};
static const struct ts_file_ops full_fops = {
	.read = read_zeros, .write = write_full,
	.seek = ts_devfs_seek_zero, .stat = ts_devfs_stat,
};

static struct ts_devfs_node dev_null = { "null", TS_S_IFCHR | 0666, 1, 3, &null_fops, NULL, NULL };
static struct ts_devfs_node dev_zero = { "zero", TS_S_IFCHR | 0666, 1, 5, &zero_fops, NULL, NULL };
static struct ts_devfs_node dev_full = { "full", TS_S_IFCHR | 0666, 1, 7, &full_fops, NULL, NULL };
TS_DEVFS_NODE(dev_null);
TS_DEVFS_NODE(dev_zero);
TS_DEVFS_NODE(dev_full);
