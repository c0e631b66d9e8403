/* dup.c: duplicating descriptors (dup, dup2, dup3) and fcntl. */
#include <errno.h>
#include "vfs_private.h"

/* Status flags F_SETFL may change (as on Linux). */
#define SETFL_FLAGS (TS_O_APPEND | TS_O_NONBLOCK | TS_O_ASYNC | TS_O_DIRECT | TS_O_NOATIME)

/* A new descriptor >= min for fd's file. */
static int dup_from(int fd, int min, int cloexec)
{
	struct ts_file *f;
	int r = ts_vfs_file_get(fd, &f);

	if (r)
		return r;
	r = vfs_fd_alloc(f, min, cloexec);
	if (r < 0)
		ts_file_put(f);
	return r;
}

int ts_vfs_dup(int fd)
{
	return dup_from(fd, 0, 0);
}

int ts_vfs_dup3(int oldfd, int newfd, int flags)
{
	struct ts_file *f;
	int r;

	if ((flags & ~TS_O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	r = ts_vfs_file_get(oldfd, &f);
	if (r)
		return r;
	r = vfs_fd_replace(newfd, f, flags & TS_O_CLOEXEC);
	ts_file_put(f);
	return r;
}

int ts_vfs_dup2(int oldfd, int newfd)
{
	struct ts_file *f;
	int r;

	if (oldfd != newfd)
		return ts_vfs_dup3(oldfd, newfd, 0);
	r = ts_vfs_file_get(oldfd, &f);
	if (r)
		return r;
	ts_file_put(f);
	return newfd;
}

/* F_SETFL: under the file's lock, as read and write look at the flags. */
static int set_status_flags(int fd, unsigned long arg)
{
	struct ts_file *f;
	int r = ts_vfs_file_get(fd, &f);

	if (r)
		return r;
	if (f->flags & TS_O_PATH) {
		r = -EBADF;
	} else {
		vfs_lock(&f->lock);
		__atomic_store_n(&f->flags, (f->flags & ~SETFL_FLAGS) | ((unsigned int)arg & SETFL_FLAGS),
				 __ATOMIC_RELAXED);
		vfs_unlock(&f->lock);
	}
	ts_file_put(f);
	return r;
}

static int get_status_flags(int fd)
{
	struct ts_file *f;
	int r = ts_vfs_file_get(fd, &f);

	if (r)
		return r;
	r = (int)__atomic_load_n(&f->flags, __ATOMIC_RELAXED);
	ts_file_put(f);
	return r;
}

/* Commands of one kind of file (F_GETPIPE_SZ, ...): its own handler. */
static int file_fcntl(int fd, int cmd, unsigned long arg)
{
	struct ts_file *f;
	long r = ts_vfs_file_get(fd, &f);

	if (r)
		return (int)r;
	r = f->ops->fcntl ? f->ops->fcntl(f, cmd, arg) : -EINVAL;
	ts_file_put(f);
	return (int)r;
}

int ts_vfs_fcntl(int fd, int cmd, unsigned long arg)
{
	int r;

	switch (cmd) {
	case TS_F_DUPFD:
	case TS_F_DUPFD_CLOEXEC:
		if (arg >= (unsigned long)VFS_MAX_FDS) {
			r = vfs_fd_cloexec(fd); /* -EBADF comes first */
			return r < 0 ? r : -EINVAL;
		}
		return dup_from(fd, (int)arg, cmd == TS_F_DUPFD_CLOEXEC);
	case TS_F_GETFD:
		r = vfs_fd_cloexec(fd);
		return r > 0 ? TS_FD_CLOEXEC : r;
	case TS_F_SETFD:
		return vfs_fd_set_cloexec(fd, (arg & TS_FD_CLOEXEC) != 0);
	case TS_F_GETFL:
		return get_status_flags(fd);
	case TS_F_SETFL:
		return set_status_flags(fd, arg);
	default:
		return file_fcntl(fd, cmd, arg);
	}
}
