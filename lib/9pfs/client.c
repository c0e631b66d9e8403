/* client.c: the 9P2000.L client — transports, version, fids, and one function per request. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "p9fs.h"

static struct ts_9p_transport *transports;

int ts_9p_transport_register(struct ts_9p_transport *t)
{
	if (!t || !t->name || !t->open)
		return -EINVAL;
	t->next = transports;
	transports = t;
	return 0;
}

/* ---- one round trip (lock held) ---- */

/* Send the request built in o and check its reply against e. */
static int rpc(struct p9_client *c, struct p9_out *o, struct p9_expect *e, union p9_reply *r)
{
	long len = p9_end(o), got;

	if (len < 0)
		return (int)len;
	got = c->chan->ops->rpc(c->chan, c->tx, (uint32_t)len, c->rx, c->msize);
	if (got < 0)
		return (int)got;
	if ((unsigned long)got > c->msize)
		return -EIO;
	return p9_reply_parse(c->rx, (size_t)got, e, r);
}

/* Start request type in tx, with a fresh tag (never NOTAG). */
static void begin(struct p9_client *c, struct p9_out *o, struct p9_expect *e, uint8_t type)
{
	if (++c->tag == P9_NOTAG)
		c->tag = 0;
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->tag = c->tag;
	p9_begin(o, c->tx, c->msize, type, c->tag);
}

#define LOCK(c) ts_mutex_lock(&(c)->lock)
#define UNLOCK(c) ts_mutex_unlock(&(c)->lock)

/* ---- connection ---- */

static int version(struct p9_client *c, uint32_t msize)
{
	struct p9_out o;
	struct p9_expect e;
	union p9_reply r;
	int err;

	c->msize = msize;
	memset(&e, 0, sizeof(e));
	e.type = P9_TVERSION;
	e.tag = P9_NOTAG;
	e.msize = msize;
	p9_begin(&o, c->tx, msize, P9_TVERSION, P9_NOTAG);
	p9_put32(&o, msize);
	p9_putstr(&o, P9_VERSION, strlen(P9_VERSION));
	err = rpc(c, &o, &e, &r);
	if (!err)
		c->msize = r.version.msize;
	return err;
}

int p9c_connect(struct p9_client *c, const char *tag)
{
	struct ts_9p_transport *t;
	uint32_t msize;
	int err = -ENODEV;

	memset(c, 0, sizeof(*c));
	ts_mutex_init(&c->lock, 0);
	for (t = transports; t; t = t->next) {
		err = t->open(tag, &c->chan);
		if (err != -ENODEV)
			break;
	}
	if (err)
		return err;
	msize = P9FS_MSIZE < c->chan->max_msize ? P9FS_MSIZE : c->chan->max_msize;
	err = -EIO;
	if (msize < P9_MIN_MSIZE)
		goto close;
	err = -ENOMEM;
	c->tx = malloc(msize);
	c->rx = malloc(msize);
	if (!c->tx || !c->rx)
		goto free;
	err = version(c, msize);
	if (!err)
		return 0;
free:
	free(c->tx);
	free(c->rx);
close:
	c->chan->ops->close(c->chan);
	return err;
}

void p9c_disconnect(struct p9_client *c)
{
	c->chan->ops->close(c->chan);
	free(c->tx);
	free(c->rx);
	free(c->free_fids);
}

/* ---- fids ---- */

uint32_t p9c_fid_alloc(struct p9_client *c)
{
	uint32_t fid = P9_NOFID;

	LOCK(c);
	if (c->nfree)
		fid = c->free_fids[--c->nfree];
	else if (c->next_fid < P9_NOFID)
		fid = c->next_fid++;
	UNLOCK(c);
	return fid;
}

