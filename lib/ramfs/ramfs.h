/* Private to lib/ramfs: its nodes, directories, page trees and memory. */
#ifndef TS_RAMFS_PRIVATE_H
#define TS_RAMFS_PRIVATE_H

#include <ts/print.h>
#include <ts/vfs_impl.h>

#define RAMFS_PAGE 4096
#define RAMFS_PAGE_SHIFT 12
/* Most links to one node (ext4's figure). */
#define RAMFS_LINK_MAX 65000
/* Page trees have at most 4 levels of 512 slots: 2^36 pages, 256 TiB. */
#define RAMFS_FAN_SHIFT 9
#define RAMFS_MAX_HEIGHT 4
#define RAMFS_MAX_SIZE ((off_t)1 << (RAMFS_PAGE_SHIFT + RAMFS_FAN_SHIFT * RAMFS_MAX_HEIGHT))

/*
 * A file's data: a radix tree of page-sized nodes of 512 pointers, whose
 * leaves are the data pages. Holes have no page (and read as zeros), so a
 * sparse file costs only the pages written and the nodes above them.
 */
struct ramfs_pages {
	void *root;          /* NULL: no page at all */
	unsigned int height; /* levels of nodes; 0 with root NULL */
	size_t count;        /* data pages */
};

struct ramfs_node;

/* One name in a directory. Entries keep the order of creation. */
struct ramfs_dirent {
	struct ramfs_dirent *next, *prev;
	struct ramfs_node *node;
	off_t pos;           /* its getdents position: 2, 3, ... (0 ".", 1 "..") */
	size_t len;
	char name[];
};

struct ramfs_node {
	struct ts_vnode vn;  /* first, so a vnode is its node */
	unsigned long nlink;
	struct ts_timespec atime, mtime, ctime;
	union {
		struct {
			struct ramfs_dirent *head, *tail;
			struct ramfs_node *parent; /* NULL once removed */
			size_t count;              /* entries */
			off_t next_pos;
		} dir;
		struct ramfs_pages pages;          /* regular files */
		char *target;                      /* symbolic links */
	} u;
};

/* One mounted instance. */
struct ramfs {
	uint64_t next_ino;
};

static inline struct ramfs_node *ramfs_node(struct ts_vnode *vn)
{
	return (struct ramfs_node *)vn;
}

/* ---- nodes (node.c) ---- */
extern const struct ts_vnode_ops ramfs_vnode_ops;
/* A new node of mode (type | permissions) in mnt, no links, times now;
 * NULL when out of memory. */
struct ramfs_node *ramfs_node_new(struct ts_mount *mnt, mode_t mode);
/* Free n and its data (a directory must be empty). */
void ramfs_node_free(struct ramfs_node *n);
/* The change time, and the modification time too if mtime, become now. */
void ramfs_touch(struct ramfs_node *n, int mtime);
ssize_t ramfs_readlink(struct ts_vnode *vn, char *buf, size_t size);
int ramfs_getattr(struct ts_vnode *vn, struct ts_stat *st);
int ramfs_setattr(struct ts_vnode *vn, const struct ts_vattr *va);
void ramfs_inactive(struct ts_vnode *vn);

/* ---- directories (dir.c) ---- */
int ramfs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out);
int ramfs_create(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		 struct ts_vnode **out);
int ramfs_mkdir(struct ts_vnode *dir, const char *name, size_t len, mode_t mode);
int ramfs_symlink(struct ts_vnode *dir, const char *name, size_t len, const char *target);
int ramfs_link(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int ramfs_unlink(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int ramfs_rmdir(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int ramfs_rename(struct ts_vnode *olddir, const char *oldname, size_t oldlen,
		 struct ts_vnode *vn, struct ts_vnode *newdir, const char *newname,
		 size_t newlen, struct ts_vnode *target, unsigned int flags);
int ramfs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx);
/* Take entry e out of directory d and free it (the node is untouched). */
void ramfs_dir_remove(struct ramfs_node *d, struct ramfs_dirent *e);

/* ---- file data (file.c) ---- */
ssize_t ramfs_read(struct ts_vnode *vn, void *buf, size_t n, off_t off);
ssize_t ramfs_write(struct ts_vnode *vn, const void *buf, size_t n, off_t off);
int ramfs_truncate(struct ts_vnode *vn, off_t len);

/* ---- page trees (pages.c) ---- */
/* The page holding index idx, or NULL for a hole. */
void *ramfs_pages_find(const struct ramfs_pages *pg, uint64_t idx);
/* The page at idx (idx < 2^36), made (zeroed) if missing; NULL when out of
 * memory, the tree still valid. */
void *ramfs_pages_get(struct ramfs_pages *pg, uint64_t idx);
/* Free every page at index first or beyond, and the nodes left empty. */
void ramfs_pages_trim(struct ramfs_pages *pg, uint64_t first);

/* ---- memory (mem.c; the host tests swap in one that can fail) ---- */
/* A zeroed, page-aligned RAMFS_PAGE block, or NULL. */
void *ramfs_page_alloc(void);
void ramfs_page_free(void *p);
/* size zeroed bytes for metadata, or NULL. */
void *ramfs_zalloc(size_t size);
void ramfs_free(void *p);

#endif
