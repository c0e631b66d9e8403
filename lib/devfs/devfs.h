/* devfs.h: lib/devfs's private interface between its files. */
#ifndef LIB_DEVFS_DEVFS_H
#define LIB_DEVFS_DEVFS_H

#include <ts/devfs.h>

/* The registered nodes, by major and minor number (node.c). */
extern struct ts_devfs_node *devfs_nodes;

/* A device's vnode in one mount. */
struct devfs_vnode {
	struct ts_vnode vn;
	const struct ts_devfs_node *node; /* NULL for the root directory */
	struct ts_timespec time;          /* all three times: the mount's */
};

/* Fill st for vn (all but st_dev). */
void devfs_fill_stat(const struct devfs_vnode *dv, struct ts_stat *st);

#endif
