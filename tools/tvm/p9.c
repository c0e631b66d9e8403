/* p9.c: tvm's 9P2000.L server — every request checked in this one place, then served on descriptors (p9host.c). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "ts/9p.h"
#include "p9host.h"

/* ---- the request: a cursor that fails once and stays failed ---- */

struct rq {
	const uint8_t *p;
	size_t len, pos;
	int bad;
};

static uint64_t get_le(struct rq *q, unsigned n)
{
	uint64_t v = 0;

	if (q->bad || n > q->len - q->pos) {
		q->bad = 1;
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)q->p[q->pos + i] << (8 * i);
	q->pos += n;
	return v;
}

static uint8_t get8(struct rq *q) { return (uint8_t)get_le(q, 1); }
static uint16_t get16(struct rq *q) { return (uint16_t)get_le(q, 2); }
static uint32_t get32(struct rq *q) { return (uint32_t)get_le(q, 4); }
static uint64_t get64(struct rq *q) { return get_le(q, 8); }

/* A string into buf (NUL-terminated, at most max bytes, no NUL inside). */
static void getstr(struct rq *q, char *buf, size_t max)
{
	uint16_t n = get16(q);

	buf[0] = '\0';
	if (q->bad || n > max || n > q->len - q->pos || memchr(q->p + q->pos, 0, n)) {
		q->bad = 1;
		return;
	}
	memcpy(buf, q->p + q->pos, n);
	buf[n] = '\0';
	q->pos += n;
}

#define NAME_NEW 0  /* a name to create or remove: not "." or ".." */
#define NAME_WALK 1 /* a walk's name: ".." allowed */

/* One path component: 1..255 bytes, no '/'. */
static void getname(struct rq *q, char buf[P9_NAME_MAX + 1], int kind)
{
	getstr(q, buf, P9_NAME_MAX);
	if (q->bad || !buf[0] || strchr(buf, '/') || !strcmp(buf, ".") ||
	    (kind == NAME_NEW && !strcmp(buf, "..")))
		q->bad = 1;
}

/* The request was all used, exactly. */
static int done(const struct rq *q)
{
	return q->bad || q->pos != q->len ? -EPROTO : 0;
}

/* ---- the reply ---- */

struct rp {
	uint8_t *p;
	size_t cap, len;
	int over;
};

static void put_le(struct rp *r, uint64_t v, unsigned n)
{
	if (r->over || n > r->cap - r->len) {
		r->over = 1;
		return;
	}
	for (unsigned i = 0; i < n; i++)
		r->p[r->len + i] = (uint8_t)(v >> (8 * i));
	r->len += n;
}

static void put8(struct rp *r, uint8_t v) { put_le(r, v, 1); }
static void put16(struct rp *r, uint16_t v) { put_le(r, v, 2); }
static void put32(struct rp *r, uint32_t v) { put_le(r, v, 4); }
static void put64(struct rp *r, uint64_t v) { put_le(r, v, 8); }

static void putstr(struct rp *r, const char *s, size_t n)
{
	put16(r, (uint16_t)n);
	if (r->over || n > r->cap - r->len) {
		r->over = 1;
		return;
	}
	memcpy(r->p + r->len, s, n);
	r->len += n;
}

/* The qid of a file: its inode, with the device mixed in when it lies
 * on another filesystem mounted inside the share. */
static void putqid_raw(struct rp *r, const struct tvm_p9 *s, uint32_t mode, uint64_t dev,
		       uint64_t ino)
{
	put8(r, S_ISDIR(mode) ? P9_QTDIR : S_ISLNK(mode) ? P9_QTSYMLINK : P9_QTFILE);
	put32(r, 0);
	put64(r, dev == s->root_dev ? ino : ino ^ (dev << 48));
}

static void putqid(struct rp *r, const struct tvm_p9 *s, const struct stat *st)
{
	putqid_raw(r, s, st->st_mode, st->st_dev, st->st_ino);
}

/* ---- fids ---- */

