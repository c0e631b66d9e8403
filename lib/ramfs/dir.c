/* dir.c: ramfs directories — names, links, removal, rename and listing. */
#include <errno.h>
#include <string.h>
#include "ramfs.h"

static struct ramfs_dirent *find(struct ramfs_node *d, const char *name, size_t len)
{
	struct ramfs_dirent *e;

	for (e = d->u.dir.head; e; e = e->next)
		if (e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

/* A new entry name -> node at the end of d: 0 or -ENOMEM. */
static int add(struct ramfs_node *d, const char *name, size_t len, struct ramfs_node *node)
{
	struct ramfs_dirent *e = ramfs_zalloc(sizeof(*e) + len);

	if (!e)
		return -ENOMEM;
	memcpy(e->name, name, len);
	e->len = len;
	e->node = node;
	e->pos = d->u.dir.next_pos++;
	e->prev = d->u.dir.tail;
	if (e->prev)
		e->prev->next = e;
	else
		d->u.dir.head = e;
	d->u.dir.tail = e;
	d->u.dir.count++;
	ramfs_touch(d, 1);
	return 0;
}

void ramfs_dir_remove(struct ramfs_node *d, struct ramfs_dirent *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		d->u.dir.head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		d->u.dir.tail = e->prev;
	d->u.dir.count--;
	ramfs_free(e);
	ramfs_touch(d, 1);
}

/* A directory that was removed holds nothing and takes nothing. */
static int dead(const struct ramfs_node *d)
{
	return !d->nlink;
}

int ramfs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;
	struct ramfs_dirent *e;

	if (dead(d))
		return -ENOENT;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		n = d->u.dir.parent;
	} else {
		e = find(d, name, len);
		n = e ? e->node : NULL;
	}
	if (!n)
		return -ENOENT;
	ts_vnode_ref(&n->vn);
	*out = &n->vn;
	return 0;
}

/* A new node of mode linked as name in dir. */
static int make(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		struct ramfs_node **out)
{
	struct ramfs_node *d = ramfs_node(dir), *n;

	if (dead(d))
		return -ENOENT;
	n = ramfs_node_new(dir->mount, mode);
	if (!n)
		return -ENOMEM;
	if (add(d, name, len, n)) {
		ramfs_node_free(n);
		return -ENOMEM;
	}
	n->nlink = 1;
	*out = n;
	return 0;
}

int ramfs_create(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		 struct ts_vnode **out)
{
	struct ramfs_node *n;
	int err = make(dir, name, len, TS_S_IFREG | mode, &n);

	if (err)
		return err;
	ts_vnode_ref(&n->vn);
	*out = &n->vn;
	return 0;
}

int ramfs_mkdir(struct ts_vnode *dir, const char *name, size_t len, mode_t mode)
{
	struct ramfs_node *d = ramfs_node(dir), *n;
	int err;

	if (d->nlink >= RAMFS_LINK_MAX)
		return -EMLINK; /* its ".." would be one link too many */
	err = make(dir, name, len, TS_S_IFDIR | mode, &n);
	if (err)
		return err;
	n->nlink = 2;
	n->u.dir.parent = d;
	d->nlink++;
	return 0;
}

int ramfs_symlink(struct ts_vnode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	char *copy = ramfs_zalloc(tlen + 1);
	struct ramfs_node *n;
	int err;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, tlen);
	err = make(dir, name, len, TS_S_IFLNK | 0777, &n);
	if (err) {
		ramfs_free(copy);
		return err;
	}
	n->u.target = copy;
	n->vn.size = (off_t)tlen;
	return 0;
}

int ramfs_link(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ramfs_node *d = ramfs_node(dir), *n = ramfs_node(vn);
	int err;

	if (dead(d) || !n->nlink)
		return -ENOENT;
	if (n->nlink >= RAMFS_LINK_MAX)
		return -EMLINK;
	err = add(d, name, len, n);
	if (err)
		return err;
	n->nlink++;
	ramfs_touch(n, 0);
	return 0;
}

/* The entry name of d, which the VFS found to be vn. */
static struct ramfs_dirent *entry(struct ramfs_node *d, const char *name, size_t len,
				  struct ts_vnode *vn)
{
	struct ramfs_dirent *e = find(d, name, len);

