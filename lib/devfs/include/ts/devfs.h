/* lib/devfs: device files in /dev — registering a device, helpers for its file operations. */
#ifndef TS_DEVFS_H
#define TS_DEVFS_H

#include <sys/types.h>
#include <ts/initcall.h>
#include <ts/vfs_impl.h>

/*
 * One device node. A library that provides a device fills one at file
 * scope and registers it with TS_DEVFS_NODE; every devfs mounted after
 * that holds it (listed by major, then minor number). Opening it gives a file whose
 * ops are fops and whose priv is priv; the file keeps its vnode (f->vn),
 * so ts_devfs_stat can answer fstat.
 */
struct ts_devfs_node {
	const char *name;               /* 1..255 bytes, no '/' */
	mode_t mode;                    /* TS_S_IFCHR (or TS_S_IFBLK) | permission bits */
	unsigned int major, minor;      /* Linux's numbers, shown in st_rdev */
	const struct ts_file_ops *fops; /* NULL members: the VFS's defaults */
	void *priv;
	struct ts_devfs_node *next;     /* devfs's list */
};

/*
 * Make node known to later mounts: 0, -EEXIST (a node of that name is
 * known), -EINVAL (no name, a '/' in it, longer than 255 bytes, no fops,
 * not a character or block device).
 */
int ts_devfs_register(struct ts_devfs_node *node);

/*
 * Register a node at boot: TS_DEVFS_NODE(my_node) at file scope (a
 * non-const struct ts_devfs_node). Uses the init table (level lib, after
 * filesystem types), so every node is known before /dev is mounted
 * (level rootfs).
 */
#define TS_DEVFS_NODE(node)                                             \
	static int ts__devfs_register_##node(void)                      \
	{                                                               \
		return ts_devfs_register(&node);                        \
	}                                                               \
	TS_INITCALL(ts__devfs_register_##node, TS_INIT_LIB, 6)

/* Linux's st_rdev encoding of (major, minor), as glibc's makedev(). */
static inline uint64_t ts_devfs_rdev(unsigned int major, unsigned int minor)
{
	return ((uint64_t)(major & 0xfffff000u) << 32) | ((uint64_t)(major & 0xfff) << 8) |
	       ((uint64_t)(minor & 0xffffff00u) << 12) | (minor & 0xff);
}

/* For fops->stat: fstat of a file opened on a devfs node (what stat on
 * its path gives). 0. */
int ts_devfs_stat(struct ts_file *f, struct ts_stat *st);

/* For fops->seek: the position stays 0, whatever is asked, as lseek on
 * Linux's null, zero, full, random and urandom. Returns 0. With a seek
 * operation the file has a position, so pread/pwrite work (they ignore
 * the offset) instead of failing with ESPIPE. */
off_t ts_devfs_seek_zero(struct ts_file *f, off_t off, int whence, off_t pos);

#endif
