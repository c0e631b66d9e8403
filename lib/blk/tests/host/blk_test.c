/*
 * blk_test.c: host tests of lib/blk against a fake disk in memory whose
 * queue holds a set number of requests and completes one per poll:
 * names, splitting, several requests in flight, bounds, read-only disks,
 * a full queue (-EAGAIN, retried), device errors, two threads on one disk.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/blk.h>
#include <ts/errno.h>
#include <ts/hooks.h>
#include "hosttest.h"

#define EQ(a, b)                                                                       \
	do {                                                                           \
		long long a_ = (long long)(a), b_ = (long long)(b);                    \
		CHECK(a_ == b_, "line %d: %s is %lld, want %lld", __LINE__, #a, a_, b_); \
	} while (0)

#define QMAX 64

struct fake {
	struct ts_blkdev dev;
	uint8_t *disk;
	unsigned int depth;          /* requests the queue holds */
	struct ts_blk_req *q[QMAX];  /* queued, oldest first */
	unsigned int nq, max_nq;
	int lifo;                    /* complete the newest first */
	uint64_t bad_sector;         /* a request covering it fails with -EIO ... */
	int bad;                     /* ... when set */
	int broken;                  /* submit refuses with -EIO */
	int inside;                  /* a driver call is running */
	long submits, polls, eagains, flushes, violations;
};

/* What lib/blk promised the driver: checked requests, one call at a time,
 * inside a critical section. */
static void enter(struct fake *f)
{
	if (f->inside++ || !host_in_atomic)
		f->violations++;
}

static int fake_submit(struct ts_blkdev *dev, struct ts_blk_req *req)
{
	struct fake *f = dev->priv;
	int r = 0;

	enter(f);
	f->submits++;
	if (req->op != TS_BLK_FLUSH &&
	    (req->nsectors == 0 || req->nsectors > dev->max_sectors ||
	     req->sector + req->nsectors > dev->nsectors ||
	     (req->op == TS_BLK_WRITE && (dev->flags & TS_BLKF_READONLY))))
		f->violations++;
	if (f->broken)
		r = -EIO;
	else if (f->nq == f->depth) {
		f->eagains++;
		r = -EAGAIN;
	} else {
		f->q[f->nq++] = req;
		if (f->nq > f->max_nq)
			f->max_nq = f->nq;
	}
	f->inside--;
	return r;
}

static void fake_poll(struct ts_blkdev *dev)
{
	struct fake *f = dev->priv;
	struct ts_blk_req *req;
	int status = 0;

	enter(f);
	f->polls++;
	if (f->nq) {
		if (f->lifo)
			req = f->q[--f->nq];
		else {
			req = f->q[0];
			memmove(f->q, f->q + 1, --f->nq * sizeof f->q[0]);
		}
		size_t off = req->sector * TS_BLK_SECTOR, len = (size_t)req->nsectors * TS_BLK_SECTOR;

		if (f->bad && req->op != TS_BLK_FLUSH && f->bad_sector >= req->sector &&
		    f->bad_sector < req->sector + req->nsectors)
			status = -EIO;
		else if (req->op == TS_BLK_READ)
			memcpy(req->buf, f->disk + off, len);
		else if (req->op == TS_BLK_WRITE)
			memcpy(f->disk + off, req->buf, len);
		else
			f->flushes++;
		ts_blk_complete(req, status);
	}
	f->inside--;
}

static const struct ts_blkdev_ops fake_ops = { fake_submit, fake_poll };

static struct fake *fake_new(uint64_t nsectors, uint32_t max, unsigned int depth)
{
	struct fake *f = calloc(1, sizeof *f);

	f->disk = calloc(nsectors, TS_BLK_SECTOR);
	f->depth = depth;
	f->dev = (struct ts_blkdev){ .nsectors = nsectors, .max_sectors = max, .ops = &fake_ops,
				     .priv = f };
	return f;
}

static void fake_free(struct fake *f)
{
	free(f->disk);
	free(f);
}

static void pattern(uint8_t *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 9));
}

