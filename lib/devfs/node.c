/* node.c: the device nodes libraries register, and file operations they share. */
#include <errno.h>
#include <string.h>
#include "devfs.h"

struct ts_devfs_node *devfs_nodes;

int ts_devfs_register(struct ts_devfs_node *node)
{
	struct ts_devfs_node **p = &devfs_nodes;
	size_t len = node->name ? strlen(node->name) : 0;

	if (!len || len > TS_VFS_NAME_MAX || strchr(node->name, '/') || !node->fops ||
	    ((node->mode & TS_S_IFMT) != TS_S_IFCHR && (node->mode & TS_S_IFMT) != TS_S_IFBLK))
		return -EINVAL;
	for (struct ts_devfs_node *d = devfs_nodes; d; d = d->next)
		if (strcmp(d->name, node->name) == 0)
			return -EEXIST;
	/* Kept in (major, minor) order: listings do not depend on the order
	 * the linker put the registrations in. */
	while (*p && ((*p)->major < node->major ||
		      ((*p)->major == node->major && (*p)->minor <= node->minor)))
		p = &(*p)->next;
	node->next = *p;
	*p = node;
	return 0;
}

void devfs_fill_stat(const struct devfs_vnode *dv, struct ts_stat *st)
{
	st->st_ino = dv->vn.ino;
	st->st_mode = dv->vn.mode;
	/* A directory's links: its own ".", its name; no subdirectories. */
	st->st_nlink = dv->node ? 1 : 2;
	st->st_blksize = 4096;
	if (dv->node)
		st->st_rdev = ts_devfs_rdev(dv->node->major, dv->node->minor);
	st->st_atim = st->st_mtim = st->st_ctim = dv->time;
}

int ts_devfs_stat(struct ts_file *f, struct ts_stat *st)
{
	memset(st, 0, sizeof(*st));
	devfs_fill_stat((const struct devfs_vnode *)f->vn, st);
	st->st_dev = f->vn->mount->dev;
	return 0;
}

off_t ts_devfs_seek_zero(struct ts_file *f, off_t off, int whence, off_t pos)
{
	(void)f;
	(void)off;
	(void)whence;
	(void)pos;
	return 0;
}
