/* p9fs.h: private to lib/9pfs — the client (one per mount) and the nodes of the filesystem. */
#ifndef LIB9PFS_P9FS_H
#define LIB9PFS_P9FS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <ts/9pfs.h>
#include <ts/lock.h>
#include <ts/print.h>
#include <ts/vfs_impl.h>
#include "msg.h"

/* The msize we propose: 128 KiB messages, so reads and writes move up to
 * 128 KiB - 24 bytes per round trip (the transport may allow less). */
#define P9FS_MSIZE (128u * 1024u)

/* One server connection: a channel, its two message buffers and fid
 * numbers. One request at a time (lock). */
struct p9_client {
	struct ts_9p_chan *chan;
	struct ts_mutex lock;
	uint32_t msize;          /* negotiated */
	uint8_t *tx, *rx;        /* msize bytes each */
	uint16_t tag;
	uint32_t next_fid;       /* never used yet */
	uint32_t *free_fids;     /* clunked numbers, to reuse */
	size_t nfree, cap_free;
};

/* ---- the client (client.c): every call is one round trip, 0 or -errno ---- */

/* Find tag on the registered transports, negotiate the version and msize.
 * -ENODEV when no transport has the tag. */
int p9c_connect(struct p9_client *c, const char *tag);
void p9c_disconnect(struct p9_client *c);
/* A fid number not in use (P9_NOFID when they ran out), and giving one back. */
uint32_t p9c_fid_alloc(struct p9_client *c);
void p9c_fid_free(struct p9_client *c, uint32_t fid);

int p9c_attach(struct p9_client *c, uint32_t fid, struct p9_qid *qid);
/* newfid = fid walked through name (len 0: a clone of fid); *qid is where
 * it ended. -ENOENT when the name is not there. */
int p9c_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, const char *name, size_t len,
	     struct p9_qid *qid);
int p9c_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a);
/* valid: P9_SETATTR_* of the fields given. */
int p9c_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, uint32_t mode, uint64_t size,
		const struct ts_timespec *atime, const struct ts_timespec *mtime);
int p9c_lopen(struct p9_client *c, uint32_t fid, uint32_t flags);
/* fid (a directory) becomes the new file name, opened with flags. */
int p9c_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len, uint32_t flags,
		uint32_t mode, struct p9_qid *qid);
int p9c_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t mode);
int p9c_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		const char *target);
int p9c_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len);
int p9c_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, size_t oldlen,
		 uint32_t newdfid, const char *newname, size_t newlen);
int p9c_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		 uint32_t flags);
/* The target's full length, up to size bytes of it in buf. */
ssize_t p9c_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t size);
/* Bytes moved (one message: at most p9c_iounit), 0 at the end for reads. */
ssize_t p9c_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t n);
ssize_t p9c_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t n);
/* Read one batch of entries from off, calling fn on each until it returns
 * nonzero. Returns the entries offered to fn (0: the end) or -errno. fn runs with
 * the client's lock held and must not call the client. */
int p9c_readdir(struct p9_client *c, uint32_t fid, uint64_t off,
		int (*fn)(void *ctx, const struct p9_dirent *d), void *ctx);
int p9c_fsync(struct p9_client *c, uint32_t fid);
/* Clunk fid and give its number back (nothing for P9_NOFID). */
void p9c_clunk(struct p9_client *c, uint32_t fid);

/* Data bytes one Tread / Twrite carries. */
static inline uint32_t p9c_iounit(const struct p9_client *c)
{
	return c->msize - P9_TWRITE_HDR;
}

/* ---- nodes (node.c, dir.c, file.c) ---- */

/*
 * A file of the share. fid is walked to it and never opened (walks,
 * getattr, setattr and the directory operations use it); rfid / wfid are
 * opened for reading / writing on first use (P9_NOFID until then). All
 * three are clunked when the VFS lets go of the node (inactive).
 */
struct p9_node {
	struct ts_vnode vn;      /* first: a vnode is its node */
	struct p9_node *hnext;   /* the mount's table, by qid.path */
	int hashed;
	uint32_t fid, rfid, wfid;
	int wfid_reads;          /* wfid was opened read-write (lcreate) */
};

#define P9FS_HASH 64

/* One mount. Nodes are unique per qid.path while the VFS holds them, so
 * that two names of one file are one vnode. */
struct p9fs {
	struct p9_client c;
	struct p9_node *hash[P9FS_HASH];
	int chan_ro;
};

static inline struct p9_node *p9_node(struct ts_vnode *vn)
{
	return (struct p9_node *)vn;
}

static inline struct p9fs *p9fs_of(struct ts_vnode *vn)
{
	return vn->mount->priv;
}

extern const struct ts_vnode_ops p9fs_vnode_ops;

/* The node for a freshly walked fid at qid: the live one for qid.path
 * (fid is then clunked) or a new one (attributes from the server), with a
 * reference. On error fid is clunked. */
int p9fs_node_get(struct ts_mount *mnt, uint32_t fid, const struct p9_qid *qid,
		  struct ts_vnode **out);
/* Fill st from a, and the node's size from it. */
void p9fs_attr_to_stat(struct p9_node *n, const struct p9_attr *a, struct ts_stat *st);

int p9fs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out);
int p9fs_create(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		struct ts_vnode **out);
int p9fs_mkdir(struct ts_vnode *dir, const char *name, size_t len, mode_t mode);
int p9fs_symlink(struct ts_vnode *dir, const char *name, size_t len, const char *target);
int p9fs_link(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int p9fs_unlink(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int p9fs_rmdir(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
int p9fs_rename(struct ts_vnode *olddir, const char *oldname, size_t oldlen, struct ts_vnode *vn,
		struct ts_vnode *newdir, const char *newname, size_t newlen,
		struct ts_vnode *target, unsigned int flags);
int p9fs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx);
ssize_t p9fs_readlink(struct ts_vnode *vn, char *buf, size_t size);
void p9fs_inactive(struct ts_vnode *vn);
int p9fs_getattr(struct ts_vnode *vn, struct ts_stat *st);
int p9fs_setattr(struct ts_vnode *vn, const struct ts_vattr *va);
ssize_t p9fs_read(struct ts_vnode *vn, void *buf, size_t n, off_t off);
ssize_t p9fs_write(struct ts_vnode *vn, const void *buf, size_t n, off_t off);
int p9fs_truncate(struct ts_vnode *vn, off_t len);
int p9fs_fsync(struct ts_vnode *vn);
/* The vnode's open op: the fids of a regular file opened on f, now. */
int p9fs_open(struct ts_vnode *vn, struct ts_file *f);

/* rfid, opened for reading if needed: 0 or -errno. */
int p9fs_open_read(struct p9_node *n);

#endif
