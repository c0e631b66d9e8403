/* rw.c: reading, writing and positioning through descriptors. */
#include <errno.h>
#include <ts/hooks.h>
#include "vfs_private.h"

/* At most this many buffers in readv/writev (Linux's UIO_MAXIOV). */
#define VFS_IOV_MAX 1024

/* Linux's generic ioctls, which act on the descriptor, not the file. */
#define VFS_FIONBIO  0x5421
#define VFS_FIONCLEX 0x5450
#define VFS_FIOCLEX  0x5451

/* fd's file for I/O: -EBADF for a TS_O_PATH descriptor. */
static int io_file(int fd, struct ts_file **f)
{
	int err = ts_vfs_file_get(fd, f);

	if (!err && ((*f)->flags & TS_O_PATH)) {
		ts_file_put(*f);
		err = -EBADF;
	}
	return err;
}

/* A file with a seek operation has a position, guarded by its lock. */
static int has_pos(const struct ts_file *f)
{
	return f->ops->seek != NULL;
}

/* One transfer of up to n bytes at *pos (the file's position, or the
 * caller's copy), in the direction the caller checked is allowed. */
static ssize_t transfer(struct ts_file *f, int write, void *buf, size_t n, off_t *pos)
{
	ssize_t r;

	if (n > VFS_RW_MAX)
		n = VFS_RW_MAX;
	if (!write)
		return f->ops->read ? f->ops->read(f, buf, n, pos) : -EINVAL;
	if (!f->ops->write)
		return -EINVAL;
	r = f->ops->write(f, buf, n, pos);
	/* Shared mappings of the file show the bytes at once (the write
	 * ended at *pos, also when O_APPEND moved it to the end). */
	if (r > 0 && f->vn && ts_mem_file_written_hook)
		ts_mem_file_written_hook(f->vn, (uint64_t)*pos - (uint64_t)r, buf, (size_t)r);
	return r;
}

/* Check that the descriptor allows the direction. */
static int may_transfer(const struct ts_file *f, int write)
{
	return (write ? vfs_writable(f) : vfs_readable(f)) ? 0 : -EBADF;
}

/* ... and that the buffer exists. */
static int may_transfer_buf(const struct ts_file *f, int write, const void *buf, size_t n)
{
	int err = may_transfer(f, write);

	return !err && !buf && n ? -EFAULT : err;
}

/* read/write at the file position (or, for files without one, nowhere). */
static ssize_t rw(int fd, int write, void *buf, size_t n)
{
	struct ts_file *f;
	off_t none = 0;
	ssize_t r = io_file(fd, &f);

	if (r)
		return r;
	r = may_transfer_buf(f, write, buf, n);
	if (!r && n) {
		if (has_pos(f)) {
			vfs_lock(&f->lock);
			r = transfer(f, write, buf, n, &f->pos);
			vfs_unlock(&f->lock);
		} else {
			r = transfer(f, write, buf, n, &none);
		}
	}
	ts_file_put(f);
	return r;
}

ssize_t ts_vfs_read(int fd, void *buf, size_t n)
{
	return rw(fd, 0, buf, n);
}

ssize_t ts_vfs_write(int fd, const void *buf, size_t n)
{
	return rw(fd, 1, (void *)buf, n);
}

/* pread/pwrite: at off, the position untouched. */
static ssize_t prw(int fd, int write, void *buf, size_t n, off_t off)
{
	struct ts_file *f;
	ssize_t r;

	if (off < 0)
		return -EINVAL;
	r = io_file(fd, &f);
	if (r)
		return r;
	r = may_transfer_buf(f, write, buf, n);
	if (!r && !has_pos(f))
		r = -ESPIPE;
	if (!r && n)
		r = transfer(f, write, buf, n, &off);
	ts_file_put(f);
	return r;
}

ssize_t ts_vfs_pread(int fd, void *buf, size_t n, off_t off)
{
	return prw(fd, 0, buf, n, off);
}

ssize_t ts_vfs_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return prw(fd, 1, (void *)buf, n, off);
}

/* Check iov and its total length (at most VFS_RW_MAX, as Linux caps it). */
static int check_iov(const struct ts_iovec *iov, int iovcnt)
{
	size_t total = 0;

	if (iovcnt < 0 || iovcnt > VFS_IOV_MAX)
		return -EINVAL;
	if (iovcnt && !iov)
		return -EFAULT;
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)INT64_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
		if (!iov[i].iov_base && iov[i].iov_len)
			return -EFAULT;
	}
	return 0;
}

/* Buffers one after the other under one hold of the position: stops at
 * the first short transfer; an error after some bytes returns the bytes. */