void p9c_fid_free(struct p9_client *c, uint32_t fid)
{
	LOCK(c);
	if (c->nfree == c->cap_free) {
		size_t cap = c->cap_free ? 2 * c->cap_free : 64;
		uint32_t *p = realloc(c->free_fids, cap * sizeof(*p));

		if (!p)
			goto out; /* the number is lost, which is harmless */
		c->free_fids = p;
		c->cap_free = cap;
	}
	c->free_fids[c->nfree++] = fid;
out:
	UNLOCK(c);
}

/* ---- requests ---- */

/* The body of most requests: begin, fields by the caller, rpc, unlock. */
#define REQUEST(c, type)                 \
	struct p9_out o;                 \
	struct p9_expect e;              \
	union p9_reply r;                \
	int err;                         \
	LOCK(c);                         \
	begin(c, &o, &e, type)

int p9c_attach(struct p9_client *c, uint32_t fid, struct p9_qid *qid)
{
	REQUEST(c, P9_TATTACH);
	p9_put32(&o, fid);
	p9_put32(&o, P9_NOFID);
	p9_putstr(&o, "root", 4);
	p9_putstr(&o, "", 0);
	p9_put32(&o, 0);
	err = rpc(c, &o, &e, &r);
	if (!err)
		*qid = r.qid;
	UNLOCK(c);
	return err;
}

int p9c_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, const char *name, size_t len,
	     struct p9_qid *qid)
{
	REQUEST(c, P9_TWALK);
	p9_put32(&o, fid);
	p9_put32(&o, newfid);
	p9_put16(&o, len ? 1 : 0);
	if (len)
		p9_putstr(&o, name, len);
	e.nwname = len ? 1 : 0;
	err = rpc(c, &o, &e, &r);
	if (!err && len)
		*qid = r.walk.wqid[0];
	UNLOCK(c);
	return err;
}

int p9c_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a)
{
	REQUEST(c, P9_TGETATTR);
	p9_put32(&o, fid);
	p9_put64(&o, P9_GETATTR_BASIC);
	err = rpc(c, &o, &e, &r);
	if (!err)
		*a = r.attr;
	UNLOCK(c);
	return err;
}

int p9c_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, uint32_t mode, uint64_t size,
		const struct ts_timespec *atime, const struct ts_timespec *mtime)
{
	REQUEST(c, P9_TSETATTR);
	p9_put32(&o, fid);
	p9_put32(&o, valid);
	p9_put32(&o, mode);
	p9_put32(&o, 0);
	p9_put32(&o, 0);
	p9_put64(&o, size);
	p9_put64(&o, atime ? (uint64_t)atime->tv_sec : 0);
	p9_put64(&o, atime ? (uint64_t)atime->tv_nsec : 0);
	p9_put64(&o, mtime ? (uint64_t)mtime->tv_sec : 0);
	p9_put64(&o, mtime ? (uint64_t)mtime->tv_nsec : 0);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_lopen(struct p9_client *c, uint32_t fid, uint32_t flags)
{
	REQUEST(c, P9_TLOPEN);
	p9_put32(&o, fid);
	p9_put32(&o, flags);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len, uint32_t flags,
		uint32_t mode, struct p9_qid *qid)
{
	REQUEST(c, P9_TLCREATE);
	p9_put32(&o, fid);
	p9_putstr(&o, name, len);
	p9_put32(&o, flags);
	p9_put32(&o, mode);
	p9_put32(&o, 0);
	err = rpc(c, &o, &e, &r);
	if (!err)
		*qid = r.open.qid;
	UNLOCK(c);
	return err;
}

int p9c_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t mode)
{
	REQUEST(c, P9_TMKDIR);
	p9_put32(&o, dfid);
	p9_putstr(&o, name, len);
	p9_put32(&o, mode);
	p9_put32(&o, 0);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		const char *target)
{
	REQUEST(c, P9_TSYMLINK);
	p9_put32(&o, dfid);
	p9_putstr(&o, name, len);
	p9_putstr(&o, target, strlen(target));
	p9_put32(&o, 0);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len)
{
	REQUEST(c, P9_TLINK);
	p9_put32(&o, dfid);
	p9_put32(&o, fid);
	p9_putstr(&o, name, len);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, size_t oldlen,
		 uint32_t newdfid, const char *newname, size_t newlen)
{
	REQUEST(c, P9_TRENAMEAT);
	p9_put32(&o, olddfid);
	p9_putstr(&o, oldname, oldlen);
	p9_put32(&o, newdfid);
	p9_putstr(&o, newname, newlen);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

int p9c_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len,
		 uint32_t flags)
{
	REQUEST(c, P9_TUNLINKAT);
	p9_put32(&o, dfid);
	p9_putstr(&o, name, len);
	p9_put32(&o, flags);
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

ssize_t p9c_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t size)
{
	REQUEST(c, P9_TREADLINK);
	p9_put32(&o, fid);
	err = rpc(c, &o, &e, &r);
	if (!err) {
		memcpy(buf, r.readlink.target, r.readlink.len < size ? r.readlink.len : size);
		err = (int)r.readlink.len;
	}
	UNLOCK(c);
	return err;
}

