/* dir.c: 9pfs directory operations — each one request on the directory's fid (Twalk, Tlcreate, Tmkdir, ...). */
#include <errno.h>
#include <string.h>
#include "p9fs.h"

/* A new fid walked from dir through name (len 0: a clone of dir's). */
static int walk(struct p9fs *fs, struct p9_node *dir, const char *name, size_t len,
		uint32_t *fid, struct p9_qid *qid)
{
	int err;

	*fid = p9c_fid_alloc(&fs->c);
	if (*fid == P9_NOFID)
		return -ENFILE;
	err = p9c_walk(&fs->c, dir->fid, *fid, name, len, qid);
	if (err) {
		/* a failed walk creates no fid: the number is free again */
		p9c_fid_free(&fs->c, *fid);
		return err;
	}
	return 0;
}

int p9fs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	struct p9fs *fs = p9fs_of(dir);
	struct p9_qid qid;
	uint32_t fid;
	int err = walk(fs, p9_node(dir), name, len, &fid, &qid);

	if (err)
		return err;
	return p9fs_node_get(dir->mount, fid, &qid, out);
}

/*
 * Tlcreate turns a clone of the directory's fid into the new file, open
 * for reading and writing: it becomes the node's wfid. The node's own
 * (unopened) fid comes from a walk to the new name.
 */
int p9fs_create(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		struct ts_vnode **out)
{
	struct p9fs *fs = p9fs_of(dir);
	struct p9_qid qid, wqid;
	struct p9_node *n;
	uint32_t ofid, fid;
	int err = walk(fs, p9_node(dir), NULL, 0, &ofid, &qid);

	if (err)
		return err;
	err = p9c_lcreate(&fs->c, ofid, name, len, P9_L_RDWR | P9_L_CREAT | P9_L_EXCL,
			  mode & TS_S_IALLUGO, &qid);
	if (err) {
		p9c_clunk(&fs->c, ofid);
		return err;
	}
	err = walk(fs, p9_node(dir), name, len, &fid, &wqid);
	if (!err)
		err = p9fs_node_get(dir->mount, fid, &wqid, out);
	if (err) {
		p9c_clunk(&fs->c, ofid);
		return err;
	}
	n = p9_node(*out);
	if (n->wfid == P9_NOFID) {
		n->wfid = ofid;
		n->wfid_reads = 1;
	} else {
		p9c_clunk(&fs->c, ofid);
	}
	return 0;
}

int p9fs_mkdir(struct ts_vnode *dir, const char *name, size_t len, mode_t mode)
{
	return p9c_mkdir(&p9fs_of(dir)->c, p9_node(dir)->fid, name, len, mode & TS_S_IALLUGO);
}

int p9fs_symlink(struct ts_vnode *dir, const char *name, size_t len, const char *target)
{
	return p9c_symlink(&p9fs_of(dir)->c, p9_node(dir)->fid, name, len, target);
}

int p9fs_link(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	return p9c_link(&p9fs_of(dir)->c, p9_node(dir)->fid, p9_node(vn)->fid, name, len);
}

int p9fs_unlink(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	(void)vn;
	return p9c_unlinkat(&p9fs_of(dir)->c, p9_node(dir)->fid, name, len, 0);
}

int p9fs_rmdir(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	(void)vn;
	return p9c_unlinkat(&p9fs_of(dir)->c, p9_node(dir)->fid, name, len, P9_AT_REMOVEDIR);
}

/* The host's rename replaces the target in one step. 9P has no exchange. */
int p9fs_rename(struct ts_vnode *olddir, const char *oldname, size_t oldlen, struct ts_vnode *vn,
		struct ts_vnode *newdir, const char *newname, size_t newlen,
		struct ts_vnode *target, unsigned int flags)
{
	(void)vn;
	(void)target;
	if (flags)
		return -EINVAL;
	return p9c_renameat(&p9fs_of(olddir)->c, p9_node(olddir)->fid, oldname, oldlen,
			    p9_node(newdir)->fid, newname, newlen);
}

struct readdir_ctx {
	struct ts_dir_ctx *vfs;
	uint64_t next;  /* where the next batch starts */
	int full;       /* the reader took no more */
};

static int take(void *arg, const struct p9_dirent *d)
{
	struct readdir_ctx *rc = arg;

	if (ts_dir_emit(rc->vfs, d->name, d->len, d->qid.path, d->type, (off_t)d->offset)) {
		rc->full = 1;
		return 1;
	}
	rc->next = d->offset;
	return 0;
}

/* Positions are the server's offsets (p9_dirent_next keeps them in
 * 1..INT64_MAX); the directory's rfid is kept open for them to stay
 * meaningful. */
int p9fs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx)
{
	struct p9_node *n = p9_node(dir);
	struct readdir_ctx rc = { ctx, (uint64_t)pos, 0 };
	int r = p9fs_open_read(n);

	while (!r) {
		r = p9c_readdir(&p9fs_of(dir)->c, n->rfid, rc.next, take, &rc);
		if (r <= 0 || rc.full)
			break;
		r = 0;
	}
	return r < 0 ? r : 0;
}