static ssize_t rwv_at(struct ts_file *f, int write, const struct ts_iovec *iov, int iovcnt,
		      off_t *pos)
{
	size_t done = 0;

	for (int i = 0; i < iovcnt; i++) {
		size_t n = iov[i].iov_len;
		ssize_t r;

		if (!n)
			continue;
		if (n > VFS_RW_MAX - done)
			n = VFS_RW_MAX - done;
		r = transfer(f, write, iov[i].iov_base, n, pos);
		if (r < 0)
			return done ? (ssize_t)done : r;
		done += (size_t)r;
		if ((size_t)r < n || done >= VFS_RW_MAX)
			break;
	}
	return (ssize_t)done;
}

static ssize_t rwv(int fd, int write, const struct ts_iovec *iov, int iovcnt)
{
	struct ts_file *f;
	off_t none = 0;
	ssize_t r = check_iov(iov, iovcnt);

	if (r)
		return r;
	r = io_file(fd, &f);
	if (r)
		return r;
	r = may_transfer(f, write);
	if (!r && has_pos(f)) {
		vfs_lock(&f->lock);
		r = rwv_at(f, write, iov, iovcnt, &f->pos);
		vfs_unlock(&f->lock);
	} else if (!r) {
		r = rwv_at(f, write, iov, iovcnt, &none);
	}
	ts_file_put(f);
	return r;
}

ssize_t ts_vfs_readv(int fd, const struct ts_iovec *iov, int iovcnt)
{
	return rwv(fd, 0, iov, iovcnt);
}

ssize_t ts_vfs_writev(int fd, const struct ts_iovec *iov, int iovcnt)
{
	return rwv(fd, 1, iov, iovcnt);
}

/* lseek on a file without a position: -ESPIPE, or Linux's noop_llseek
 * (0, after the check of whence every lseek makes) for seek_zero files. */
static off_t seek_without_pos(const struct ts_file *f, int whence)
{
	if (!f->ops->seek_zero)
		return -ESPIPE;
	return whence < 0 || whence > TS_SEEK_MAX ? -EINVAL : 0;
}

off_t ts_vfs_lseek(int fd, off_t off, int whence)
{
	struct ts_file *f;
	off_t r = io_file(fd, &f);

	if (r)
		return r;
	if (!has_pos(f)) {
		r = seek_without_pos(f, whence);
	} else {
		vfs_lock(&f->lock);
		r = f->ops->seek(f, off, whence, f->pos);
		if (r >= 0)
			f->pos = r;
		vfs_unlock(&f->lock);
	}
	ts_file_put(f);
	return r;
}

int ts_vfs_ftruncate(int fd, off_t len)
{
	struct ts_file *f;
	int err;

	if (len < 0)
		return -EINVAL;
	err = io_file(fd, &f);
	if (err)
		return err;
	if (!vfs_writable(f) || !f->ops->truncate)
		err = -EINVAL; /* Linux: not open for writing is -EINVAL here */
	else
		err = f->ops->truncate(f, len);
	ts_file_put(f);
	return err;
}

int ts_vfs_fsync(int fd)
{
	struct ts_file *f;
	int err = io_file(fd, &f);

	if (err)
		return err;
	err = f->ops->fsync ? f->ops->fsync(f) : -EINVAL;
	ts_file_put(f);
	return err;
}

/* Every filesystem here writes a file's size and blocks with its data, so
 * the metadata fsync adds is what fdatasync must write anyway. */
int ts_vfs_fdatasync(int fd)
{
	return ts_vfs_fsync(fd);
}

/* VFS_FIONBIO: *arg nonzero sets TS_O_NONBLOCK. */
static int set_nonblock(struct ts_file *f, const int *arg)
{
	if (!arg)
		return -EFAULT;
	vfs_lock(&f->lock);
	if (*arg)
		__atomic_or_fetch(&f->flags, TS_O_NONBLOCK, __ATOMIC_RELAXED);
	else
		__atomic_and_fetch(&f->flags, ~(unsigned int)TS_O_NONBLOCK, __ATOMIC_RELAXED);
	vfs_unlock(&f->lock);
	return 0;
}

int ts_vfs_ioctl(int fd, unsigned long request, void *arg)
{
	struct ts_file *f;
	int err = io_file(fd, &f);

	if (err)
		return err;
	if (request == VFS_FIOCLEX || request == VFS_FIONCLEX)
		err = vfs_fd_set_cloexec(fd, request == VFS_FIOCLEX);
	else if (request == VFS_FIONBIO)
		err = set_nonblock(f, arg);
	else
		err = f->ops->ioctl ? f->ops->ioctl(f, request, arg) : -ENOTTY;
	ts_file_put(f);
	return err;
}

int ts_vfs_poll(int fd, unsigned int events)
{
	struct ts_file *f;
	int r = io_file(fd, &f);
	unsigned int always = TS_POLLERR | TS_POLLHUP;

	if (r)
		return r;
	events |= always;
	if (f->ops->poll)
		r = (int)f->ops->poll(f, events);
	else
		r = (int)(events & (TS_POLLIN | TS_POLLOUT | TS_POLLRDNORM | TS_POLLWRNORM));
	ts_file_put(f);
	return r;
}
