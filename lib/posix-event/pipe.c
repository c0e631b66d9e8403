/* pipe.c: pipe and pipe2 — a 64 KiB ring buffer between a read end and a write end, as Linux's pipes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/syscall.h>
#include "event.h"

#define PIPE_BUF 4096             /* writes up to this size are atomic */
#define PIPE_DEF_SIZE 65536       /* Linux's default capacity (16 pages) */
#define PIPE_MAX_SIZE 1048576     /* Linux's /proc/sys/fs/pipe-max-size */
#define PAGE 4096
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#define FIONREAD 0x541b
#define PIPE_DEV 0xc              /* st_dev: an anonymous device, as pipefs has */

struct pipe {
	struct ts_mutex lock;
	char *buf;                /* cap bytes, allocated at the first write */
	size_t cap, head, len;    /* data: len bytes from head, wrapping */
	struct ts_file *rfile;    /* the ends; NULL once released */
	struct ts_file *wfile;
	struct ts_waitq readers;  /* threads waiting for data */
	struct ts_waitq writers;  /* threads waiting for room */
	uint64_t ino;
};

static uint64_t next_ino = 1;

/* Tell the waiters and the pollers of the other end; lock held. */
static void wake_readers(struct pipe *p)
{
	ts_waitq_wake_all(&p->readers);
	if (p->rfile)
		ts_vfs_poll_wake(p->rfile);
}

static void wake_writers(struct pipe *p)
{
	ts_waitq_wake_all(&p->writers);
	if (p->wfile)
		ts_vfs_poll_wake(p->wfile);
}

/* Copy up to n bytes out of the ring; lock held. */
static size_t take(struct pipe *p, char *dst, size_t n)
{
	size_t c = n < p->len ? n : p->len;
	size_t first = p->cap - p->head < c ? p->cap - p->head : c;

	memcpy(dst, p->buf + p->head, first);
	memcpy(dst + first, p->buf, c - first);
	p->head = (p->head + c) % p->cap;
	p->len -= c;
	return c;
}

/* Copy up to n bytes into the ring; lock held, buffer allocated. */
static size_t put(struct pipe *p, const char *src, size_t n)
{
	size_t room = p->cap - p->len, c = n < room ? n : room;
	size_t tail = (p->head + p->len) % p->cap;
	size_t first = p->cap - tail < c ? p->cap - tail : c;

	memcpy(p->buf + tail, src, first);
	memcpy(p->buf, src + first, c - first);
	p->len += c;
	return c;
}

static ssize_t pipe_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	struct pipe *p = f->priv;
	ssize_t r;

	(void)pos;
	ts_mutex_lock(&p->lock);
	for (;;) {
		if (p->len) {
			r = (ssize_t)take(p, buf, n);
			wake_writers(p);
			break;
		}
		if (!p->wfile) {
			r = 0; /* every writer is gone: the end */
			break;
		}
		if (ev_nonblock(f)) {
			r = -EAGAIN;
			break;
		}
		r = ev_wait_unlocked(&p->readers, &p->lock);
		if (r)
			break; /* -EINTR */
	}
	ts_mutex_unlock(&p->lock);
	return r;
}

/*
 * Writes of at most PIPE_BUF bytes go in whole or wait for room; larger
 * ones go in pieces as room appears (readers may see a part). Blocking
 * writes return when all is written, or with what was written when a
 * signal or the last reader's close cuts them short.
 */
static ssize_t pipe_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0;
	ssize_t r = 0;

	(void)pos;
	ts_mutex_lock(&p->lock);
	while (done < n) {
		size_t room = p->cap - p->len;

		if (!p->rfile) {
			r = -EPIPE;
			break;
		}
		if (!p->buf && !(p->buf = malloc(p->cap))) {
			r = -ENOMEM;
			break;
		}
		if (room && (n > PIPE_BUF || room >= n)) {
			done += put(p, (const char *)buf + done, n - done);
			wake_readers(p);
			continue;
		}
		if (ev_nonblock(f)) {
			r = -EAGAIN;
			break;
		}
		r = ev_wait_unlocked(&p->writers, &p->lock);
		if (r)
			break; /* -EINTR */
	}
	ts_mutex_unlock(&p->lock);
	if (r == -EPIPE)
		ev_sigpipe(); /* as Linux, even after a part went in */
	return done ? (ssize_t)done : r;
}

/* The read end reports data and the writers' end; the write end room for
 * an atomic write and the readers' end. */
static unsigned int pipe_poll(struct ts_file *f, unsigned int events)
{
	struct pipe *p = f->priv;
	unsigned int ready = 0;

	ts_mutex_lock(&p->lock);
	if (f == p->rfile) {
		if (p->len)
			ready |= TS_POLLIN | TS_POLLRDNORM;
		if (!p->wfile)
			ready |= TS_POLLHUP;
	} else {
		if (p->cap - p->len >= PIPE_BUF)
			ready |= TS_POLLOUT | TS_POLLWRNORM;
		if (!p->rfile)
			ready |= TS_POLLERR;
	}
	ts_mutex_unlock(&p->lock);
	return ready & events;
}

