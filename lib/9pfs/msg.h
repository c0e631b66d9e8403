/* msg.h: 9P2000.L messages of lib/9pfs — building requests, and checking and decoding replies in one place (msg.c). */
#ifndef LIB9PFS_MSG_H
#define LIB9PFS_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <ts/9p.h>

struct p9_qid {
	uint8_t type;     /* P9_QT* */
	uint32_t version;
	uint64_t path;    /* the server's unique number for the file */
};

struct p9_attr {
	struct p9_qid qid;
	uint32_t mode;    /* Linux st_mode: type and permission bits */
	uint32_t uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	int64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

/* A request being built into buf[0..cap): p9_begin, the p9_put_* of its
 * body, p9_end. A field that does not fit sets err (-EMSGSIZE). */
struct p9_out {
	uint8_t *buf;
	uint32_t cap, len;
	int err;
};

void p9_begin(struct p9_out *o, uint8_t *buf, uint32_t cap, uint8_t type, uint16_t tag);
void p9_put8(struct p9_out *o, uint8_t v);
void p9_put16(struct p9_out *o, uint16_t v);
void p9_put32(struct p9_out *o, uint32_t v);
void p9_put64(struct p9_out *o, uint64_t v);
/* A string of len bytes (at most 65535). */
void p9_putstr(struct p9_out *o, const char *s, size_t len);
void p9_putbytes(struct p9_out *o, const void *p, size_t len);
/* Write the size field: the message's length, or -EMSGSIZE. */
long p9_end(struct p9_out *o);

/* What a reply is checked against: the request's type and tag, and for
 * some types what the request asked for. */
struct p9_expect {
	uint8_t type;       /* the T-message's type */
	uint16_t tag;
	uint16_t nwname;    /* Twalk: names sent */
	uint32_t count;     /* Tread, Twrite, Treaddir: bytes asked for / sent */
	uint32_t msize;     /* Tversion: the msize proposed */
};

/* A decoded reply. Pointers point into the reply buffer. */
union p9_reply {
	struct { uint32_t msize; } version;
	struct p9_qid qid;                                   /* attach, mkdir, symlink */
	struct { uint16_t nwqid; struct p9_qid wqid[P9_MAXWELEM]; } walk;
	struct { struct p9_qid qid; uint32_t iounit; } open; /* lopen, lcreate */
	struct p9_attr attr;                                 /* getattr */
	struct { const uint8_t *data; uint32_t count; } data; /* read, readdir */
	struct { uint32_t count; } write;
	struct { const char *target; uint32_t len; } readlink;
};

/*
 * Check the reply rep[0..len) to the request described by e and decode it
 * into *out. Every byte is checked here: the size field equals len, the
 * tag is e->tag, the type is e->type + 1 or Rlerror, every field fits
 * and the body is used exactly; strings hold no NUL (names: 1..255 bytes,
 * no '/'); qid types hold known bits only and agree with getattr's mode;
 * counts are within what was asked (walk: nwqid <= nwname, at least 1
 * when names were sent; read: count <= e->count; readdir entries are
 * checked by p9_dirent_next); Rversion's msize is P9_MIN_MSIZE..e->msize
 * and its version "9P2000.L". Returns 0, the server's error as -errno
 * (Rlerror: 1..4095), or -EIO for anything malformed (-EPROTONOSUPPORT
 * for another protocol version).
 */
int p9_reply_parse(const uint8_t *rep, size_t len, const struct p9_expect *e,
		   union p9_reply *out);

/* One entry of an Rreaddir's data. */
struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset;   /* where the next read resumes: 1..INT64_MAX */
	uint8_t type;      /* DT_* */
	const char *name;  /* name[len], not NUL-terminated */
	uint16_t len;      /* 1..P9_NAME_MAX, no '/' or NUL */
};

/*
 * The next entry of readdir data data[*pos..count): 1 with *d and *pos
 * advanced, 0 at the end, -EIO for a malformed entry (cut, bad name,
 * qid or type, an offset of 0 or above INT64_MAX).
 */
int p9_dirent_next(const uint8_t *data, uint32_t count, uint32_t *pos, struct p9_dirent *d);

#endif
