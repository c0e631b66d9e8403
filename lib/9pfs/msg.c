/* msg.c: 9P2000.L requests built, replies checked and decoded — every byte from the server is checked here. */
#include <errno.h>
#include <string.h>
#include "msg.h"

/* ---- building requests ---- */

static uint8_t *room(struct p9_out *o, size_t n)
{
	uint8_t *p;

	if (o->err || n > o->cap - o->len) {
		o->err = -EMSGSIZE;
		return NULL;
	}
	p = o->buf + o->len;
	o->len += (uint32_t)n;
	return p;
}

static void put_le(struct p9_out *o, uint64_t v, unsigned n)
{
	uint8_t *p = room(o, n);

	for (unsigned i = 0; p && i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void p9_put8(struct p9_out *o, uint8_t v) { put_le(o, v, 1); }
void p9_put16(struct p9_out *o, uint16_t v) { put_le(o, v, 2); }
void p9_put32(struct p9_out *o, uint32_t v) { put_le(o, v, 4); }
void p9_put64(struct p9_out *o, uint64_t v) { put_le(o, v, 8); }

void p9_putbytes(struct p9_out *o, const void *src, size_t len)
{
	uint8_t *p = room(o, len);

	if (p && len)
		memcpy(p, src, len);
}

void p9_putstr(struct p9_out *o, const char *s, size_t len)
{
	if (len > 0xffff) {
		o->err = -EMSGSIZE;
		return;
	}
	p9_put16(o, (uint16_t)len);
	p9_putbytes(o, s, len);
}

void p9_begin(struct p9_out *o, uint8_t *buf, uint32_t cap, uint8_t type, uint16_t tag)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	o->err = 0;
	p9_put32(o, 0); /* size, filled by p9_end */
	p9_put8(o, type);
	p9_put16(o, tag);
}

long p9_end(struct p9_out *o)
{
	if (o->err)
		return o->err;
	for (unsigned i = 0; i < 4; i++)
		o->buf[i] = (uint8_t)(o->len >> (8 * i));
	return o->len;
}

/* ---- reading replies: a cursor that fails once and stays failed ---- */

struct in {
	const uint8_t *p;
	size_t len, pos;
	int bad;
};

static uint64_t get_le(struct in *in, unsigned n)
{
	uint64_t v = 0;

	if (in->bad || n > in->len - in->pos) {
		in->bad = 1;
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)in->p[in->pos + i] << (8 * i);
	in->pos += n;
	return v;
}

static uint8_t get8(struct in *in) { return (uint8_t)get_le(in, 1); }
static uint16_t get16(struct in *in) { return (uint16_t)get_le(in, 2); }
static uint32_t get32(struct in *in) { return (uint32_t)get_le(in, 4); }
static uint64_t get64(struct in *in) { return get_le(in, 8); }

/* n bytes in place, or NULL (and bad) when they are not there. */
static const uint8_t *getbytes(struct in *in, size_t n)
{
	const uint8_t *p = in->p + in->pos;

	if (in->bad || n > in->len - in->pos) {
		in->bad = 1;
		return NULL;
	}
	in->pos += n;
	return p;
}

/* A string of 1..max bytes without NUL (and, for names, without '/'). */
static const char *getstr(struct in *in, uint16_t *len, size_t max, int name)
{
	uint16_t n = get16(in);
	const uint8_t *s = getbytes(in, n);

	if (!s || n == 0 || n > max || memchr(s, 0, n) || (name && memchr(s, '/', n))) {
		in->bad = 1;
		return NULL;
	}
	*len = n;
	return (const char *)s;
}

#define QT_KNOWN (P9_QTDIR | P9_QTAPPEND | P9_QTEXCL | P9_QTMOUNT | P9_QTAUTH | P9_QTTMP | \
		  P9_QTSYMLINK | P9_QTLINK)

static void getqid(struct in *in, struct p9_qid *q)
{
	q->type = get8(in);
	q->version = get32(in);
	q->path = get64(in);
	/* a directory is not a link, and nothing is both */
	if ((q->type & ~QT_KNOWN) || ((q->type & P9_QTDIR) && (q->type & P9_QTSYMLINK)))
		in->bad = 1;
}

/* Linux's S_IFMT types a server may report. */
static int mode_ok(uint32_t mode, uint8_t qtype)
{
	uint32_t t = mode & 0170000;

	if (mode & ~(uint32_t)0177777)
		return 0;
	if (t != 0040000 && t != 0100000 && t != 0120000 && t != 0010000 && t != 0020000 &&
	    t != 0060000 && t != 0140000)
		return 0;
	/* the qid says directory / link exactly when the mode does */
	return !!(qtype & P9_QTDIR) == (t == 0040000) && !!(qtype & P9_QTSYMLINK) == (t == 0120000);
}

static int time_ok(int64_t sec, int64_t nsec)
{
	(void)sec;
	return nsec >= 0 && nsec < 1000000000;
}