static struct tvm_p9_fid *fid_get(struct tvm_p9 *s, uint32_t fid)
{
	for (unsigned i = 0; i < TVM_P9_MAX_FIDS; i++)
		if (s->fids[i].used && s->fids[i].fid == fid)
			return &s->fids[i];
	return NULL;
}

/* A free slot for the new fid: NULL with *err -EEXIST (in use) or -EMFILE. */
static struct tvm_p9_fid *fid_new(struct tvm_p9 *s, uint32_t fid, int *err)
{
	struct tvm_p9_fid *free_slot = NULL;

	if (fid == P9_NOFID) {
		*err = -EINVAL;
		return NULL;
	}
	for (unsigned i = 0; i < TVM_P9_MAX_FIDS; i++) {
		if (s->fids[i].used && s->fids[i].fid == fid) {
			*err = -EEXIST;
			return NULL;
		}
		if (!s->fids[i].used && !free_slot)
			free_slot = &s->fids[i];
	}
	*err = -EMFILE;
	return free_slot;
}

static void fid_set(struct tvm_p9_fid *f, uint32_t fid, int fd, int iofd, int rw, uint32_t type)
{
	*f = (struct tvm_p9_fid){ .fid = fid, .used = 1, .fd = fd, .iofd = iofd, .iofd_rw = rw,
				  .type = type };
}

static void fid_release(struct tvm_p9_fid *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->iofd >= 0)
		close(f->iofd);
	memset(f, 0, sizeof(*f));
	f->fd = f->iofd = -1;
}

/* A walked (not opened) fid that exists: 0 or -errno. */
static int walked(struct tvm_p9_fid *f)
{
	if (!f)
		return -EBADF;
	return f->open ? -EBADF : 0;
}

/* ---- requests ---- */

static int h_version(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char version[65];
	uint32_t msize = get32(q);

	getstr(q, version, 64);
	if (done(q))
		return -EPROTO;
	for (unsigned i = 0; i < TVM_P9_MAX_FIDS; i++)
		if (s->fids[i].used)
			fid_release(&s->fids[i]);
	if (msize > r->cap)
		msize = (uint32_t)r->cap;
	if (msize > TVM_P9_MAX_MSIZE)
		msize = TVM_P9_MAX_MSIZE;
	s->msize = msize < P9_MIN_MSIZE ? 0 : msize;
	put32(r, msize);
	if (s->msize && !strcmp(version, P9_VERSION))
		putstr(r, P9_VERSION, strlen(P9_VERSION));
	else
		putstr(r, "unknown", 7);
	return 0;
}

