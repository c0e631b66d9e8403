/* random.c: /dev/random and /dev/urandom, both from lib/random's generator. */
#include <errno.h>
#include <ts/devfs.h>
#include <ts/random.h>

/*
 * Linux 5.6+ makes /dev/random block only until the pool is first seeded;
 * lib/random is seeded before any file can be opened, so both devices are
 * the same here and never block.
 */
static ssize_t random_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)pos;
	ts_random_bytes(buf, n);
	return (ssize_t)n;
}

/* As on Linux, writing is allowed and mixes the bytes in (crediting no
 * entropy); it can only add uncertainty, never remove it. */
static ssize_t random_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)pos;
	ts_random_mix(buf, n);
	return (ssize_t)n;
}

/* Linux's random ioctls (entropy counts, reseeding) mean nothing here;
 * like Linux for an unknown request, every one is EINVAL (not ENOTTY). */
static int random_ioctl(struct ts_file *f, unsigned long request, void *arg)
{
	(void)f;
	(void)request;
	(void)arg;
	return -EINVAL;
}

/* Linux's /dev/random polls readable once seeded and never writable
 * (writing does not "unblock" anything); /dev/urandom has the default
 * answer, both. */
static unsigned int random_poll(struct ts_file *f, unsigned int events)
{
	(void)f;
	return events & (TS_POLLIN | TS_POLLRDNORM);
}

static const struct ts_file_ops random_fops = {
	.read = random_read, .write = random_write, .seek = ts_devfs_seek_zero,
	.stat = ts_devfs_stat, .ioctl = random_ioctl, .poll = random_poll,
};
static const struct ts_file_ops urandom_fops = {
	.read = random_read, .write = random_write, .seek = ts_devfs_seek_zero,
	.stat = ts_devfs_stat, .ioctl = random_ioctl,
};

static struct ts_devfs_node dev_random = { "random", TS_S_IFCHR | 0666, 1, 8, &random_fops, NULL, NULL };
static struct ts_devfs_node dev_urandom = { "urandom", TS_S_IFCHR | 0666, 1, 9, &urandom_fops, NULL, NULL };
TS_DEVFS_NODE(dev_random);
TS_DEVFS_NODE(dev_urandom);
