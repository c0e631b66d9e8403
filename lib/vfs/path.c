/* path.c: path walks — ".", "..", mounts, symbolic links and trailing slashes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_private.h"

/* State of one walk. */
struct walk {
	struct ts_vnode *cur; /* the directory reached so far (referenced) */
	const char *rest;     /* what is left of the path */
	char *bufs;           /* two halves of TS_VFS_PATH_MAX bytes, made at the first link */
	int half;             /* the half rest lies in */
	int links;            /* symbolic links followed */
	int flags;
};

static int is_dot(const char *s, size_t n)
{
	return n == 1 && s[0] == '.';
}

static int is_dotdot(const char *s, size_t n)
{
	return n == 2 && s[0] == '.' && s[1] == '.';
}

static const char *skip_slashes(const char *s)
{
	while (*s == '/')
		s++;
	return s;
}

static void set_cur(struct walk *w, struct ts_vnode *vn)
{
	vfs_vnode_put(w->cur);
	w->cur = vn;
}

/*
 * Continue the walk through the symbolic link: the rest of the path
 * becomes link's target followed by after (what followed the link's name).
 * A relative target is walked from the current directory, an absolute one
 * from "/".
 */
static int follow(struct walk *w, struct ts_vnode *link, const char *after)
{
	size_t tlen, alen = strlen(after);
	char *dst;
	ssize_t n;

	if (w->links++ >= VFS_MAX_SYMLINKS)
		return -ELOOP;
	if (!link->ops->readlink)
		return -EIO;
	if (!w->bufs) {
		w->bufs = malloc(2 * TS_VFS_PATH_MAX);
		if (!w->bufs)
			return -ENOMEM;
		w->half = 1; /* rest still points into the caller's path */
	}
	dst = w->bufs + (w->half ? 0 : TS_VFS_PATH_MAX);
	n = link->ops->readlink(link, dst, TS_VFS_PATH_MAX);
	if (n < 0)
		return (int)n;
	tlen = (size_t)n;
	if (tlen + alen >= TS_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(dst + tlen, after, alen + 1);
	w->half = !w->half;
	w->rest = dst;
	if (dst[0] == '/') {
		struct ts_vnode *root = vfs_root();

		ts_vnode_ref(root);
		set_cur(w, root);
	}
	return 0;
}

/* The entry name of the directory cur, referenced, not entered if a mount
 * point. "." and ".." are resolved here. */
static int step(struct ts_vnode *cur, const char *name, size_t len, struct ts_vnode **out)
{
	if (is_dot(name, len)) {
		ts_vnode_ref(cur);
		*out = cur;
		return 0;
	}
	if (is_dotdot(name, len))
		return vfs_dotdot(cur, out);
	if (!cur->ops->lookup)
		return -ENOTDIR;
	return cur->ops->lookup(cur, name, len, out);
}

static int last_type(const char *name, size_t len)
{
	if (is_dot(name, len))
		return VFS_LAST_DOT;
	if (is_dotdot(name, len))
		return VFS_LAST_DOTDOT;
	return VFS_LAST_NORM;
}

/*
 * The last component with VFS_PARENT: p gets the directory and the name,
 * and the object when it exists. Returns 1 when a symbolic link was
 * followed and the walk goes on, 0 when done, or -errno.
 */
static int finish_parent(struct walk *w, const char *name, size_t len, const char *after,
			 int slash, struct vfs_path *p)
{
	struct ts_vnode *vn = NULL;
	int err = step(w->cur, name, len, &vn);

	if (err == -ENOENT)
		vn = NULL;
	else if (err)
		return err;
	p->last_type = last_type(name, len);
	if (vn && p->last_type == VFS_LAST_NORM && TS_S_ISLNK(vn->mode) && (w->flags & VFS_FOLLOW)
	    && !slash) {
		err = follow(w, vn, after);
		vfs_vnode_put(vn);
		return err ? err : 1;
	}
	p->dir = w->cur;
	w->cur = NULL;
	p->vn = vn;
	p->last = name;
	p->lastlen = len;
	p->slash = slash;
	return 0;
}

/* One component. Returns 1 to go on, 0 when the walk is done, or -errno. */
static int walk_one(struct walk *w, struct vfs_path *p)
{
	const char *name = skip_slashes(w->rest), *after, *next;
	struct ts_vnode *vn;
	size_t len;
	int last, slash, err;

	if (!*name) {
		/* only slashes left: the object is the current directory */
		ts_vnode_ref(w->cur);
		if (w->flags & VFS_PARENT) {
			ts_vnode_ref(w->cur);
			p->dir = w->cur;
			p->last_type = VFS_LAST_ROOT;
			p->last = "/";
			p->lastlen = 1;
		}
		p->vn = w->cur;
		return 0;
	}
	for (after = name; *after && *after != '/'; after++)
		;
	len = (size_t)(after - name);
	if (len > TS_VFS_NAME_MAX)
		return -ENAMETOOLONG;
	next = skip_slashes(after);
	last = !*next;
	slash = last && after != next;
	if (!TS_S_ISDIR(w->cur->mode))
		return -ENOTDIR;
	if (last && (w->flags & VFS_PARENT))
		return finish_parent(w, name, len, after, slash, p);

	err = step(w->cur, name, len, &vn);
	if (err)
		return err;
	if (TS_S_ISLNK(vn->mode) && (!last || (w->flags & VFS_FOLLOW) || slash)) {
		err = follow(w, vn, after);
		vfs_vnode_put(vn);
		return err ? err : 1;
	}
	vfs_enter_mounts(&vn);
	set_cur(w, vn);
	w->rest = after;
	if (!last)
		return 1;
	if (slash && !TS_S_ISDIR(vn->mode))
		return -ENOTDIR;
	ts_vnode_ref(vn);
	p->vn = vn;
	p->slash = slash;
	return 0;
}

int vfs_resolve(struct ts_vnode *start, const char *path, int flags, struct vfs_path *p)
{
	struct walk w = { .rest = path, .flags = flags };
	struct ts_vnode *root = vfs_root();
	int err;

	memset(p, 0, sizeof(*p));
	if (strnlen(path, TS_VFS_PATH_MAX) >= TS_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!root)
		return -ENOENT;
	if (path[0] == '/')
		w.cur = root;
	else
		w.cur = start ? start : vfs_cwd();
	if (!path[0]) {
		if (!(flags & VFS_EMPTY_PATH) || (flags & VFS_PARENT))
			return -ENOENT;
		ts_vnode_ref(w.cur);
		p->vn = w.cur;
		return 0;
	}
	ts_vnode_ref(w.cur);
	do
		err = walk_one(&w, p);
	while (err == 1);
	if (w.cur)
		vfs_vnode_put(w.cur);
	if (err) {
		free(w.bufs);
		vfs_path_put(p);
		return err;
	}
	p->buf = w.bufs;
	return 0;
}

void vfs_path_put(struct vfs_path *p)
{
	if (p->dir)
		vfs_vnode_put(p->dir);
	if (p->vn)
		vfs_vnode_put(p->vn);
	free(p->buf);
	memset(p, 0, sizeof(*p));
}

int vfs_dirfile_get(int dirfd, const char *path, int empty_ok, struct ts_file **out)
{
	struct ts_file *f;
	int err;

	*out = NULL;
	if (!path)
		return -EFAULT;
	if (path[0] == '/' || dirfd == TS_AT_FDCWD || (!path[0] && !empty_ok))
		return 0; /* no start needed (or "" is -ENOENT anyway) */
	err = ts_vfs_file_get(dirfd, &f);
	if (err)
		return err;
	if (!f->vn || (!TS_S_ISDIR(f->vn->mode) && !(empty_ok && !path[0]))) {
		ts_file_put(f);
		return -ENOTDIR;
	}
	*out = f;
	return 0;
}

int vfs_at(int dirfd, const char *path, int flags, int (*fn)(struct vfs_path *p, void *arg),
	   void *arg)
{
	struct vfs_path p;
	struct ts_file *df;
	int err = vfs_dirfile_get(dirfd, path, flags & VFS_EMPTY_PATH, &df);

	if (err)
		return err;
	vfs_ns_lock();
	err = vfs_resolve(df ? df->vn : NULL, path, flags, &p);
	if (!err) {
		err = fn(&p, arg);
		vfs_path_put(&p);
	}
	vfs_ns_unlock();
	if (df)
		ts_file_put(df);
	return err;
}

int vfs_at2(int olddirfd, const char *oldpath, int oflags, int newdirfd, const char *newpath,
	    int nflags, int (*fn)(struct vfs_path *op, struct vfs_path *np, void *arg), void *arg)
{
	struct vfs_path op, np;
	struct ts_file *odf, *ndf;
	int err = vfs_dirfile_get(olddirfd, oldpath, oflags & VFS_EMPTY_PATH, &odf);

	if (err)
		return err;
	err = vfs_dirfile_get(newdirfd, newpath, nflags & VFS_EMPTY_PATH, &ndf);
	if (err)
		goto put_odf;
	vfs_ns_lock();
	err = vfs_resolve(odf ? odf->vn : NULL, oldpath, oflags, &op);
	if (!err) {
		err = vfs_resolve(ndf ? ndf->vn : NULL, newpath, nflags, &np);
		if (!err) {
			err = fn(&op, &np, arg);
			vfs_path_put(&np);
		}
		vfs_path_put(&op);
	}
	vfs_ns_unlock();
	if (ndf)
		ts_file_put(ndf);
put_odf:
	if (odf)
		ts_file_put(odf);
	return err;
}
