/* dir.c: getdents64 — directory entries as Linux linux_dirent64 records. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "vfs_private.h"

/* Fills the caller's buffer; records may be unaligned there, so they are
 * written with memcpy. */
struct dirent_buf {
	struct ts_dir_ctx ctx;
	char *buf;
	size_t len, used;
	off_t pos;  /* after the last record written */
	int full;   /* a record did not fit */
};

static int put_record(struct ts_dir_ctx *ctx, const char *name, size_t len, uint64_t ino,
		      unsigned int dtype, off_t next)
{
	struct dirent_buf *b = (struct dirent_buf *)ctx;
	size_t head = offsetof(struct ts_dirent64, d_name);
	size_t reclen = (head + len + 1 + 7) & ~(size_t)7;
	struct ts_dirent64 d = { .d_ino = ino, .d_off = next, .d_reclen = (uint16_t)reclen,
				 .d_type = (uint8_t)dtype };
	char *p = b->buf + b->used;

	if (reclen > b->len - b->used) {
		b->full = 1;
		return 1;
	}
	memcpy(p, &d, head);
	memcpy(p + head, name, len);
	memset(p + head + len, 0, reclen - head - len); /* the NUL and padding */
	b->used += reclen;
	b->pos = next;
	return 0;
}

ssize_t vfs_vnode_getdents(struct ts_file *f, void *buf, size_t len, off_t *pos)
{
	struct dirent_buf b = { .ctx = { put_record }, .buf = buf, .len = len, .pos = *pos };
	struct ts_vnode *vn = f->vn;
	int err;

	if (!TS_S_ISDIR(vn->mode) || !vn->ops->readdir)
		return -ENOTDIR;
	vfs_ns_lock();
	err = vn->ops->readdir(vn, *pos, &b.ctx);
	vfs_ns_unlock();
	*pos = b.pos;
	if (b.used)
		return (ssize_t)b.used;
	if (err)
		return err;
	return b.full ? -EINVAL : 0;
}

ssize_t ts_vfs_getdents64(int fd, void *buf, size_t len)
{
	struct ts_file *f;
	ssize_t r = ts_vfs_file_get(fd, &f);

	if (r)
		return r;
	if (f->flags & TS_O_PATH)
		r = -EBADF;
	else if (!f->ops->getdents)
		r = -ENOTDIR;
	else if (!buf)
		r = -EFAULT;
	else {
		if (len > VFS_RW_MAX)
			len = VFS_RW_MAX;
		vfs_lock(&f->lock);
		r = f->ops->getdents(f, buf, len, &f->pos);
		vfs_unlock(&f->lock);
	}
	ts_file_put(f);
	return r;
}