	TS_ASSERT(e && &e->node->vn == vn);
	return e;
}

int ramfs_unlink(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ramfs_node *n = ramfs_node(vn);

	ramfs_dir_remove(ramfs_node(dir), entry(ramfs_node(dir), name, len, vn));
	n->nlink--;
	ramfs_touch(n, 0);
	return 0; /* freed by ramfs_inactive once nobody uses it */
}

/* Directory n lost its name in d: it is dead. */
static void dir_unlinked(struct ramfs_node *d, struct ramfs_node *n)
{
	n->nlink = 0;
	n->u.dir.parent = NULL;
	d->nlink--;
	ramfs_touch(n, 0);
}

int ramfs_rmdir(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ramfs_node *d = ramfs_node(dir), *n = ramfs_node(vn);

	if (n->u.dir.count)
		return -ENOTEMPTY;
	ramfs_dir_remove(d, entry(d, name, len, vn));
	dir_unlinked(d, n);
	return 0;
}

/* n, a directory or not, moves from directory from to directory to. */
static void moved(struct ramfs_node *n, struct ramfs_node *from, struct ramfs_node *to)
{
	if (TS_S_ISDIR(n->vn.mode) && from != to) {
		from->nlink--;
		to->nlink++;
		n->u.dir.parent = to;
	}
	ramfs_touch(n, 0);
}

static int exchange(struct ramfs_node *od, struct ramfs_dirent *oe, struct ramfs_node *nd,
		    struct ramfs_dirent *ne)
{
	struct ramfs_node *a = oe->node, *b = ne->node;

	oe->node = b;
	ne->node = a;
	moved(a, od, nd);
	moved(b, nd, od);
	ramfs_touch(od, 1);
	ramfs_touch(nd, 1);
	return 0;
}

int ramfs_rename(struct ts_vnode *olddir, const char *oldname, size_t oldlen,
		 struct ts_vnode *vn, struct ts_vnode *newdir, const char *newname,
		 size_t newlen, struct ts_vnode *target, unsigned int flags)
{
	struct ramfs_node *od = ramfs_node(olddir), *nd = ramfs_node(newdir), *n = ramfs_node(vn);
	struct ramfs_dirent *oe = entry(od, oldname, oldlen, vn), *ne;
	int err;

	if (dead(nd))
		return -ENOENT;
	if (flags & TS_RENAME_EXCHANGE)
		return exchange(od, oe, nd, entry(nd, newname, newlen, target));
	if (!target) {
		if (TS_S_ISDIR(vn->mode) && od != nd && nd->nlink >= RAMFS_LINK_MAX)
			return -EMLINK;
		err = add(nd, newname, newlen, n); /* the only step that can fail */
		if (err)
			return err;
	} else {
		struct ramfs_node *t = ramfs_node(target);

		if (TS_S_ISDIR(target->mode) && t->u.dir.count)
			return -ENOTEMPTY;
		/* the name now leads to n: never missing, never both */
		ne = entry(nd, newname, newlen, target);
		ne->node = n;
		ramfs_touch(nd, 1);
		if (TS_S_ISDIR(target->mode)) {
			dir_unlinked(nd, t);
		} else {
			t->nlink--;
			ramfs_touch(t, 0);
		}
	}
	ramfs_dir_remove(od, oe);
	moved(n, od, nd);
	return 0;
}

int ramfs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx)
{
	struct ramfs_node *d = ramfs_node(dir), *up = d->u.dir.parent;
	struct ramfs_dirent *e;

	if (dead(d))
		return -ENOENT;
	if (pos == 0 && ts_dir_emit(ctx, ".", 1, dir->ino, TS_DT_DIR, 1))
		return 0;
	if (pos <= 1 && ts_dir_emit(ctx, "..", 2, up->vn.ino, TS_DT_DIR, 2))
		return 0;
	for (e = d->u.dir.head; e; e = e->next) {
		if (e->pos < pos)
			continue;
		if (ts_dir_emit(ctx, e->name, e->len, e->node->vn.ino, ts_vfs_dtype(e->node->vn.mode),
				e->pos + 1))
			break;
	}
	return 0;
}