static int h_attach(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char uname[256], aname[256];
	uint32_t fid = get32(q), afid = get32(q);
	struct tvm_p9_fid *f;
	struct stat st;
	int err, fd;

	getstr(q, uname, 255);
	getstr(q, aname, 255);
	get32(q);
	if (done(q))
		return -EPROTO;
	if (afid != P9_NOFID)
		return -EINVAL; /* no authentication */
	if (!(f = fid_new(s, fid, &err)))
		return err;
	fd = fcntl(s->rootfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if ((err = p9h_stat(fd, &st))) {
		close(fd);
		return err;
	}
	fid_set(f, fid, fd, -1, 0, S_IFDIR);
	putqid(r, s, &st);
	return 0;
}

static int h_walk(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char names[P9_MAXWELEM][P9_NAME_MAX + 1];
	uint32_t fid = get32(q), newfid = get32(q);
	uint16_t n = get16(q);
	struct tvm_p9_fid *f = fid_get(s, fid), *nf = NULL;
	struct stat st;
	int err = 0, cur, iofd = -1, rw = 0;
	uint16_t i;

	if (n > P9_MAXWELEM)
		return -EPROTO;
	for (i = 0; i < n; i++)
		getname(q, names[i], NAME_WALK);
	if (done(q))
		return -EPROTO;
	if ((err = walked(f)))
		return err;
	if (newfid != fid && !(nf = fid_new(s, newfid, &err)))
		return err;
	cur = fcntl(f->fd, F_DUPFD_CLOEXEC, 0);
	if (cur < 0)
		return -errno;
	put16(r, 0); /* nwqid, set below */
	for (i = 0; i < n; i++) {
		int next = p9h_walk1(s, cur, names[i]);

		if (next < 0 || (err = p9h_stat(next, &st))) {
			if (next >= 0)
				close(next);
			err = next < 0 ? next : err;
			break;
		}
		/* a regular file is opened for I/O now, from its directory */
		if (i + 1 == n && S_ISREG(st.st_mode)) {
			iofd = p9h_open_io(s, cur, names[i], next, &rw);
			iofd = iofd < 0 ? -1 : iofd;
		}
		close(cur);
		cur = next;
		putqid(r, s, &st);
	}
	if (i < n) {
		close(cur);
		if (i == 0)
			return err; /* nothing walked: the error itself */
		r->p[P9_HDR] = (uint8_t)i; /* a partial walk: newfid not made */
		return 0;
	}
	if (n == 0) {
		if ((err = p9h_stat(cur, &st))) {
			close(cur);
			return err;
		}
		if (f->iofd >= 0 && S_ISREG(st.st_mode)) {
			iofd = fcntl(f->iofd, F_DUPFD_CLOEXEC, 0);
			rw = f->iofd_rw;
		}
	}
	r->p[P9_HDR] = (uint8_t)n;
	if (newfid == fid) {
		fid_release(f);
		nf = f;
	}
	fid_set(nf, newfid, cur, iofd, rw, st.st_mode & S_IFMT);
	return 0;
}

static int h_lopen(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	uint32_t fid = get32(q), flags = get32(q), acc = flags & P9_L_ACCMODE;
	struct tvm_p9_fid *f = fid_get(s, fid);
	struct stat st;
	int err;

	if (done(q) || acc == 3)
		return done(q) ? -EPROTO : -EINVAL;
	if ((err = walked(f)) || (err = p9h_stat(f->fd, &st)))
		return err;
	if (S_ISDIR(st.st_mode)) {
		if (acc != P9_L_RDONLY)
			return -EISDIR;
		if (f->iofd < 0 && (f->iofd = p9h_open_dir(f->fd)) < 0) {
			err = f->iofd;
			f->iofd = -1;
			return err;
		}
	} else if (S_ISREG(st.st_mode)) {
		if (acc != P9_L_RDONLY && s->ro)
			return -EROFS;
		if (f->iofd < 0 || (acc != P9_L_RDONLY && !f->iofd_rw))
			return -EACCES;
		if ((flags & P9_L_TRUNC) && acc != P9_L_RDONLY && ftruncate(f->iofd, 0))
			return -errno;
	} else {
		return -EOPNOTSUPP; /* links are read with Treadlink; no devices */
	}
	f->open = 1 + (int)acc;
	putqid(r, s, &st);
	put32(r, 0);
	return 0;
}

static int h_lcreate(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char name[P9_NAME_MAX + 1];
	uint32_t fid = get32(q), flags, mode;
	struct tvm_p9_fid *f = fid_get(s, fid);
	struct stat st;
	int err, iofd, fd;

	getname(q, name, NAME_NEW);
	flags = get32(q);
	mode = get32(q);
	get32(q);
	if (done(q))
		return -EPROTO;
	if ((err = walked(f)))
		return err;
	if (f->type != S_IFDIR)
		return -ENOTDIR;
	if (s->ro)
		return -EROFS;
	iofd = p9h_openat(f->fd, name, O_RDWR | O_CREAT | O_NOFOLLOW | (flags & P9_L_EXCL ? O_EXCL : 0),
			  mode & 07777, P9H_BENEATH);
	if (iofd < 0)
		return iofd;
	fd = p9h_walk1(s, f->fd, name);
	if (fd < 0 || (err = p9h_stat(fd, &st)) || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		close(iofd);
		return fd < 0 ? fd : err ? err : -EISDIR;
	}
	fid_release(f);
	fid_set(f, fid, fd, iofd, 1, S_IFREG);
	f->open = 1 + (int)((flags & P9_L_ACCMODE) == 3 ? P9_L_RDWR : flags & P9_L_ACCMODE);
	putqid(r, s, &st);
	put32(r, 0);
	return 0;
}

/* The qid of name, just made in directory fd. */
static int qid_of(struct tvm_p9 *s, int fd, const char *name, struct rp *r)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -errno;
	putqid(r, s, &st);
	return 0;
}