static void getattr_body(struct in *in, struct p9_attr *a)
{
	uint64_t valid = get64(in);

	getqid(in, &a->qid);
	a->mode = get32(in);
	a->uid = get32(in);
	a->gid = get32(in);
	a->nlink = get64(in);
	a->rdev = get64(in);
	a->size = get64(in);
	a->blksize = get64(in);
	a->blocks = get64(in);
	a->atime_sec = (int64_t)get64(in);
	a->atime_nsec = (int64_t)get64(in);
	a->mtime_sec = (int64_t)get64(in);
	a->mtime_nsec = (int64_t)get64(in);
	a->ctime_sec = (int64_t)get64(in);
	a->ctime_nsec = (int64_t)get64(in);
	getbytes(in, 4 * 8); /* btime, gen, data_version: not used */
	if ((valid & P9_GETATTR_BASIC) != P9_GETATTR_BASIC || !mode_ok(a->mode, a->qid.type) ||
	    a->size > INT64_MAX || a->blocks > INT64_MAX / 512 || !time_ok(a->atime_sec, a->atime_nsec) ||
	    !time_ok(a->mtime_sec, a->mtime_nsec) || !time_ok(a->ctime_sec, a->ctime_nsec))
		in->bad = 1;
}

/* The body of reply type t (a R-message). */
static int parse_body(struct in *in, const struct p9_expect *e, union p9_reply *out)
{
	uint16_t n;

	switch (e->type) {
	case P9_TVERSION: {
		const char *v;

		out->version.msize = get32(in);
		v = getstr(in, &n, 64, 0);
		if (in->bad)
			return -EIO;
		if (n != strlen(P9_VERSION) || memcmp(v, P9_VERSION, n))
			return -EPROTONOSUPPORT;
		if (out->version.msize < P9_MIN_MSIZE || out->version.msize > e->msize)
			return -EIO;
		break;
	}
	case P9_TATTACH:
	case P9_TMKDIR:
	case P9_TSYMLINK:
		getqid(in, &out->qid);
		break;
	case P9_TWALK:
		out->walk.nwqid = get16(in);
		if (out->walk.nwqid > e->nwname || (e->nwname && !out->walk.nwqid))
			return -EIO;
		for (unsigned i = 0; i < out->walk.nwqid; i++)
			getqid(in, &out->walk.wqid[i]);
		break;
	case P9_TLOPEN:
	case P9_TLCREATE:
		getqid(in, &out->open.qid);
		out->open.iounit = get32(in);
		break;
	case P9_TGETATTR:
		getattr_body(in, &out->attr);
		break;
	case P9_TREAD:
	case P9_TREADDIR:
		out->data.count = get32(in);
		if (out->data.count > e->count)
			return -EIO;
		out->data.data = getbytes(in, out->data.count);
		break;
	case P9_TWRITE:
		out->write.count = get32(in);
		if (out->write.count > e->count)
			return -EIO;
		break;
	case P9_TREADLINK: {
		uint16_t len;

		out->readlink.target = getstr(in, &len, P9_TARGET_MAX, 0);
		out->readlink.len = len;
		break;
	}
	case P9_TSETATTR:
	case P9_TCLUNK:
	case P9_TFSYNC:
	case P9_TLINK:
	case P9_TRENAMEAT:
	case P9_TUNLINKAT:
		break;
	default:
		return -EIO; /* a request this client never sends */
	}
	return in->bad ? -EIO : 0;
}

int p9_reply_parse(const uint8_t *rep, size_t len, const struct p9_expect *e,
		   union p9_reply *out)
{
	struct in in = { rep, len, 0, 0 };
	uint32_t size = get32(&in);
	uint8_t type = get8(&in);
	uint16_t tag = get16(&in);
	int r;

	if (in.bad || size != len || tag != e->tag)
		return -EIO;
	if (type == P9_RLERROR) {
		uint32_t ecode = get32(&in);

		if (in.bad || in.pos != len || ecode == 0 || ecode > 4095)
			return -EIO;
		return -(int)ecode;
	}
	if (type != e->type + 1)
		return -EIO;
	memset(out, 0, sizeof(*out));
	r = parse_body(&in, e, out);
	if (r)
		return r;
	return in.pos == len ? 0 : -EIO;
}

/* DT_UNKNOWN, FIFO, CHR, DIR, BLK, REG, LNK, SOCK */
#define DT_VALID (1u << 0 | 1u << 1 | 1u << 2 | 1u << 4 | 1u << 6 | 1u << 8 | 1u << 10 | 1u << 12)

int p9_dirent_next(const uint8_t *data, uint32_t count, uint32_t *pos, struct p9_dirent *d)
{
	struct in in = { data, count, *pos, 0 };
	const char *name;

	if (*pos >= count)
		return 0;
	getqid(&in, &d->qid);
	d->offset = get64(&in);
	d->type = get8(&in);
	name = getstr(&in, &d->len, P9_NAME_MAX, 1);
	if (in.bad || d->offset == 0 || d->offset > INT64_MAX)
		return -EIO;
	if (d->type > 12 || !((DT_VALID >> d->type) & 1))
		return -EIO;
	d->name = name;
	*pos = (uint32_t)in.pos;
	return 1;
}
