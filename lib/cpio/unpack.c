/* unpack.c: a checked newc archive into the VFS through ts_vfs_* calls (files, directories, links). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/cpio.h>
#include <ts/vfs.h>

#define PERM_BITS 07777

/* A directory whose time is set after the whole archive is in (adding
 * names to it would change it), or the first name of a hard-linked file. */
struct seen {
	const char *name;
	uint32_t ino, devmajor, devminor, mtime;
};

struct unpack {
	struct seen *dirs, *links;
	size_t ndirs, nlinks, capdirs, caplinks;
	char path[TS_CPIO_NAME_MAX + 1];   /* "/" + an entry's name */
	char from[TS_CPIO_NAME_MAX + 1];   /* "/" + a hard link's first name */
	char target[TS_CPIO_NAME_MAX];     /* a symbolic link's target + NUL */
};

/* Append to a growing array; -ENOMEM when the heap is out. */
static int remember(struct seen **v, size_t *n, size_t *cap, const struct seen *s)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct seen *nv = realloc(*v, ncap * sizeof(**v));
		if (!nv)
			return -ENOMEM;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *s;
	return 0;
}

/* "/" + name, in u->path (names are at most TS_CPIO_NAME_MAX - 1 bytes). */
static const char *abspath(struct unpack *u, const char *name)
{
	u->path[0] = '/';
	strcpy(u->path + 1, name);
	return u->path;
}

/* Create the missing directories above name (mode 0755), as mkdir -p. */
static int make_parents(struct unpack *u, const char *name)
{
	char *p = (char *)abspath(u, name);

	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		int r = ts_vfs_mkdirat(TS_AT_FDCWD, p, 0755);
		*s = '/';
		if (r < 0 && r != -EEXIST)
			return r;
	}
	return 0;
}

/* Run op on name; if a parent directory is missing, create parents and retry. */
#define WITH_PARENTS(u, name, call) \
	({ int r_ = (call); if (r_ == -ENOENT && (r_ = make_parents(u, name)) == 0) r_ = (call); r_; })

static int set_mtime(const char *path, uint32_t mtime, int flags)
{
	struct ts_timespec t[2] = { { 0, TS_UTIME_OMIT }, { mtime, 0 } };

	return ts_vfs_utimensat(TS_AT_FDCWD, path, t, flags);
}

/* Write the data, replacing what the file held. */
static int write_data(const char *path, const struct ts_cpio_entry *e, int flags)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_TRUNC | flags,
			       e->mode & PERM_BITS);
	const char *p = e->data;
	size_t left = e->size;

	if (fd < 0)
		return fd;
	while (left) {
		ssize_t n = ts_vfs_write(fd, p, left);
		if (n <= 0) {
			ts_vfs_close(fd);
			return n < 0 ? (int)n : -ENOSPC;
		}
		p += n;
		left -= (size_t)n;
	}
	return ts_vfs_close(fd);
}

/* A second name of a file already unpacked (same inode and device). */
static const struct seen *find_link(const struct unpack *u, const struct ts_cpio_entry *e)
{
	for (size_t i = 0; i < u->nlinks; i++)
		if (u->links[i].ino == e->ino && u->links[i].devmajor == e->devmajor &&
		    u->links[i].devminor == e->devminor)
			return &u->links[i];
	return NULL;
}