/* A walked directory fid to change, on a writable share. */
static int dir_to_change(struct tvm_p9 *s, struct tvm_p9_fid *f)
{
	int err = walked(f);

	if (err)
		return err;
	if (f->type != S_IFDIR)
		return -ENOTDIR;
	return s->ro ? -EROFS : 0;
}

static int h_mkdir(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char name[P9_NAME_MAX + 1];
	uint32_t fid = get32(q), mode;
	int err;

	getname(q, name, NAME_NEW);
	mode = get32(q);
	get32(q);
	if (done(q))
		return -EPROTO;
	if ((err = dir_to_change(s, fid_get(s, fid))))
		return err;
	if (mkdirat(fid_get(s, fid)->fd, name, mode & 07777))
		return -errno;
	return qid_of(s, fid_get(s, fid)->fd, name, r);
}

static int h_symlink(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char name[P9_NAME_MAX + 1], target[P9_TARGET_MAX + 1];
	uint32_t fid = get32(q);
	int err;

	getname(q, name, NAME_NEW);
	getstr(q, target, P9_TARGET_MAX);
	get32(q);
	if (done(q) || !target[0])
		return -EPROTO;
	if ((err = dir_to_change(s, fid_get(s, fid))))
		return err;
	/* the target is only data here: the server never follows links */
	if (symlinkat(target, fid_get(s, fid)->fd, name))
		return -errno;
	return qid_of(s, fid_get(s, fid)->fd, name, r);
}

static int h_link(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char name[P9_NAME_MAX + 1];
	uint32_t dfid = get32(q), fid = get32(q);
	struct tvm_p9_fid *f = fid_get(s, fid);
	int err;

	(void)r;
	getname(q, name, NAME_NEW);
	if (done(q))
		return -EPROTO;
	if ((err = dir_to_change(s, fid_get(s, dfid))) || (err = walked(f)))
		return err;
	if (f->type == S_IFDIR)
		return -EPERM;
	/* linking a descriptor needs CAP_DAC_READ_SEARCH before Linux 6.10 */
	if (linkat(f->fd, "", fid_get(s, dfid)->fd, name, AT_EMPTY_PATH))
		return -errno;
	return 0;
}

static int h_renameat(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char oldname[P9_NAME_MAX + 1], newname[P9_NAME_MAX + 1];
	uint32_t ofid = get32(q), nfid;
	int err;

	(void)r;
	getname(q, oldname, NAME_NEW);
	nfid = get32(q);
	getname(q, newname, NAME_NEW);
	if (done(q))
		return -EPROTO;
	if ((err = dir_to_change(s, fid_get(s, ofid))) || (err = dir_to_change(s, fid_get(s, nfid))))
		return err;
	if (renameat(fid_get(s, ofid)->fd, oldname, fid_get(s, nfid)->fd, newname))
		return -errno;
	return 0;
}

static int h_unlinkat(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char name[P9_NAME_MAX + 1];
	uint32_t fid = get32(q), flags;
	int err;

	(void)r;
	getname(q, name, NAME_NEW);
	flags = get32(q);
	if (done(q))
		return -EPROTO;
	if (flags & ~(uint32_t)P9_AT_REMOVEDIR)
		return -EINVAL;
	if ((err = dir_to_change(s, fid_get(s, fid))))
		return err;
	if (unlinkat(fid_get(s, fid)->fd, name, flags ? AT_REMOVEDIR : 0))
		return -errno;
	return 0;
}

