/* file.c: open files — creation, references, installing a descriptor. */
#include <errno.h>
#include <stdlib.h>
#include "vfs_private.h"

struct ts_file *ts_file_new(const struct ts_file_ops *ops, void *priv, unsigned int flags)
{
	struct ts_file *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	f->refs = 1;
	ts_mutex_init(&f->lock, 0);
	return f;
}

void ts_file_get(struct ts_file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

static __typeof__(vfs_poll_file_gone) vfs_poll_file_gone_hook
	__attribute__((weakref("vfs_poll_file_gone")));

void ts_file_put(struct ts_file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	/* Watchers without a reference (epoll) forget f before it goes. */
	if (f->pollers && vfs_poll_file_gone_hook)
		vfs_poll_file_gone_hook(f);
	if (f->ops->release)
		f->ops->release(f);
	if (f->vn) {
		vfs_ns_lock();
		vfs_vnode_put(f->vn);
		vfs_ns_unlock();
	}
	free(f);
}

int ts_vfs_file_install(struct ts_file *f, int fdflags)
{
	if (fdflags & ~TS_O_CLOEXEC)
		return -EINVAL;
	return vfs_fd_alloc(f, 0, fdflags & TS_O_CLOEXEC);
}
