/* eventfd.c: eventfd and eventfd2 — a 64-bit counter read and written as 8-byte values, as Linux's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/syscall.h>
#include "event.h"

#define EFD_SEMAPHORE 1
#define EFD_MAX UINT64_C(0xfffffffffffffffe) /* the largest count */

struct efd {
	struct ts_mutex lock;
	uint64_t count;
	int semaphore;
	struct ts_waitq readers;  /* waiting for count > 0 */
	struct ts_waitq writers;  /* waiting for room to add */
};

/* A read takes the whole count (or 1 in semaphore mode), waiting while it
 * is 0. */
static ssize_t efd_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	struct efd *e = f->priv;
	uint64_t v = 0;
	int r = 0;

	(void)pos;
	if (n < sizeof(v))
		return -EINVAL;
	ts_mutex_lock(&e->lock);
	while (!e->count && !r)
		r = ev_nonblock(f) ? -EAGAIN : ev_wait_unlocked(&e->readers, &e->lock);
	if (!r) {
		v = e->semaphore ? 1 : e->count;
		e->count -= v;
		ts_waitq_wake_all(&e->writers);
		ts_vfs_poll_wake(f);
	}
	ts_mutex_unlock(&e->lock);
	if (r)
		return r;
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

/* A write adds its value, waiting while the sum would pass EFD_MAX;
 * 0xffffffffffffffff itself is -EINVAL. */
static ssize_t efd_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	struct efd *e = f->priv;
	uint64_t v;
	int r = 0;

	(void)pos;
	if (n < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == UINT64_MAX)
		return -EINVAL;
	ts_mutex_lock(&e->lock);
	while (EFD_MAX - e->count < v && !r)
		r = ev_nonblock(f) ? -EAGAIN : ev_wait_unlocked(&e->writers, &e->lock);
	if (!r && v) {
		e->count += v;
		ts_waitq_wake_all(&e->readers);
		ts_vfs_poll_wake(f);
	}
	ts_mutex_unlock(&e->lock);
	return r ? r : (ssize_t)sizeof(v);
}

static unsigned int efd_poll(struct ts_file *f, unsigned int events)
{
	struct efd *e = f->priv;
	unsigned int ready = 0;

	ts_mutex_lock(&e->lock);
	if (e->count)
		ready |= TS_POLLIN | TS_POLLRDNORM;
	if (e->count < EFD_MAX)
		ready |= TS_POLLOUT | TS_POLLWRNORM;
	ts_mutex_unlock(&e->lock);
	return ready & events;
}

static void efd_release(struct ts_file *f)
{
	free(f->priv);
}

static const struct ts_file_ops efd_ops = {
	.read = efd_read, .write = efd_write, .poll = efd_poll, .stat = ev_anon_stat,
	.release = efd_release, .seek_zero = 1,
};

static long make_efd(unsigned int count, int flags)
{
	struct efd *e;
	struct ts_file *f;
	int fd;

	if (flags & ~(EFD_SEMAPHORE | TS_O_CLOEXEC | TS_O_NONBLOCK))
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	ts_mutex_init(&e->lock, 0);
	e->count = count;
	e->semaphore = flags & EFD_SEMAPHORE;
	f = ts_file_new(&efd_ops, e, TS_O_RDWR | ((unsigned int)flags & TS_O_NONBLOCK));
	if (!f) {
		free(e);
		return -ENOMEM;
	}
	fd = ts_vfs_file_install(f, flags & TS_O_CLOEXEC);
	if (fd < 0)
		ts_file_put(f);
	return fd;
}

TS_SYSCALL_DEFINE2(eventfd2, "ux:d", unsigned int, count, int, flags)
{
	return make_efd(count, flags);
}

TS_SYSCALL_DEFINE1(eventfd, "u:d", unsigned int, count)
{
	return make_efd(count, 0);
}