static int unpack_file(struct unpack *u, const struct ts_cpio_entry *e)
{
	struct seen s = { e->name, e->ino, e->devmajor, e->devminor, e->mtime };
	const struct seen *first = e->nlink > 1 ? find_link(u, e) : NULL;
	int r;

	if (first) {
		u->from[0] = '/';
		strcpy(u->from + 1, first->name);
		ts_vfs_unlinkat(TS_AT_FDCWD, abspath(u, e->name), 0); /* replace, as cpio -i -u */
		r = WITH_PARENTS(u, e->name, ts_vfs_linkat(TS_AT_FDCWD, u->from, TS_AT_FDCWD,
							     abspath(u, e->name), 0));
		if (r < 0 || e->size == 0)
			return r;
		r = write_data(abspath(u, e->name), e, 0);
	} else {
		r = WITH_PARENTS(u, e->name, write_data(abspath(u, e->name), e, TS_O_CREAT));
		if (r == 0 && e->nlink > 1)
			r = remember(&u->links, &u->nlinks, &u->caplinks, &s);
	}
	if (r == 0)
		r = ts_vfs_fchmodat(TS_AT_FDCWD, abspath(u, e->name), e->mode & PERM_BITS, 0);
	return r ? r : set_mtime(abspath(u, e->name), e->mtime, 0);
}

static int unpack_dir(struct unpack *u, const struct ts_cpio_entry *e)
{
	struct seen s = { e->name, e->ino, e->devmajor, e->devminor, e->mtime };
	const char *path = abspath(u, e->name);
	int r = *e->name ? WITH_PARENTS(u, e->name, ts_vfs_mkdirat(TS_AT_FDCWD, path, 0700)) : 0;

	if (r == -EEXIST)
		r = 0; /* made as a parent before, or given twice: take this mode */
	if (r == 0)
		r = ts_vfs_fchmodat(TS_AT_FDCWD, abspath(u, e->name), e->mode & PERM_BITS, 0);
	return r ? r : remember(&u->dirs, &u->ndirs, &u->capdirs, &s);
}

static int unpack_symlink(struct unpack *u, const struct ts_cpio_entry *e)
{
	int r;

	memcpy(u->target, e->data, e->size); /* the reader bounds it below TS_CPIO_NAME_MAX */
	u->target[e->size] = '\0';
	ts_vfs_unlinkat(TS_AT_FDCWD, abspath(u, e->name), 0);
	r = WITH_PARENTS(u, e->name, ts_vfs_symlinkat(u->target, TS_AT_FDCWD, abspath(u, e->name)));
	return r ? r : set_mtime(abspath(u, e->name), e->mtime, TS_AT_SYMLINK_NOFOLLOW);
}

static int unpack_entry(struct unpack *u, const struct ts_cpio_entry *e)
{
	switch (e->mode & TS_CPIO_S_IFMT) {
	case TS_CPIO_S_IFDIR:
		return unpack_dir(u, e);
	case TS_CPIO_S_IFLNK:
		return unpack_symlink(u, e);
	default: /* the reader lets only regular files through otherwise */
		return unpack_file(u, e);
	}
}

/* Directory times last, deepest first (the reverse of archive order). */
static int set_dir_times(struct unpack *u)
{
	for (size_t i = u->ndirs; i-- > 0;) {
		int r = set_mtime(abspath(u, u->dirs[i].name), u->dirs[i].mtime, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

int ts_cpio_unpack(const void *buf, size_t size, struct ts_cpio_error *err)
{
	struct unpack *u = calloc(1, sizeof(*u));
	struct ts_cpio c;
	struct ts_cpio_entry e;
	int r;

	*err = (struct ts_cpio_error){ "out of memory", NULL, 0, -ENOMEM };
	if (!u)
		return -ENOMEM;
	ts_cpio_init(&c, buf, size);
	while ((r = ts_cpio_next(&c, &e)) > 0) {
		r = unpack_entry(u, &e);
		if (r < 0) {
			*err = (struct ts_cpio_error){ "cannot create", e.name, e.offset, r };
			break;
		}
	}
	if (r < 0 && c.err)
		*err = (struct ts_cpio_error){ c.err, NULL, c.err_offset, r };
	if (r == 0 && (r = set_dir_times(u)) < 0)
		*err = (struct ts_cpio_error){ "cannot set a directory's time", NULL, size, r };
	free(u->dirs);
	free(u->links);
	free(u);
	return r;
}