static void names(void)
{
	struct fake *a = fake_new(16, 8, 4), *b = fake_new(16, 8, 4), *bad = fake_new(16, 8, 4);
	struct fake *more[24];

	EQ(ts_blk_get(0) == NULL, 1);
	EQ(ts_blk_register(&a->dev), 0);
	EQ(ts_blk_register(&b->dev), 0);
	CHECK(!strcmp(a->dev.name, "vda") && !strcmp(b->dev.name, "vdb"), "names %s %s", a->dev.name,
	      b->dev.name);
	EQ(ts_blk_find("vdb") == &b->dev, 1);
	EQ(ts_blk_find("/dev/vda") == &a->dev, 1);
	EQ(ts_blk_find("vdc") == NULL, 1);
	EQ(ts_blk_find("vd") == NULL, 1);
	EQ(ts_blk_find("vdaa") == NULL, 1);
	EQ(ts_blk_find("/dev/") == NULL, 1);
	EQ(ts_blk_find(NULL) == NULL, 1);
	EQ(ts_blk_get(1) == &b->dev, 1);
	EQ(ts_blk_get(2) == NULL, 1);
	bad->dev.max_sectors = 7;
	EQ(ts_blk_register(&bad->dev), -EINVAL);
	bad->dev.max_sectors = 8;
	bad->dev.nsectors = 0;
	EQ(ts_blk_register(&bad->dev), -EINVAL);
	bad->dev.nsectors = 16;
	bad->dev.ops = NULL;
	EQ(ts_blk_register(&bad->dev), -EINVAL);
	EQ(ts_blk_register(NULL), -EINVAL);
	for (int i = 0; i < 24; i++) {
		more[i] = fake_new(1, 8, 1);
		EQ(ts_blk_register(&more[i]->dev), 0);
	}
	CHECK(!strcmp(more[23]->dev.name, "vdz"), "26th is %s", more[23]->dev.name);
	bad->dev.ops = &fake_ops;
	EQ(ts_blk_register(&bad->dev), -ENOSPC);
	EQ(ts_blk_find("/dev/vdz") == &more[23]->dev, 1);
	fake_free(bad); /* the registered ones stay: the registry keeps them */
}

/* 100 sectors through requests of at most 8: 13 requests, up to 4 at
 * once, completed out of order, data intact both ways. */
static void split(void)
{
	struct fake *f = fake_new(256, 8, 16);
	uint8_t *in = malloc(100 * 512), *out = malloc(100 * 512);

	f->lifo = 1;
	pattern(in, 100 * 512, 1);
	EQ(ts_blk_write(&f->dev, 150, in, 100), 0);
	EQ(f->submits, 13);
	EQ(f->max_nq, 4);
	EQ(memcmp(f->disk + 150 * 512, in, 100 * 512), 0);
	EQ(f->disk[150 * 512 - 1] | f->disk[250 * 512], 0);
	EQ(ts_blk_read(&f->dev, 150, out, 100), 0);
	EQ(memcmp(in, out, 100 * 512), 0);
	EQ(ts_blk_read(&f->dev, 156, out, 100), 0); /* up to the last sector */
	EQ(memcmp(out, in + 6 * 512, 94 * 512), 0);
	EQ(f->violations, 0);
	EQ(f->nq, 0);
	free(in);
	free(out);
	fake_free(f);
}

static void bounds(void)
{
	struct fake *f = fake_new(64, 8, 4);
	uint8_t buf[2 * 512];
	struct ts_blk_req req = { .op = TS_BLK_READ, .sector = 0, .buf = buf, .nsectors = 9 };

	EQ(ts_blk_read(&f->dev, 64, buf, 1), -EINVAL);
	EQ(ts_blk_read(&f->dev, 63, buf, 2), -EINVAL);
	EQ(ts_blk_write(&f->dev, 65, buf, 0), -EINVAL);
	EQ(ts_blk_read(&f->dev, UINT64_MAX, buf, 2), -EINVAL);
	EQ(ts_blk_read(&f->dev, 2, buf, UINT64_MAX), -EINVAL);
	EQ(ts_blk_read(&f->dev, 0, NULL, 1), -EINVAL);
	EQ(ts_blk_read(NULL, 0, buf, 1), -EINVAL);
	EQ(ts_blk_read(&f->dev, 64, buf, 0), 0); /* nothing, at the end: fine */
	EQ(ts_blk_read(&f->dev, 63, buf, 1), 0);
	EQ(ts_blk_submit(&f->dev, &req), -EINVAL); /* more than max_sectors */
	req.nsectors = 0;
	EQ(ts_blk_submit(&f->dev, &req), -EINVAL);
	req.nsectors = 1;
	req.op = (enum ts_blk_op)7;
	EQ(ts_blk_submit(&f->dev, &req), -EINVAL);
	req.op = TS_BLK_FLUSH;
	EQ(ts_blk_submit(&f->dev, &req), -EINVAL); /* a flush moves no sectors */
	req.nsectors = 0;
	EQ(ts_blk_submit(&f->dev, &req), 0);
	EQ(ts_blk_wait(&f->dev, &req), 0);
	EQ(f->submits, 2);
	EQ(f->violations, 0);
	fake_free(f);
}

static void readonly(void)
{
	struct fake *f = fake_new(32, 8, 4);
	uint8_t buf[4 * 512];
	struct ts_blk_req req = { .op = TS_BLK_WRITE, .buf = buf, .nsectors = 1 };

	pattern(f->disk, 32 * 512, 2);
	f->dev.flags = TS_BLKF_READONLY;
	memset(buf, 0x55, sizeof buf);
	EQ(ts_blk_write(&f->dev, 0, buf, 4), -EROFS);
	EQ(ts_blk_submit(&f->dev, &req), -EROFS);
	EQ(ts_blk_write(&f->dev, 40, buf, 1), -EINVAL); /* out of range first */
	EQ(f->submits, 0);
	EQ(ts_blk_flush(&f->dev), 0);
	EQ(f->submits, 0);
	EQ(ts_blk_read(&f->dev, 4, buf, 4), 0);
	EQ(memcmp(buf, f->disk + 4 * 512, sizeof buf), 0);
	EQ(f->violations, 0);
	fake_free(f);
}

