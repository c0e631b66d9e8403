/* fdtable.c: the instance's file-descriptor table (lowest free number first). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_private.h"

struct fd_slot {
	struct ts_file *file;
	unsigned char cloexec;
	unsigned char reserved; /* taken by an open in progress; file still NULL */
};

/* Guards the table only: nothing else is locked or called while held,
 * except the allocator. */
static struct ts_mutex fdt_lock = TS_MUTEX_INIT;
static struct fd_slot *slots;
static int nslots;

/* Make slot fd exist (fd < VFS_MAX_FDS). */
static int grow(int fd)
{
	struct fd_slot *s;
	int n = nslots ? nslots : 16;

	if (fd < nslots)
		return 0;
	while (n <= fd)
		n *= 2;
	if (n > VFS_MAX_FDS)
		n = VFS_MAX_FDS;
	s = realloc(slots, (size_t)n * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memset(s + nslots, 0, (size_t)(n - nslots) * sizeof(*s));
	slots = s;
	nslots = n;
	return 0;
}

static int is_free(int fd)
{
	return !slots[fd].file && !slots[fd].reserved;
}

static int is_open(int fd)
{
	return fd >= 0 && fd < nslots && slots[fd].file;
}

/* The lowest free descriptor >= min, its slot existing. */
static int find_free(int min)
{
	int fd, err;

	for (fd = min; fd < nslots; fd++)
		if (is_free(fd))
			return fd;
	if (fd >= VFS_MAX_FDS)
		return -EMFILE;
	err = grow(fd);
	return err ? err : fd;
}

static int take(int min, struct ts_file *f, int cloexec, int reserve)
{
	int fd;

	if (min < 0 || min >= VFS_MAX_FDS)
		return -EINVAL;
	vfs_lock(&fdt_lock);
	fd = find_free(min);
	if (fd >= 0) {
		slots[fd].file = f;
		slots[fd].cloexec = cloexec != 0;
		slots[fd].reserved = reserve;
	}
	vfs_unlock(&fdt_lock);
	return fd;
}

int vfs_fd_alloc(struct ts_file *f, int min, int cloexec)
{
	return take(min, f, cloexec, 0);
}

int vfs_fd_reserve(int cloexec)
{
	return take(0, NULL, cloexec, 1);
}

void vfs_fd_fill(int fd, struct ts_file *f)
{
	vfs_lock(&fdt_lock);
	TS_ASSERT(slots[fd].reserved);
	slots[fd].file = f;
	slots[fd].reserved = 0;
	vfs_unlock(&fdt_lock);
}

void vfs_fd_unreserve(int fd)
{
	vfs_lock(&fdt_lock);
	TS_ASSERT(slots[fd].reserved);
	slots[fd].reserved = 0;
	vfs_unlock(&fdt_lock);
}

int vfs_fd_replace(int newfd, struct ts_file *f, int cloexec)
{
	struct ts_file *old = NULL;
	int err;

	if (newfd < 0 || newfd >= VFS_MAX_FDS)
		return -EBADF;
	vfs_lock(&fdt_lock);
	err = grow(newfd);
	if (!err && slots[newfd].reserved)
		err = -EBUSY; /* an open is filling it (Linux says the same) */
	if (!err) {
		old = slots[newfd].file;
		ts_file_get(f);
		slots[newfd].file = f;
		slots[newfd].cloexec = cloexec != 0;
	}
	vfs_unlock(&fdt_lock);
	if (old)
		ts_file_put(old); /* outside the lock: it may take others */
	return err ? err : newfd;
}

int vfs_fd_remove(int fd, struct ts_file **out)
{
	int err = -EBADF;

	vfs_lock(&fdt_lock);
	if (is_open(fd)) {
		*out = slots[fd].file;
		slots[fd].file = NULL;
		err = 0;
	}
	vfs_unlock(&fdt_lock);
	return err;
}

int vfs_fd_cloexec(int fd)
{
	int r = -EBADF;

	vfs_lock(&fdt_lock);
	if (is_open(fd))
		r = slots[fd].cloexec;
	vfs_unlock(&fdt_lock);
	return r;
}

int vfs_fd_set_cloexec(int fd, int on)
{
	int err = -EBADF;

	vfs_lock(&fdt_lock);
	if (is_open(fd)) {
		slots[fd].cloexec = on != 0;
		err = 0;
	}
	vfs_unlock(&fdt_lock);
	return err;
}

int ts_vfs_file_get(int fd, struct ts_file **out)
{
	int err = -EBADF;

	vfs_lock(&fdt_lock);
	if (is_open(fd)) {
		*out = slots[fd].file;
		ts_file_get(*out);
		err = 0;
	}
	vfs_unlock(&fdt_lock);
	return err;
}

int ts_vfs_close(int fd)
{
	struct ts_file *f;
	int err = vfs_fd_remove(fd, &f);

	if (!err)
		ts_file_put(f);
	return err;
}

int ts_vfs_fd_next(int from)
{
	int fd = from < 0 ? 0 : from;

	vfs_lock(&fdt_lock);
	while (fd < nslots && !slots[fd].file)
		fd++;
	if (fd >= nslots)
		fd = -ENOENT;
	vfs_unlock(&fdt_lock);
	return fd;
}
