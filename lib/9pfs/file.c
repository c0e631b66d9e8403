/* file.c: 9pfs file data — Tread / Twrite in msize chunks on fids opened on first use, Tsetattr size, Tfsync. */
#include <errno.h>
#include "p9fs.h"

/* A clone of n's fid, opened with flags: 0 with *out, or -errno. */
static int open_fid(struct p9_node *n, uint32_t flags, uint32_t *out)
{
	struct p9fs *fs = p9fs_of(&n->vn);
	struct p9_qid qid;
	uint32_t fid = p9c_fid_alloc(&fs->c);
	int err;

	if (fid == P9_NOFID)
		return -ENFILE;
	err = p9c_walk(&fs->c, n->fid, fid, NULL, 0, &qid);
	if (err) {
		p9c_fid_free(&fs->c, fid);
		return err;
	}
	err = p9c_lopen(&fs->c, fid, flags);
	if (err) {
		p9c_clunk(&fs->c, fid);
		return err;
	}
	*out = fid;
	return 0;
}

int p9fs_open_read(struct p9_node *n)
{
	if (n->rfid != P9_NOFID)
		return 0;
	if (n->wfid != P9_NOFID && n->wfid_reads) {
		n->rfid = n->wfid;
		return 0;
	}
	return open_fid(n, P9_L_RDONLY | (TS_S_ISDIR(n->vn.mode) ? P9_L_DIRECTORY : 0), &n->rfid);
}

static int open_write(struct p9_node *n)
{
	if (n->wfid != P9_NOFID)
		return 0;
	return open_fid(n, P9_L_WRONLY, &n->wfid);
}

/*
 * Open the fids a regular file will use now, while its name still leads
 * to it: a file unlinked while open then keeps its data for reads, writes
 * and fstat, as on Linux (an opened fid holds the host's open file on
 * QEMU's server and tvm's). Directories open theirs at the first readdir.
 */
int p9fs_open(struct ts_vnode *vn, struct ts_file *f)
{
	struct p9_node *n = p9_node(vn);
	unsigned int acc = f->flags & TS_O_ACCMODE;
	int err = 0;

	if (!TS_S_ISREG(vn->mode))
		return 0;
	ts_mutex_lock(&vn->lock); /* the fids are vn->lock's, as in read and write */
	if (acc != TS_O_WRONLY)
		err = p9fs_open_read(n);
	if (!err && acc != TS_O_RDONLY)
		err = open_write(n);
	ts_mutex_unlock(&vn->lock);
	return err;
}

ssize_t p9fs_read(struct ts_vnode *vn, void *buf, size_t n, off_t off)
{
	struct p9_node *node = p9_node(vn);
	struct p9_client *c = &p9fs_of(vn)->c;
	size_t done = 0;
	int err = p9fs_open_read(node);

	if (err)
		return err;
	while (done < n) {
		size_t want = n - done < p9c_iounit(c) ? n - done : p9c_iounit(c);
		ssize_t r = p9c_read(c, node->rfid, (uint64_t)off + done, (char *)buf + done, want);

		if (r < 0)
			return done ? (ssize_t)done : r;
		done += (size_t)r;
		if ((size_t)r < want)
			break; /* the end, or all the server has now */
	}
	return (ssize_t)done;
}

ssize_t p9fs_write(struct ts_vnode *vn, const void *buf, size_t n, off_t off)
{
	struct p9_node *node = p9_node(vn);
	struct p9_client *c = &p9fs_of(vn)->c;
	size_t done = 0;
	int err = open_write(node);

	if (err)
		return err;
	while (done < n) {
		ssize_t r = p9c_write(c, node->wfid, (uint64_t)off + done, (const char *)buf + done,
				      n - done);

		if (r < 0) {
			if (!done)
				return r;
			break;
		}
		done += (size_t)r;
	}
	if (off + (off_t)done > vn->size)
		vn->size = off + (off_t)done;
	return (ssize_t)done;
}

int p9fs_truncate(struct ts_vnode *vn, off_t len)
{
	int err = p9c_setattr(&p9fs_of(vn)->c, p9_node(vn)->fid, P9_SETATTR_SIZE, 0,
			      (uint64_t)len, NULL, NULL);

	if (!err)
		vn->size = len;
	return err;
}

/* Only data written through this node can be waiting in the host's cache
 * on our behalf; a node never written has nothing to flush. */
int p9fs_fsync(struct ts_vnode *vn)
{
	struct p9_node *n = p9_node(vn);

	if (n->wfid == P9_NOFID)
		return 0;
	return p9c_fsync(&p9fs_of(vn)->c, n->wfid);
}