ssize_t p9c_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t n)
{
	uint32_t count = n < p9c_iounit(c) ? (uint32_t)n : p9c_iounit(c);

	REQUEST(c, P9_TREAD);
	p9_put32(&o, fid);
	p9_put64(&o, off);
	p9_put32(&o, count);
	e.count = count;
	err = rpc(c, &o, &e, &r);
	if (!err) {
		memcpy(buf, r.data.data, r.data.count);
		err = (int)r.data.count;
	}
	UNLOCK(c);
	return err;
}

ssize_t p9c_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t n)
{
	uint32_t count = n < p9c_iounit(c) ? (uint32_t)n : p9c_iounit(c);

	REQUEST(c, P9_TWRITE);
	p9_put32(&o, fid);
	p9_put64(&o, off);
	p9_put32(&o, count);
	p9_putbytes(&o, buf, count);
	e.count = count;
	err = rpc(c, &o, &e, &r);
	if (!err)
		err = (int)r.write.count;
	/* nothing written for a non-empty request would loop forever */
	if (err == 0 && count)
		err = -EIO;
	UNLOCK(c);
	return err;
}

int p9c_readdir(struct p9_client *c, uint32_t fid, uint64_t off,
		int (*fn)(void *ctx, const struct p9_dirent *d), void *ctx)
{
	uint32_t count = c->msize - P9_RREAD_HDR, pos = 0;
	struct p9_dirent d;
	int taken = 0, more;

	REQUEST(c, P9_TREADDIR);
	p9_put32(&o, fid);
	p9_put64(&o, off);
	p9_put32(&o, count);
	e.count = count;
	err = rpc(c, &o, &e, &r);
	while (!err && (more = p9_dirent_next(r.data.data, r.data.count, &pos, &d)) != 0) {
		if (more < 0) {
			err = more;
			break;
		}
		taken++;
		if (fn(ctx, &d))
			break;
	}
	UNLOCK(c);
	return err ? err : taken;
}

int p9c_fsync(struct p9_client *c, uint32_t fid)
{
	REQUEST(c, P9_TFSYNC);
	p9_put32(&o, fid);
	p9_put32(&o, 0); /* datasync: no, everything */
	err = rpc(c, &o, &e, &r);
	UNLOCK(c);
	return err;
}

void p9c_clunk(struct p9_client *c, uint32_t fid)
{
	if (fid == P9_NOFID)
		return;
	{
		REQUEST(c, P9_TCLUNK);
		p9_put32(&o, fid);
		err = rpc(c, &o, &e, &r);
		UNLOCK(c);
		/* The fid is gone whatever the answer (9P: clunk always
		 * releases it); a server that failed the clunk might still
		 * hold it, so that number is not reused. */
		if (!err)
			p9c_fid_free(c, fid);
	}
}