static int pipe_stat(struct ts_file *f, struct ts_stat *st)
{
	struct pipe *p = f->priv;

	memset(st, 0, sizeof(*st));
	st->st_dev = PIPE_DEV;
	st->st_ino = p->ino;
	st->st_mode = TS_S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PAGE;
	return 0;
}

static int pipe_ioctl(struct ts_file *f, unsigned long request, void *arg)
{
	struct pipe *p = f->priv;

	if (request != FIONREAD)
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	ts_mutex_lock(&p->lock);
	*(int *)arg = (int)p->len;
	ts_mutex_unlock(&p->lock);
	return 0;
}

/* F_SETPIPE_SZ: a power-of-two number of pages, at least one; the data
 * must fit (-EBUSY); beyond pipe-max-size -EPERM, as for a program
 * without CAP_SYS_RESOURCE. */
static long set_size(struct pipe *p, unsigned long arg)
{
	size_t cap = PAGE;
	char *nbuf = NULL;

	if (arg > PIPE_MAX_SIZE)
		return arg > (1ul << 31) ? -EINVAL : -EPERM;
	while (cap < arg)
		cap <<= 1;
	ts_mutex_lock(&p->lock);
	if (cap == p->cap)
		goto out;
	if (p->len > cap) {
		ts_mutex_unlock(&p->lock);
		return -EBUSY;
	}
	if (p->buf) {
		nbuf = malloc(cap);
		if (!nbuf) {
			ts_mutex_unlock(&p->lock);
			return -ENOMEM;
		}
		size_t len = take(p, nbuf, p->len);
		free(p->buf);
		p->buf = nbuf;
		p->head = 0;
		p->len = len;
	}
	p->cap = cap;
	wake_writers(p); /* room may have grown */
out:
	ts_mutex_unlock(&p->lock);
	return (long)cap;
}

static long pipe_fcntl(struct ts_file *f, int cmd, unsigned long arg)
{
	struct pipe *p = f->priv;

	if (cmd == F_GETPIPE_SZ)
		return (long)__atomic_load_n(&p->cap, __ATOMIC_RELAXED);
	if (cmd == F_SETPIPE_SZ)
		return set_size(p, (unsigned int)arg); /* Linux reads an unsigned int */
	return -EINVAL;
}

/* One end goes: the other side learns it (EOF, EPIPE, POLLHUP, POLLERR);
 * the second end frees the pipe. */
static void pipe_release(struct ts_file *f)
{
	struct pipe *p = f->priv;
	int last;

	ts_mutex_lock(&p->lock);
	if (f == p->rfile) {
		p->rfile = NULL;
		wake_writers(p);
	} else {
		p->wfile = NULL;
		wake_readers(p);
	}
	last = !p->rfile && !p->wfile;
	ts_mutex_unlock(&p->lock);
	if (last) {
		free(p->buf);
		free(p);
	}
}

static const struct ts_file_ops pipe_ops = {
	.read = pipe_read, .write = pipe_write, .stat = pipe_stat, .ioctl = pipe_ioctl,
	.poll = pipe_poll, .fcntl = pipe_fcntl, .release = pipe_release,
};

/* Make the two ends and their descriptors (read end first, as Linux). */
static long make_pipe(int fds[2], int flags)
{
	struct pipe *p = calloc(1, sizeof(*p));
	unsigned int status = (unsigned int)flags & TS_O_NONBLOCK;
	int fdflags = flags & TS_O_CLOEXEC, rfd, wfd;

	if (!p)
		return -ENOMEM;
	ts_mutex_init(&p->lock, 0);
	p->cap = PIPE_DEF_SIZE;
	p->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	p->rfile = ts_file_new(&pipe_ops, p, TS_O_RDONLY | status);
	p->wfile = ts_file_new(&pipe_ops, p, TS_O_WRONLY | status);
	if (!p->rfile || !p->wfile) {
		free(p->rfile);
		free(p->wfile);
		free(p);
		return -ENOMEM;
	}
	rfd = ts_vfs_file_install(p->rfile, fdflags);
	if (rfd < 0) {
		ts_file_put(p->rfile);
		ts_file_put(p->wfile);
		return rfd;
	}
	wfd = ts_vfs_file_install(p->wfile, fdflags);
	if (wfd < 0) {
		ts_file_put(p->wfile);
		ts_vfs_close(rfd);
		return wfd;
	}
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}

/* O_DIRECT ("packet mode") is not supported: -EINVAL (docs/posix-event.md). */
TS_SYSCALL_DEFINE2(pipe2, "pd:d", int *, fds, int, flags)
{
	if (flags & ~(TS_O_CLOEXEC | TS_O_NONBLOCK))
		return -EINVAL;
	if (!ts_user_ok(fds, 2 * sizeof(int), 1))
		return -EFAULT;
	return make_pipe(fds, flags);
}

TS_SYSCALL_DEFINE1(pipe, "p:d", int *, fds)
{
	if (!ts_user_ok(fds, 2 * sizeof(int), 1))
		return -EFAULT;
	return make_pipe(fds, 0);
}