static int h_readlink(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	char target[P9_TARGET_MAX + 1];
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	ssize_t n;

	if (done(q))
		return -EPROTO;
	if (!f)
		return -EBADF;
	if (f->type != S_IFLNK)
		return -EINVAL;
	n = readlinkat(f->fd, "", target, sizeof target);
	if (n < 0)
		return -errno;
	if (n == 0 || n > P9_TARGET_MAX)
		return -ENAMETOOLONG;
	putstr(r, target, (size_t)n);
	return 0;
}

static int h_getattr(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	struct stat st;
	int err;

	get64(q); /* request_mask: the basic set is always sent */
	if (done(q))
		return -EPROTO;
	if (!f)
		return -EBADF;
	if ((err = p9h_stat(f->fd, &st)))
		return err;
	put64(r, P9_GETATTR_BASIC);
	putqid(r, s, &st);
	put32(r, st.st_mode);
	put32(r, st.st_uid);
	put32(r, st.st_gid);
	put64(r, st.st_nlink);
	put64(r, st.st_rdev);
	put64(r, (uint64_t)st.st_size);
	put64(r, (uint64_t)st.st_blksize);
	put64(r, (uint64_t)st.st_blocks);
	put64(r, (uint64_t)st.st_atim.tv_sec);
	put64(r, (uint64_t)st.st_atim.tv_nsec);
	put64(r, (uint64_t)st.st_mtim.tv_sec);
	put64(r, (uint64_t)st.st_mtim.tv_nsec);
	put64(r, (uint64_t)st.st_ctim.tv_sec);
	put64(r, (uint64_t)st.st_ctim.tv_nsec);
	for (int i = 0; i < 4; i++)
		put64(r, 0); /* btime, gen, data_version */
	return 0;
}

/* A descriptor to change attributes through: the file's own for I/O, or
 * a directory's opened for the purpose (*tmp: close it after). */
static int attr_fd(struct tvm_p9_fid *f, int *tmp)
{
	*tmp = -1;
	if (f->type == S_IFREG)
		return f->iofd >= 0 ? f->iofd : -EACCES;
	if (f->type == S_IFDIR) {
		*tmp = p9h_open_dir(f->fd);
		return *tmp;
	}
	return -EOPNOTSUPP; /* links: nothing to change */
}

#define SETATTR_KNOWN (P9_SETATTR_MODE | P9_SETATTR_SIZE | P9_SETATTR_ATIME | P9_SETATTR_MTIME | \
		       P9_SETATTR_CTIME | P9_SETATTR_ATIME_SET | P9_SETATTR_MTIME_SET)

static int h_setattr(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	uint32_t valid = get32(q), mode = get32(q);
	uint64_t size, t[4];
	int fd, tmp, err = 0;

	(void)r;
	get32(q);
	get32(q);
	size = get64(q);
	for (int i = 0; i < 4; i++)
		t[i] = get64(q);
	if (done(q))
		return -EPROTO;
	if (!f)
		return -EBADF;
	if (valid & ~(uint32_t)SETATTR_KNOWN)
		return -EPERM; /* owners stay as they are */
	if (s->ro)
		return -EROFS;
	if (!(valid & ~(uint32_t)P9_SETATTR_CTIME))
		return 0;
	if ((valid & P9_SETATTR_SIZE) && (f->type != S_IFREG || size > INT64_MAX))
		return f->type == S_IFDIR ? -EISDIR : -EINVAL;
	if ((fd = attr_fd(f, &tmp)) < 0)
		return fd;
	if ((valid & P9_SETATTR_MODE) && fchmod(fd, mode & 07777))
		err = -errno;
	if (!err && (valid & P9_SETATTR_SIZE))
		err = !f->iofd_rw ? -EACCES : ftruncate(fd, (off_t)size) ? -errno : 0;
	if (!err && (valid & (P9_SETATTR_ATIME | P9_SETATTR_MTIME))) {
		struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };

		if (valid & P9_SETATTR_ATIME)
			ts[0] = valid & P9_SETATTR_ATIME_SET ?
				(struct timespec){ (time_t)t[0], (long)t[1] } : (struct timespec){ 0, UTIME_NOW };
		if (valid & P9_SETATTR_MTIME)
			ts[1] = valid & P9_SETATTR_MTIME_SET ?
				(struct timespec){ (time_t)t[2], (long)t[3] } : (struct timespec){ 0, UTIME_NOW };
		if (futimens(fd, ts))
			err = -errno;
	}
	if (tmp >= 0)
		close(tmp);
	return err;
}

