/* node.c: 9pfs nodes — one per file while the VFS holds it, attributes, links' targets, the end of a node. */
#include <errno.h>
#include <stdlib.h>
#include "p9fs.h"

static struct p9_node **bucket(struct p9fs *fs, uint64_t path)
{
	return &fs->hash[(path ^ (path >> 17)) % P9FS_HASH];
}

static void unhash(struct p9fs *fs, struct p9_node *n)
{
	struct p9_node **pp;

	if (!n->hashed)
		return;
	for (pp = bucket(fs, n->vn.ino); *pp != n; pp = &(*pp)->hnext)
		TS_ASSERT(*pp);
	*pp = n->hnext;
	n->hashed = 0;
}

void p9fs_attr_to_stat(struct p9_node *n, const struct p9_attr *a, struct ts_stat *st)
{
	st->st_ino = a->qid.path;
	st->st_mode = a->mode;
	st->st_nlink = a->nlink;
	st->st_uid = a->uid;
	st->st_gid = a->gid;
	st->st_rdev = a->rdev;
	st->st_size = (int64_t)a->size;
	st->st_blksize = a->blksize > 0 && a->blksize <= (1u << 30) ? (int64_t)a->blksize : 4096;
	st->st_blocks = (int64_t)a->blocks;
	st->st_atim = (struct ts_timespec){ a->atime_sec, a->atime_nsec };
	st->st_mtim = (struct ts_timespec){ a->mtime_sec, a->mtime_nsec };
	st->st_ctim = (struct ts_timespec){ a->ctime_sec, a->ctime_nsec };
	n->vn.size = (off_t)a->size;
}

int p9fs_node_get(struct ts_mount *mnt, uint32_t fid, const struct p9_qid *qid,
		  struct ts_vnode **out)
{
	struct p9fs *fs = mnt->priv;
	struct p9_node **head = bucket(fs, qid->path), *n;
	struct p9_attr a;
	int err;

	for (n = *head; n; n = n->hnext) {
		if (n->vn.ino != qid->path)
			continue;
		/* the same number with another type: the host reused it
		 * for a new file, which gets a node of its own */
		if (!!(qid->type & P9_QTDIR) != !!TS_S_ISDIR(n->vn.mode) ||
		    !!(qid->type & P9_QTSYMLINK) != !!TS_S_ISLNK(n->vn.mode)) {
			unhash(fs, n);
			break;
		}
		p9c_clunk(&fs->c, fid);
		ts_vnode_ref(&n->vn);
		*out = &n->vn;
		return 0;
	}
	err = p9c_getattr(&fs->c, fid, &a);
	if (err)
		goto clunk;
	/* the walk and the attributes must name one file */
	err = -EIO;
	if (a.qid.path != qid->path ||
	    (a.qid.type & (P9_QTDIR | P9_QTSYMLINK)) != (qid->type & (P9_QTDIR | P9_QTSYMLINK)))
		goto clunk;
	err = -ENOMEM;
	n = calloc(1, sizeof(*n));
	if (!n)
		goto clunk;
	ts_vnode_init(&n->vn, &p9fs_vnode_ops, mnt, a.qid.path, a.mode);
	n->vn.size = (off_t)a.size;
	n->fid = fid;
	n->rfid = n->wfid = P9_NOFID;
	n->hnext = *head;
	*head = n;
	n->hashed = 1;
	ts_vnode_ref(&n->vn);
	*out = &n->vn;
	return 0;
clunk:
	p9c_clunk(&fs->c, fid);
	return err;
}

/* The VFS let go: the fids go back to the server. The file itself stays
 * on the host; the next lookup makes a new node. */
void p9fs_inactive(struct ts_vnode *vn)
{
	struct p9_node *n = p9_node(vn);
	struct p9fs *fs = p9fs_of(vn);

	unhash(fs, n);
	p9c_clunk(&fs->c, n->rfid);
	if (n->wfid != n->rfid)
		p9c_clunk(&fs->c, n->wfid);
	p9c_clunk(&fs->c, n->fid);
	free(n);
}

int p9fs_getattr(struct ts_vnode *vn, struct ts_stat *st)
{
	struct p9_node *n = p9_node(vn);
	struct p9_attr a;
	/* An opened fid answers for the file itself even once its name is
	 * gone (unlinked while open); the node's fid answers for the name. */
	uint32_t fid = n->wfid != P9_NOFID ? n->wfid : n->rfid != P9_NOFID ? n->rfid : n->fid;
	int err = p9c_getattr(&p9fs_of(vn)->c, fid, &a);

	if (err)
		return err;
	/* the host replaced the file under this name by another kind */
	if ((a.mode & TS_S_IFMT) != (vn->mode & TS_S_IFMT))
		return -ESTALE;
	vn->mode = a.mode;
	p9fs_attr_to_stat(n, &a, st);
	return 0;
}

int p9fs_setattr(struct ts_vnode *vn, const struct ts_vattr *va)
{
	uint32_t valid = 0;
	int err;

	if (va->mask & TS_VATTR_MODE)
		valid |= P9_SETATTR_MODE;
	if (va->mask & TS_VATTR_ATIME)
		valid |= P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET;
	if (va->mask & TS_VATTR_MTIME)
		valid |= P9_SETATTR_MTIME | P9_SETATTR_MTIME_SET;
	err = p9c_setattr(&p9fs_of(vn)->c, p9_node(vn)->fid, valid | P9_SETATTR_CTIME,
			  va->mode & TS_S_IALLUGO, 0, &va->atime, &va->mtime);
	if (!err && (va->mask & TS_VATTR_MODE))
		vn->mode = (vn->mode & TS_S_IFMT) | (va->mode & TS_S_IALLUGO);
	return err;
}

ssize_t p9fs_readlink(struct ts_vnode *vn, char *buf, size_t size)
{
	return p9c_readlink(&p9fs_of(vn)->c, p9_node(vn)->fid, buf, size);
}
