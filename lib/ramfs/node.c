/* node.c: ramfs nodes — creation, freeing, attributes, symbolic link targets. */
#include <errno.h>
#include <string.h>
#include "ramfs.h"

struct ramfs_node *ramfs_node_new(struct ts_mount *mnt, mode_t mode)
{
	struct ramfs *fs = mnt->priv;
	struct ramfs_node *n = ramfs_zalloc(sizeof(*n));

	if (!n)
		return NULL;
	ts_vnode_init(&n->vn, &ramfs_vnode_ops, mnt, fs->next_ino++, mode);
	ts_vfs_now(&n->mtime);
	n->atime = n->ctime = n->mtime;
	if (TS_S_ISDIR(mode))
		n->u.dir.next_pos = 2;
	return n;
}

void ramfs_node_free(struct ramfs_node *n)
{
	if (TS_S_ISREG(n->vn.mode))
		ramfs_pages_trim(&n->u.pages, 0);
	else if (TS_S_ISLNK(n->vn.mode))
		ramfs_free(n->u.target);
	else if (TS_S_ISDIR(n->vn.mode))
		TS_ASSERT(!n->u.dir.head);
	ramfs_free(n);
}

void ramfs_touch(struct ramfs_node *n, int mtime)
{
	ts_vfs_now(&n->ctime);
	if (mtime)
		n->mtime = n->ctime;
}

void ramfs_inactive(struct ts_vnode *vn)
{
	struct ramfs_node *n = ramfs_node(vn);

	/* linked nodes live in their directory; the others end here */
	if (!n->nlink)
		ramfs_node_free(n);
}

ssize_t ramfs_readlink(struct ts_vnode *vn, char *buf, size_t size)
{
	struct ramfs_node *n = ramfs_node(vn);
	size_t len = (size_t)vn->size;

	memcpy(buf, n->u.target, len < size ? len : size);
	return (ssize_t)len;
}

/* tmpfs's convention: a directory's size is 20 bytes per entry, "." and
 * ".." included. */
#define DIRENT_SIZE 20

int ramfs_getattr(struct ts_vnode *vn, struct ts_stat *st)
{
	struct ramfs_node *n = ramfs_node(vn);

	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = n->nlink;
	st->st_blksize = RAMFS_PAGE;
	if (TS_S_ISDIR(vn->mode)) {
		st->st_size = (int64_t)(n->u.dir.count + 2) * DIRENT_SIZE;
	} else {
		st->st_size = vn->size;
		if (TS_S_ISREG(vn->mode))
			st->st_blocks = (int64_t)n->u.pages.count * (RAMFS_PAGE / 512);
	}
	st->st_atim = n->atime;
	st->st_mtim = n->mtime;
	st->st_ctim = n->ctime;
	return 0;
}

int ramfs_setattr(struct ts_vnode *vn, const struct ts_vattr *va)
{
	struct ramfs_node *n = ramfs_node(vn);

	if (va->mask & TS_VATTR_MODE)
		vn->mode = (vn->mode & TS_S_IFMT) | (va->mode & TS_S_IALLUGO);
	if (va->mask & TS_VATTR_ATIME)
		n->atime = va->atime;
	if (va->mask & TS_VATTR_MTIME)
		n->mtime = va->mtime;
	ramfs_touch(n, 0);
	return 0;
}
