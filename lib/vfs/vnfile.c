/* vnfile.c: the file operations of files opened on vnodes (filesystem objects). */
#include <errno.h>
#include <string.h>
#include "vfs_private.h"

static ssize_t vn_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	struct ts_vnode *vn = f->vn;
	ssize_t r;

	if (TS_S_ISDIR(vn->mode))
		return -EISDIR;
	if (!vn->ops->read)
		return -EINVAL;
	vfs_lock(&vn->lock);
	r = vn->ops->read(vn, buf, n, *pos);
	vfs_unlock(&vn->lock);
	if (r > 0)
		*pos += r;
	return r;
}

static ssize_t vn_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	struct ts_vnode *vn = f->vn;
	off_t off, max = vn->mount->maxsize;
	ssize_t r;

	if (TS_S_ISDIR(vn->mode))
		return -EISDIR;
	if (!vn->ops->write)
		return -EINVAL;
	if (vfs_rdonly(vn))
		return -EROFS;
	vfs_lock(&vn->lock);
	/* the end is read under the data lock: appends never interleave */
	off = (__atomic_load_n(&f->flags, __ATOMIC_RELAXED) & TS_O_APPEND) ? vn->size : *pos;
	if (off >= max) {
		r = -EFBIG;
	} else {
		if (n > (size_t)(max - off))
			n = (size_t)(max - off);
		r = vn->ops->write(vn, buf, n, off);
		if (r > 0)
			*pos = off + r;
	}
	vfs_unlock(&vn->lock);
	return r;
}

static off_t vn_seek(struct ts_file *f, off_t off, int whence, off_t pos)
{
	struct ts_vnode *vn = f->vn;
	off_t base, r;

	if (whence == TS_SEEK_SET) {
		base = 0;
	} else if (whence == TS_SEEK_CUR) {
		base = pos;
	} else if (whence == TS_SEEK_END && !TS_S_ISDIR(vn->mode)) {
		vfs_lock(&vn->lock);
		base = vn->size;
		vfs_unlock(&vn->lock);
	} else {
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, off, &r))
		return -EOVERFLOW;
	return r < 0 ? -EINVAL : r;
}

static int vn_stat(struct ts_file *f, struct ts_stat *st)
{
	int err;

	vfs_ns_lock();
	err = vfs_vnode_stat(f->vn, st);
	vfs_ns_unlock();
	return err;
}

static int vn_truncate(struct ts_file *f, off_t len)
{
	struct ts_vnode *vn = f->vn;
	int err;

	if (!TS_S_ISREG(vn->mode) || !vn->ops->truncate)
		return -EINVAL;
	if (vfs_rdonly(vn))
		return -EROFS;
	if (len > vn->mount->maxsize)
		return -EFBIG;
	vfs_lock(&vn->lock);
	err = vn->ops->truncate(vn, len);
	vfs_unlock(&vn->lock);
	return err;
}

static int vn_fsync(struct ts_file *f)
{
	struct ts_vnode *vn = f->vn;
	int err = 0;

	if (vn->ops->fsync) {
		vfs_lock(&vn->lock);
		err = vn->ops->fsync(vn);
		vfs_unlock(&vn->lock);
	}
	return err;
}

/* Files in a filesystem never block. */
static unsigned int vn_poll(struct ts_file *f, unsigned int events)
{
	(void)f;
	return events & (TS_POLLIN | TS_POLLOUT | TS_POLLRDNORM | TS_POLLWRNORM);
}

static const struct ts_file_ops vnode_fops = {
	.read = vn_read,
	.write = vn_write,
	.seek = vn_seek,
	.getdents = vfs_vnode_getdents,
	.stat = vn_stat,
	.truncate = vn_truncate,
	.fsync = vn_fsync,
	.poll = vn_poll,
};

struct ts_file *vfs_vnode_file(struct ts_vnode *vn, unsigned int flags)
{
	struct ts_file *f = ts_file_new(&vnode_fops, NULL, flags);

	if (f) {
		ts_vnode_ref(vn);
		f->vn = vn;
	}
	return f;
}

int vfs_vnode_stat(struct ts_vnode *vn, struct ts_stat *st)
{
	int err = -EINVAL;

	memset(st, 0, sizeof(*st));
	if (vn->ops->getattr) {
		vfs_lock(&vn->lock);
		err = vn->ops->getattr(vn, st);
		vfs_unlock(&vn->lock);
	}
	st->st_dev = vn->mount->dev;
	return err;
}