/* One Rreaddir entry per dirent64 record that fits in count bytes. */
static int h_readdir(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	static uint8_t buf[64 * 1024];
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	uint64_t off = get64(q);
	uint32_t count = get32(q);
	size_t start, room;
	long n;

	if (done(q))
		return -EPROTO;
	if (!f || f->open != 1 + P9_L_RDONLY || f->type != S_IFDIR)
		return -EBADF;
	if (off > INT64_MAX)
		return -EINVAL;
	put32(r, 0); /* count, set below */
	start = r->len;
	room = r->cap - start < count ? r->cap - start : count;
	if (lseek(f->iofd, (off_t)off, SEEK_SET) < 0)
		return -errno;
	n = syscall(SYS_getdents64, f->iofd, buf, room < sizeof buf ? room : sizeof buf);
	if (n < 0)
		return -errno;
	for (long pos = 0; pos < n;) {
		struct dirent64 *d = (struct dirent64 *)(buf + pos);
		size_t len = strlen(d->d_name);
		uint32_t mode = d->d_type == DT_DIR ? S_IFDIR : d->d_type == DT_LNK ? S_IFLNK : S_IFREG;

		if (r->len - start + P9_QID_SIZE + 8 + 1 + 2 + len > room)
			break;
		putqid_raw(r, s, mode, s->root_dev, d->d_ino);
		put64(r, (uint64_t)d->d_off);
		put8(r, d->d_type);
		putstr(r, d->d_name, len);
		pos += d->d_reclen;
	}
	if (n > 0 && r->len == start)
		return -EINVAL; /* count too small for one entry */
	for (unsigned i = 0; i < 4; i++)
		r->p[P9_HDR + i] = (uint8_t)((r->len - start) >> (8 * i));
	return 0;
}

static int h_fsync(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));

	(void)r;
	if (q->len - q->pos == 4)
		get32(q); /* datasync, which newer clients send */
	if (done(q))
		return -EPROTO;
	if (!f || !f->open || f->iofd < 0)
		return -EBADF;
	return fsync(f->iofd) ? -errno : 0;
}

static int h_read(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	uint64_t off = get64(q);
	uint32_t count = get32(q);
	ssize_t n;

	if (done(q))
		return -EPROTO;
	if (!f || !f->open || f->open == 1 + P9_L_WRONLY)
		return -EBADF;
	if (f->type != S_IFREG)
		return -EISDIR;
	if (off > INT64_MAX)
		return -EINVAL;
	if (count > r->cap - P9_RREAD_HDR)
		count = (uint32_t)(r->cap - P9_RREAD_HDR);
	do
		n = pread(f->iofd, r->p + P9_RREAD_HDR, count, (off_t)off);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	put32(r, (uint32_t)n);
	r->len += (size_t)n;
	return 0;
}

static int h_write(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));
	uint64_t off = get64(q);
	uint32_t count = get32(q);
	ssize_t n;

	if (q->bad || count != q->len - q->pos)
		return -EPROTO;
	if (!f || !f->open || f->open == 1 + P9_L_RDONLY)
		return -EBADF;
	if (s->ro)
		return -EROFS;
	if (off > INT64_MAX || count > INT64_MAX - off)
		return -EFBIG;
	do
		n = pwrite(f->iofd, q->p + q->pos, count, (off_t)off);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	put32(r, (uint32_t)n);
	return 0;
}

static int h_clunk(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	struct tvm_p9_fid *f = fid_get(s, get32(q));

	(void)r;
	if (done(q))
		return -EPROTO;
	if (!f)
		return -EBADF;
	fid_release(f);
	return 0;
}