/* A queue of one: every second submit finds it full and is retried after
 * a poll; the caller yields meanwhile. */
static void eagain(void)
{
	struct fake *f = fake_new(128, 8, 1);
	uint8_t *in = malloc(64 * 512), *out = malloc(64 * 512);
	long yields = host_yields;

	pattern(in, 64 * 512, 3);
	EQ(ts_blk_write(&f->dev, 10, in, 64), 0);
	EQ(ts_blk_read(&f->dev, 10, out, 64), 0);
	EQ(memcmp(in, out, 64 * 512), 0);
	CHECK(f->eagains > 0, "the queue was never full");
	CHECK(host_yields > yields, "never yielded while waiting");
	EQ(f->max_nq, 1);
	EQ(f->violations, 0);
	free(in);
	free(out);
	fake_free(f);
}

static void errors(void)
{
	struct fake *f = fake_new(128, 8, 8);
	uint8_t *buf = calloc(64, 512);
	struct ts_blk_req req = { .op = TS_BLK_READ, .buf = buf, .nsectors = 1 };

	f->bad = 1;
	f->bad_sector = 20;
	EQ(ts_blk_read(&f->dev, 0, buf, 64), -EIO);
	EQ(f->nq, 0); /* every request it submitted was waited for */
	EQ(ts_blk_read(&f->dev, 0, buf, 20), 0);
	EQ(ts_blk_write(&f->dev, 16, buf, 8), -EIO);
	f->bad = 0;
	f->broken = 1;
	EQ(ts_blk_read(&f->dev, 0, buf, 1), -EIO);
	EQ(ts_blk_flush(&f->dev), -EIO);
	EQ(ts_blk_submit(&f->dev, &req), -EIO);
	EQ(req.completed, 0);
	EQ(f->violations, 0);
	free(buf);
	fake_free(f);
}

static int done_calls;
static void on_done(struct ts_blk_req *req)
{
	done_calls += req->completed && req->status == 0 && req->priv == &done_calls;
}

static void async(void)
{
	struct fake *f = fake_new(16, 8, 4);
	uint8_t buf[512];
	struct ts_blk_req r1 = { .op = TS_BLK_READ, .sector = 1, .buf = buf, .nsectors = 1,
				 .done = on_done, .priv = &done_calls };
	struct ts_blk_req r2 = { .op = TS_BLK_FLUSH };

	EQ(ts_blk_submit(&f->dev, &r1), 0);
	EQ(ts_blk_submit(&f->dev, &r2), 0);
	EQ(r1.completed | r2.completed, 0);
	EQ(ts_blk_wait(&f->dev, &r2), 0); /* polls r1 to completion on the way */
	EQ(r1.completed, 1);
	EQ(done_calls, 1);
	EQ(f->flushes, 1);
	EQ(ts_blk_flush(&f->dev), 0);
	EQ(f->flushes, 2);
	fake_free(f);
}

/* Two threads, each writing and reading back its own half of one disk
 * with a queue of two: the driver never sees two calls at once and every
 * byte comes back. */
struct worker {
	struct fake *f;
	unsigned int id;
	int bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	uint8_t in[24 * 512], out[24 * 512];

	for (unsigned int round = 0; round < 300; round++) {
		uint64_t at = w->id * 128 + round % 100;

		pattern(in, sizeof in, w->id * 1000 + round);
		if (ts_blk_write(&w->f->dev, at, in, 24) || ts_blk_read(&w->f->dev, at, out, 24) ||
		    memcmp(in, out, sizeof in) || (round % 50 == 0 && ts_blk_flush(&w->f->dev)))
			w->bad++;
	}
	return NULL;
}

static void threads(void)
{
	struct fake *f = fake_new(256, 8, 2);
	struct worker w[2] = { { f, 0, 0 }, { f, 1, 0 } };
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, work, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	EQ(w[0].bad + w[1].bad, 0);
	EQ(f->violations, 0);
	EQ(f->nq, 0);
	fake_free(f);
}

int main(void)
{
	hosttest_run("names: vda..vdz in order, find, get, bad devices", names);
	hosttest_run("split into max_sectors, 4 in flight, out-of-order completion", split);
	hosttest_run("bounds: beyond the end, overflow, zero, bad ops", bounds);
	hosttest_run("read-only: writes refused, flush a no-op", readonly);
	hosttest_run("full queue: -EAGAIN retried after polling, yielding", eagain);
	hosttest_run("device errors: -EIO, everything in flight waited for", errors);
	hosttest_run("asynchronous submit, done callback, flush", async);
	hosttest_run("two threads on one disk", threads);
	return hosttest_status();
}
