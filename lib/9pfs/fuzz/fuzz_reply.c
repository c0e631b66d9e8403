/* fuzz_reply.c: libFuzzer target for lib/9pfs's reply checking (msg.c) and the client above it, with the server's answers made up by the fuzzer.
 *
 * Input: a mode byte, then replies, each len[2] and that many bytes.
 * Mode bit 7 clear: each reply goes to p9_reply_parse against the request
 * type picked by the mode's low bits (readdir data then to
 * p9_dirent_next); whatever is accepted must lie within the reply and
 * within what was asked. Mode bit 7 set: a whole session through lib/vfs
 * — mount, stat, list, read, write, create, rename, unlink, umount —
 * whose transport answers each request with the next reply (bit 6: with
 * the request's own tag and type written in, to get past those checks).
 * Nothing may crash, hang or leak. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/9pfs.h>
#include <ts/vfs.h>
#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *in;
static size_t in_len, in_pos;
static int fix_header, chan_open;

/* The next reply of the input, copied into rep: its length, or -EIO when
 * the input is used up (a transport that broke). */
static long next_reply(const uint8_t *req, uint8_t *rep, uint32_t cap)
{
	size_t len;

	if (in_pos + 2 > in_len)
		return -EIO;
	len = in[in_pos] | (size_t)in[in_pos + 1] << 8;
	in_pos += 2;
	if (len > in_len - in_pos)
		len = in_len - in_pos;
	if (len > cap)
		len = cap;
	memcpy(rep, in + in_pos, len);
	in_pos += len;
	if (fix_header && len >= 7) {
		for (int i = 0; i < 4; i++)
			rep[i] = (uint8_t)(len >> (8 * i));
		if (rep[4] != P9_RLERROR)
			rep[4] = (uint8_t)(req[4] + 1);
		rep[5] = req[5];
		rep[6] = req[6];
	}
	return (long)len;
}

static long fz_rpc(struct ts_9p_chan *c, const void *req, uint32_t reqlen, void *rep, uint32_t cap)
{
	(void)c;
	if (reqlen < 7 || reqlen > cap)
		abort(); /* the client sends whole messages within the msize */
	return next_reply(req, rep, cap);
}

static void fz_close(struct ts_9p_chan *c)
{
	(void)c;
	chan_open = 0;
}

static const struct ts_9p_chan_ops fz_ops = { fz_rpc, fz_close };
static struct ts_9p_chan fz_chan = { &fz_ops, 8192, 0 };

static int fz_open(const char *tag, struct ts_9p_chan **out)
{
	if (strcmp(tag, "fuzz"))
		return -ENODEV;
	chan_open = 1;
	*out = &fz_chan;
	return 0;
}

static struct ts_9p_transport fz = { .name = "fuzz", .open = fz_open };
TS_9P_TRANSPORT_REGISTER(fz);

static void parse_one(uint8_t mode, const uint8_t *rep, size_t len)
{
	static const uint8_t types[] = {
		P9_TVERSION, P9_TATTACH, P9_TWALK, P9_TLOPEN, P9_TLCREATE, P9_TGETATTR, P9_TREAD,
		P9_TREADDIR, P9_TWRITE, P9_TREADLINK, P9_TMKDIR, P9_TCLUNK, P9_TUNLINKAT,
	};
	struct p9_expect e = { .type = types[mode % sizeof types], .tag = 7,
			       .nwname = (uint16_t)(mode % 17), .count = 64, .msize = 8192 };
	union p9_reply r;

	if (p9_reply_parse(rep, len, &e, &r))
		return;
	if ((e.type == P9_TREAD || e.type == P9_TREADDIR) &&
	    (r.data.count > e.count || r.data.data < rep || r.data.data + r.data.count > rep + len))
		abort();
	if (e.type == P9_TWALK && r.walk.nwqid > e.nwname)
		abort();
	if (e.type == P9_TREADLINK &&
	    ((const uint8_t *)r.readlink.target < rep || (const uint8_t *)r.readlink.target + r.readlink.len > rep + len ||
	     memchr(r.readlink.target, 0, r.readlink.len)))
		abort();
	if (e.type == P9_TREADDIR) {
		struct p9_dirent d;
		uint32_t pos = 0;
		int n;

		while ((n = p9_dirent_next(r.data.data, r.data.count, &pos, &d)) == 1)
			if (d.len == 0 || d.len > 255 || memchr(d.name, '/', d.len) || pos > r.data.count)
				abort();
	}
}

static void session(void)
{
	static char buf[20000];
	int fd;

	if (ts_vfs_mount("fuzz", "/f", "9p", 0, NULL))
		goto out;
	ts_vfs_getdents64(fd = ts_vfs_openat(TS_AT_FDCWD, "/f", TS_O_RDONLY | TS_O_DIRECTORY, 0), buf, 300);
	ts_vfs_close(fd);
	struct ts_stat st;
	ts_vfs_fstatat(TS_AT_FDCWD, "/f/a/b", &st, 0);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/f/file", TS_O_RDWR | TS_O_CREAT, 0644);
	ts_vfs_read(fd, buf, sizeof buf);
	ts_vfs_write(fd, buf, 10000);
	ts_vfs_lseek(fd, 0, TS_SEEK_END);
	ts_vfs_ftruncate(fd, 5);
	ts_vfs_fsync(fd);
	ts_vfs_close(fd);
	ts_vfs_readlinkat(TS_AT_FDCWD, "/f/link", buf, 100);
	ts_vfs_mkdirat(TS_AT_FDCWD, "/f/d", 0755);
	ts_vfs_renameat2(TS_AT_FDCWD, "/f/d", TS_AT_FDCWD, "/f/e/g", 0);
	ts_vfs_unlinkat(TS_AT_FDCWD, "/f/e", TS_AT_REMOVEDIR);
	ts_vfs_symlinkat("x", TS_AT_FDCWD, "/f/s");
	if (ts_vfs_umount("/f", 0))
		abort(); /* nothing may stay referenced */
out:
	if (chan_open)
		abort(); /* a failed mount gives its channel back */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		ts_vfs_mkdirat(TS_AT_FDCWD, "/f", 0755);
		ready = 1;
	}
	if (size < 1)
		return 0;
	in = data + 1;
	in_len = size - 1;
	in_pos = 0;
	if (data[0] & 0x80) {
		fix_header = data[0] & 0x40;
		session();
		return 0;
	}
	fix_header = 0;
	while (in_pos + 2 <= in_len) {
		static uint8_t rep[8192];
		long n = next_reply(NULL, rep, sizeof rep);

		parse_one(data[0], rep, (size_t)n);
	}
	return 0;
}