static int h_flush(struct tvm_p9 *s, struct rq *q, struct rp *r)
{
	(void)s;
	(void)r;
	get16(q); /* requests are answered at once: nothing to flush */
	return done(q);
}

typedef int (*handler)(struct tvm_p9 *, struct rq *, struct rp *);

static const struct {
	uint8_t type;
	handler fn;
} handlers[] = {
	{ P9_TVERSION, h_version }, { P9_TATTACH, h_attach }, { P9_TWALK, h_walk },
	{ P9_TLOPEN, h_lopen }, { P9_TLCREATE, h_lcreate }, { P9_TMKDIR, h_mkdir },
	{ P9_TSYMLINK, h_symlink }, { P9_TLINK, h_link }, { P9_TRENAMEAT, h_renameat },
	{ P9_TUNLINKAT, h_unlinkat }, { P9_TREADLINK, h_readlink }, { P9_TGETATTR, h_getattr },
	{ P9_TSETATTR, h_setattr }, { P9_TREADDIR, h_readdir }, { P9_TFSYNC, h_fsync },
	{ P9_TREAD, h_read }, { P9_TWRITE, h_write }, { P9_TCLUNK, h_clunk },
	{ P9_TFLUSH, h_flush },
};

static long rlerror(uint8_t *rep, uint16_t tag, int err)
{
	struct rp r = { rep, P9_HDR + 4, 0, 0 };

	put32(&r, P9_HDR + 4);
	put8(&r, P9_RLERROR);
	put16(&r, tag);
	put32(&r, (uint32_t)-err);
	return (long)r.len;
}

long tvm_p9_serve(struct tvm_p9 *s, const uint8_t *req, size_t len, uint8_t *rep, size_t cap)
{
	struct rq q = { req, len, 0, 0 };
	uint32_t size;
	uint8_t type;
	uint16_t tag;
	struct rp r;
	int err = -EOPNOTSUPP;

	if (len < P9_HDR || cap < P9_HDR + 4)
		return -EINVAL;
	size = get32(&q);
	type = get8(&q);
	tag = get16(&q);
	if (size != len)
		return rlerror(rep, tag, -EPROTO);
	if (s->msize && cap > s->msize)
		cap = s->msize;
	r = (struct rp){ rep, cap, P9_HDR, 0 };
	if (!s->msize && type != P9_TVERSION)
		return rlerror(rep, tag, -EPROTO);
	for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		if (handlers[i].type == type)
			err = handlers[i].fn(s, &q, &r);
	if (err)
		return rlerror(rep, tag, err);
	if (r.over)
		return rlerror(rep, tag, -EMSGSIZE);
	{ /* the header, in front of the body */
		struct rp h = { rep, P9_HDR, 0, 0 };

		put32(&h, (uint32_t)r.len);
		put8(&h, (uint8_t)(type + 1));
		put16(&h, tag);
	}
	return (long)r.len;
}

int tvm_p9_init(struct tvm_p9 *s, const char *dir, int ro, char *err, size_t errlen)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < TVM_P9_MAX_FIDS; i++)
		s->fids[i].fd = s->fids[i].iofd = -1;
	s->ro = ro;
	s->rootfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (s->rootfd < 0 || fstat(s->rootfd, &st)) {
		snprintf(err, errlen, "%s: %s", dir, errno == ENOTDIR ? "not a folder" : strerror(errno));
		if (s->rootfd >= 0)
			close(s->rootfd);
		s->rootfd = -1;
		return -1;
	}
	s->root_dev = st.st_dev;
	s->root_ino = st.st_ino;
	return 0;
}

void tvm_p9_fini(struct tvm_p9 *s)
{
	for (unsigned i = 0; i < TVM_P9_MAX_FIDS; i++)
		if (s->fids[i].used)
			fid_release(&s->fids[i]);
	if (s->rootfd >= 0)
		close(s->rootfd);
	s->rootfd = -1;
}
