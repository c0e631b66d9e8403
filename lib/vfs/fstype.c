/* fstype.c: the list of filesystem types, filled at boot by TS_VFS_FS_REGISTER. */
#include <errno.h>
#include <string.h>
#include "vfs_private.h"

static struct ts_fs_type *fs_types;

struct ts_fs_type *vfs_fs_find(const char *name)
{
	struct ts_fs_type *t;

	for (t = fs_types; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

int ts_vfs_fs_register(struct ts_fs_type *type)
{
	int err = 0;

	if (!type || !type->name || !type->mount || !type->unmount)
		return -EINVAL;
	vfs_ns_lock();
	if (vfs_fs_find(type->name)) {
		err = -EEXIST;
	} else {
		type->next = fs_types;
		fs_types = type;
	}
	vfs_ns_unlock();
	return err;
}
