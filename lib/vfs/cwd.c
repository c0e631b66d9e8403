/* cwd.c: the working directory — chdir, fchdir, getcwd. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_private.h"

static struct ts_vnode *cwd; /* referenced; NULL: the root */

struct ts_vnode *vfs_cwd(void)
{
	return cwd ? cwd : vfs_root();
}

/* Make vn (a new reference is taken) the working directory. */
static int set_cwd(struct ts_vnode *vn)
{
	if (!TS_S_ISDIR(vn->mode))
		return -ENOTDIR;
	ts_vnode_ref(vn);
	if (cwd)
		vfs_vnode_put(cwd);
	cwd = vn;
	return 0;
}

static int chdir_to(struct vfs_path *p, void *arg)
{
	(void)arg;
	return set_cwd(p->vn);
}

int ts_vfs_chdir(const char *path)
{
	return vfs_at(TS_AT_FDCWD, path, VFS_FOLLOW, chdir_to, NULL);
}

int ts_vfs_fchdir(int fd)
{
	struct ts_file *f;
	int err = ts_vfs_file_get(fd, &f);

	if (err)
		return err;
	if (f->vn) {
		vfs_ns_lock();
		err = set_cwd(f->vn);
		vfs_ns_unlock();
	} else {
		err = -ENOTDIR;
	}
	ts_file_put(f);
	return err;
}

/* Finds the name under which a directory lists a given inode. */
struct name_search {
	struct ts_dir_ctx ctx;
	uint64_t ino;
	char name[TS_VFS_NAME_MAX + 1];
	size_t len;
};

static int match_ino(struct ts_dir_ctx *ctx, const char *name, size_t len, uint64_t ino,
		     unsigned int dtype, off_t next)
{
	struct name_search *s = (struct name_search *)ctx;

	(void)dtype;
	(void)next;
	if (ino != s->ino || (len == 1 && name[0] == '.') || (len == 2 && !memcmp(name, "..", 2)))
		return 0;
	memcpy(s->name, name, len);
	s->len = len;
	return 1;
}

/*
 * One step up from vn (referenced; replaced by its parent, referenced):
 * prepend "/name" to the path that ends at buf + *pos. Mount roots are
 * left through the directory they cover first.
 */
static int prepend_parent(struct ts_vnode **vn, char *buf, size_t *pos)
{
	struct name_search s = { .ctx = { match_ino } };
	struct ts_vnode *dir = *vn, *parent;
	int err;

	while (dir == dir->mount->root && dir->mount->covered)
		dir = dir->mount->covered;
	if (!dir->ops->lookup || !dir->ops->readdir)
		return -ENOENT;
	err = dir->ops->lookup(dir, "..", 2, &parent);
	if (err)
		return err; /* removed: -ENOENT */
	s.ino = dir->ino;
	err = parent->ops->readdir(parent, 0, &s.ctx);
	if (!err && !s.len)
		err = -ENOENT;
	if (!err && *pos < s.len + 1)
		err = -ENAMETOOLONG;
	if (err) {
		vfs_vnode_put(parent);
		return err;
	}
	*pos -= s.len;
	memcpy(buf + *pos, s.name, s.len);
	buf[--*pos] = '/';
	vfs_vnode_put(*vn);
	*vn = parent;
	return 0;
}

/* Build directory vn's path at the end of buf (TS_VFS_PATH_MAX bytes);
 * its start in *pos. */
static int dir_path(struct ts_vnode *vn, char *buf, size_t *pos)
{
	struct ts_vnode *root = vfs_root();
	int err = 0;

	*pos = TS_VFS_PATH_MAX - 1;
	buf[*pos] = '\0';
	if (!vn)
		return -ENOENT;
	ts_vnode_ref(vn);
	while (!err && vn != root) {
		struct ts_vnode *bottom = vn;

		while (bottom == bottom->mount->root && bottom->mount->covered)
			bottom = bottom->mount->covered;
		if (bottom == bottom->mount->root)
			break; /* the root filesystem's root under mounts on "/" */
		err = prepend_parent(&vn, buf, pos);
	}
	vfs_vnode_put(vn);
	if (!err && *pos == TS_VFS_PATH_MAX - 1)
		buf[--*pos] = '/';
	return err;
}

ssize_t ts_vfs_getcwd(char *buf, size_t size)
{
	ssize_t r;

	if (!buf)
		return -EFAULT;
	vfs_ns_lock();
	r = ts_vfs_dir_path_locked(NULL, buf, size);
	vfs_ns_unlock();
	return r;
}

ssize_t ts_vfs_dir_path_locked(struct ts_vnode *dir, char *buf, size_t size)
{
	char *tmp;
	size_t pos, len;
	int err;

	if (!dir)
		dir = vfs_cwd();
	if (!dir)
		return -ENOENT; /* no root filesystem */
	if (!TS_S_ISDIR(dir->mode))
		return -ENOTDIR;
	tmp = malloc(TS_VFS_PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	err = dir_path(dir, tmp, &pos);
	len = TS_VFS_PATH_MAX - pos; /* with the NUL */
	if (!err && size < len)
		err = -ERANGE;
	if (!err)
		memcpy(buf, tmp + pos, len);
	free(tmp);
	return err ? err : (ssize_t)len;
}
