/* p9_test.c: lib/9pfs host tests — the client through lib/vfs against tvm's 9P server on temporary host folders. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ts/9pfs.h>
#include <ts/vfs.h>
#include "hosttest.h"
#include "msg.h"
#include "p9.h"
#include "support.h"

/* ---- the direct-call transport: tag -> a tvm server, or a liar ---- */

static char top[256];     /* the temporary folder; the shares are inside */
static char share[300], roshare[300];
static struct tvm_p9 srv, rosrv, liarsrv;
static int garbage_mode;  /* what the lying server answers (see liar) */

struct chan {
	struct ts_9p_chan c;
	struct tvm_p9 *srv;   /* NULL: the liar */
	int open;
};
static struct chan chans[3];
static const char *const tags[3] = { "vol0", "vol1", "liar" };

static long direct_rpc(struct ts_9p_chan *c, const void *req, uint32_t reqlen, void *rep,
		       uint32_t cap)
{
	struct chan *ch = (struct chan *)c;
	uint8_t *r = rep;

	if (reqlen > c->max_msize || cap > c->max_msize)
		return -EMSGSIZE;
	if (ch->srv)
		return tvm_p9_serve(ch->srv, req, reqlen, rep, cap);
	/* the liar: a correct Rversion, then replies broken in one way each */
	long n = tvm_p9_serve(&liarsrv, req, reqlen, rep, cap);
	if (n < 0 || ((const uint8_t *)req)[4] == P9_TVERSION)
		return n;
	switch (garbage_mode) {
	case 0: r[0] ^= 1; break;                    /* size field wrong */
	case 1: r[5] ^= 0x40; break;                 /* another tag */
	case 2: r[4] = P9_RREAD; break;              /* another type */
	case 3: return n > 8 ? n - 1 : n;            /* cut short */
	case 4: memset(r + P9_HDR, 0xff, (size_t)n - P9_HDR); break; /* every field at its worst */
	case 5: return (long)cap + 100;              /* more than the buffer */
	default: return -EIO;                        /* the transport breaks */
	}
	return n;
}

static void direct_close(struct ts_9p_chan *c)
{
	((struct chan *)c)->open = 0;
}

static const struct ts_9p_chan_ops direct_ops = { direct_rpc, direct_close };

static int direct_open(const char *tag, struct ts_9p_chan **out)
{
	for (int i = 0; i < 3; i++) {
		if (strcmp(tag, tags[i]))
			continue;
		if (chans[i].open)
			return -EBUSY;
		chans[i].c = (struct ts_9p_chan){ &direct_ops, 64 * 1024, 0 };
		chans[i].srv = i == 0 ? &srv : i == 1 ? &rosrv : NULL;
		chans[i].open = 1;
		*out = &chans[i].c;
		return 0;
	}
	return -ENODEV;
}

static struct ts_9p_transport direct = { .name = "direct", .open = direct_open };
TS_9P_TRANSPORT_REGISTER(direct);

/* ---- host-side helpers ---- */

static char *hp(const char *dir, const char *name)
{
	static char buf[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static void host_put(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	fputs(data, f);
	fclose(f);
}

static char *host_get(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* ---- cases through the VFS ---- */

static void reads_host_files(void)
{
	char buf[256];

	CHECK(get_file("/data/hello.txt", buf, sizeof buf) == 14 && !strcmp(buf, "hello, guest!\n"),
	      "read %s", buf);
	CHECK(get_file("/data/sub/deep.txt", buf, sizeof buf) == 5 && !strcmp(buf, "deep\n"),
	      "deep %s", buf);
	struct ts_stat st = stat_of("/data/hello.txt");
	CHECK(st.st_size == 14 && TS_S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644,
	      "stat size %ld mode %o", (long)st.st_size, st.st_mode);
	CHECK(get_file("/data/nope", buf, sizeof buf) == -ENOENT, "missing file");
	CHECK(open_fds() == 0, "fds left open");
}

static void writes_reach_host(void)
{
	char buf[64];
	int fd;

	CHECK(put_file("/data/new.txt", "from the guest\n") == 0, "put");
	CHECK(host_get(hp(share, "new.txt")) && !strcmp(host_get(hp(share, "new.txt")), "from the guest\n"),
	      "host sees %s", host_get(hp(share, "new.txt")));
	fd = ts_vfs_openat(TS_AT_FDCWD, "/data/new.txt", TS_O_WRONLY | TS_O_APPEND, 0);
	CHECK(fd >= 0 && ts_vfs_write(fd, "more\n", 5) == 5, "append");
	CHECK(ts_vfs_ftruncate(fd, 4) == 0, "truncate");
	ts_vfs_close(fd);
	CHECK(!strcmp(host_get(hp(share, "new.txt")), "from"), "after truncate: %s",
	      host_get(hp(share, "new.txt")));
	CHECK(get_file("/data/new.txt", buf, sizeof buf) == 4, "guest sees 4 bytes");
	CHECK(ts_vfs_openat(TS_AT_FDCWD, "/data/new.txt", TS_O_CREAT | TS_O_EXCL | TS_O_RDWR, 0600) == -EEXIST,
	      "O_EXCL");
}

static void big_file_round_trip(void)
{
	size_t n = 1 << 20;
	char *a = malloc(n), *b = malloc(n);
	int fd;
	ssize_t r, got = 0;

	for (size_t i = 0; i < n; i++)
		a[i] = (char)(i * 7 + i / 4096);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/data/big", TS_O_RDWR | TS_O_CREAT, 0644);
	CHECK(fd >= 0 && ts_vfs_write(fd, a, n) == (ssize_t)n, "write 1 MiB");
	CHECK(ts_vfs_lseek(fd, 0, TS_SEEK_END) == (off_t)n, "size after write");
	ts_vfs_lseek(fd, 0, TS_SEEK_SET);
	while ((r = ts_vfs_read(fd, b + got, n - (size_t)got)) > 0)
		got += r;
	CHECK(got == (ssize_t)n && !memcmp(a, b, n), "read back %zd", got);
	ts_vfs_close(fd);
	struct stat st;
	CHECK(stat(hp(share, "big"), &st) == 0 && st.st_size == (off_t)n, "host size");
	free(a);
	free(b);
}

static void names_reach_host(void)
{
	struct stat st;
	char buf[64];

	CHECK(ts_vfs_mkdirat(TS_AT_FDCWD, "/data/d", 0750) == 0, "mkdir");
	CHECK(stat(hp(share, "d"), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0750,
	      "host dir mode %o", st.st_mode);
	CHECK(put_file("/data/d/f", "x") == 0, "file in dir");
	CHECK(ts_vfs_renameat2(TS_AT_FDCWD, "/data/d/f", TS_AT_FDCWD, "/data/g", 0) == 0, "rename");
	CHECK(access(hp(share, "d/f"), F_OK) && !access(hp(share, "g"), F_OK), "host sees rename");
	CHECK(ts_vfs_unlinkat(TS_AT_FDCWD, "/data/d", TS_AT_REMOVEDIR) == 0, "rmdir");
	CHECK(access(hp(share, "d"), F_OK) != 0, "host sees rmdir");
	CHECK(ts_vfs_symlinkat("g", TS_AT_FDCWD, "/data/link") == 0, "symlink");
	CHECK(readlink(hp(share, "link"), buf, sizeof buf) == 1, "host link");
	CHECK(ts_vfs_readlinkat(TS_AT_FDCWD, "/data/link", buf, sizeof buf) == 1 && buf[0] == 'g',
	      "readlink");
	CHECK(get_file("/data/link", buf, sizeof buf) == 1 && buf[0] == 'x', "through link");
	CHECK(ts_vfs_linkat(TS_AT_FDCWD, "/data/g", TS_AT_FDCWD, "/data/h", 0) == 0, "link");
	CHECK(stat(hp(share, "h"), &st) == 0 && st.st_nlink == 2, "host nlink %lu",
	      (unsigned long)st.st_nlink);
	CHECK(stat_of("/data/g").st_ino == stat_of("/data/h").st_ino, "one inode");
	CHECK(ts_vfs_unlinkat(TS_AT_FDCWD, "/data/g", 0) == 0 &&
	      ts_vfs_unlinkat(TS_AT_FDCWD, "/data/h", 0) == 0 &&
	      ts_vfs_unlinkat(TS_AT_FDCWD, "/data/link", 0) == 0, "unlink");
	CHECK(access(hp(share, "g"), F_OK) && access(hp(share, "h"), F_OK), "host sees unlink");
	/* a directory cannot move into itself: the VFS asks ".." of the 9P nodes */
	CHECK(ts_vfs_mkdirat(TS_AT_FDCWD, "/data/p", 0755) == 0 &&
	      ts_vfs_mkdirat(TS_AT_FDCWD, "/data/p/q", 0755) == 0, "mkdir p/q");
	CHECK(ts_vfs_renameat2(TS_AT_FDCWD, "/data/p", TS_AT_FDCWD, "/data/p/q/r", 0) == -EINVAL,
	      "into itself");
	CHECK(ts_vfs_unlinkat(TS_AT_FDCWD, "/data/p", TS_AT_REMOVEDIR) == -ENOTEMPTY, "ENOTEMPTY");
	ts_vfs_unlinkat(TS_AT_FDCWD, "/data/p/q", TS_AT_REMOVEDIR);
	ts_vfs_unlinkat(TS_AT_FDCWD, "/data/p", TS_AT_REMOVEDIR);
	CHECK(ts_vfs_utimensat(TS_AT_FDCWD, "/data/hello.txt",
			       (struct ts_timespec[2]){ { 1000, 5 }, { 2000, 7 } }, 0) == 0, "utimens");
	CHECK(stat(hp(share, "hello.txt"), &st) == 0 && st.st_mtim.tv_sec == 2000 &&
	      st.st_atim.tv_sec == 1000, "host times");
	CHECK(ts_vfs_fchmodat(TS_AT_FDCWD, "/data/hello.txt", 0600, 0) == 0 &&
	      stat(hp(share, "hello.txt"), &st) == 0 && (st.st_mode & 0777) == 0600, "chmod");
	ts_vfs_fchmodat(TS_AT_FDCWD, "/data/hello.txt", 0644, 0);
	CHECK(open_fds() == 0, "fds left open");
}

/* The guest's listing of dir equals the host's. */
static void lists_like_host(void)
{
	char want[4096] = "", got[4096] = "", buf[512];
	DIR *d = opendir(share);
	struct dirent *e;
	int fd, n;

	for (int i = 0; i < 200; i++) {
		snprintf(buf, sizeof buf, "/data/many/file-%03d-with-a-rather-long-name", i);
		if (i == 0)
			ts_vfs_mkdirat(TS_AT_FDCWD, "/data/many", 0755);
		put_file(buf, "");
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n = snprintf(want + strlen(want), sizeof want - strlen(want), "%s/", e->d_name);
	closedir(d);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/data", TS_O_RDONLY | TS_O_DIRECTORY, 0);
	/* a small buffer: the listing resumes from the server's offsets */
	while ((n = (int)ts_vfs_getdents64(fd, buf, 64)) > 0)
		for (int pos = 0; pos < n;) {
			struct ts_dirent64 *de = (struct ts_dirent64 *)(buf + pos);

			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				snprintf(got + strlen(got), sizeof got - strlen(got), "%s/", de->d_name);
			pos += de->d_reclen;
		}
	ts_vfs_close(fd);
	CHECK(n == 0 && !strcmp(want, got), "listing %d:\n want %s\n got  %s", n, want, got);
	int count = 0;
	fd = ts_vfs_openat(TS_AT_FDCWD, "/data/many", TS_O_RDONLY | TS_O_DIRECTORY, 0);
	while ((n = (int)ts_vfs_getdents64(fd, buf, sizeof buf)) > 0)
		for (int pos = 0; pos < n; pos += ((struct ts_dirent64 *)(buf + pos))->d_reclen)
			count++;
	ts_vfs_close(fd);
	CHECK(count == 202, "200 files + . and ..: %d", count);
}

static void readonly_share(void)
{
	char buf[64];

	CHECK(ts_vfs_mkdirat(TS_AT_FDCWD, "/ro", 0755) == 0, "mkdir /ro");
	CHECK(ts_vfs_mount("vol1", "/ro", "9p", TS_MS_RDONLY, NULL) == 0, "mount ro");
	CHECK(get_file("/ro/hello.txt", buf, sizeof buf) > 0, "read ro");
	CHECK(put_file("/ro/x", "y") == -EROFS, "create on ro");
	CHECK(ts_vfs_mkdirat(TS_AT_FDCWD, "/ro/d", 0755) == -EROFS, "mkdir on ro");
	CHECK(ts_vfs_openat(TS_AT_FDCWD, "/ro/hello.txt", TS_O_WRONLY, 0) == -EROFS, "write on ro");
	CHECK(ts_vfs_unlinkat(TS_AT_FDCWD, "/ro/hello.txt", 0) == -EROFS, "unlink on ro");
	CHECK(ts_vfs_umount("/ro", 0) == 0, "umount");
	/* mounted read-write, the read-only server still refuses */
	CHECK(ts_vfs_mount("vol1", "/ro", "9p", 0, NULL) == 0, "mount rw on a ro share");
	CHECK(put_file("/ro/x", "y") == -EROFS, "create refused by the server");
	CHECK(ts_vfs_mkdirat(TS_AT_FDCWD, "/ro/d", 0755) == -EROFS, "mkdir refused by the server");
	/* the server's refusal comes at open, where Linux gives EROFS too */
	CHECK(ts_vfs_openat(TS_AT_FDCWD, "/ro/hello.txt", TS_O_WRONLY, 0) == -EROFS,
	      "open for writing refused by the server");
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/ro/hello.txt", TS_O_RDONLY, 0);
	CHECK(fd >= 0, "open for reading");
	ts_vfs_close(fd);
	CHECK(ts_vfs_umount("/ro", 0) == 0, "umount 2");
	CHECK(access(hp(roshare, "x"), F_OK) && access(hp(roshare, "d"), F_OK) &&
	      !strcmp(host_get(hp(roshare, "hello.txt")), "read only\n"), "host folder unchanged");
}

/* Symbolic links are the guest's to follow, in the guest's namespace:
 * none leads into the host outside the share. */
static void no_escape_through_vfs(void)
{
	char buf[256];

	CHECK(get_file("/data/../outside.txt", buf, sizeof buf) == -ENOENT, "/data/..: %s", buf);
	CHECK(get_file("/data/abs/outside.txt", buf, sizeof buf) < 0, "absolute link: %s", buf);
	CHECK(get_file("/data/rel/outside.txt", buf, sizeof buf) < 0, "relative link: %s", buf);
	CHECK(get_file("/data/sub/../../outside.txt", buf, sizeof buf) < 0, "dotdot: %s", buf);
	CHECK(ts_vfs_chdir("/data/sub") == 0 &&
	      get_file("../../../outside.txt", buf, sizeof buf) < 0, "relative dotdot: %s", buf);
	ts_vfs_chdir("/");
}

/* ---- raw requests to the server ---- */

static uint8_t rq[8192], rp[8192];

static long raw(struct tvm_p9 *s, struct p9_out *o)
{
	long len = p9_end(o);

	return len < 0 ? len : tvm_p9_serve(s, rq, (size_t)len, rp, sizeof rp);
}

/* The reply's error (Rlerror's code), 0 for any other reply. */
static int raw_err(long n)
{
	if (n < 11 || rp[4] != P9_RLERROR)
		return 0;
	return rp[7] | rp[8] << 8;
}

static struct tvm_p9 raw_srv;

static long raw_walk(uint32_t fid, uint32_t newfid, int n, const char *const *names)
{
	struct p9_out o;

	p9_begin(&o, rq, sizeof rq, P9_TWALK, 1);
	p9_put32(&o, fid);
	p9_put32(&o, newfid);
	p9_put16(&o, (uint16_t)n);
	for (int i = 0; i < n; i++)
		p9_putstr(&o, names[i], strlen(names[i]));
	return raw(&raw_srv, &o);
}

static long raw_simple(uint8_t type, uint32_t fid)
{
	struct p9_out o;

	p9_begin(&o, rq, sizeof rq, type, 1);
	p9_put32(&o, fid);
	if (type == P9_TGETATTR)
		p9_put64(&o, P9_GETATTR_BASIC);
	if (type == P9_TLOPEN)
		p9_put32(&o, 0);
	return raw(&raw_srv, &o);
}

static uint64_t qid_path_of(uint32_t fid)
{
	long n = raw_simple(P9_TGETATTR, fid);
	uint64_t p = 0;

	if (n < 7 + 8 + 13 || rp[4] != P9_RGETATTR)
		return 0;
	for (int i = 0; i < 8; i++)
		p |= (uint64_t)rp[7 + 8 + 5 + i] << (8 * i);
	return p;
}

static void server_confines(void)
{
	struct p9_out o;
	char err[128];
	const char *dd[] = { ".." }, *sub_dd[] = { "sub", "..", "..", ".." };
	const char *slash[] = { "sub/deep.txt" }, *dot[] = { "." }, *abs[] = { "abs", "passwd" };
	const char *rel[] = { "rel" }, *relout[] = { "rel", "outside.txt" };

	CHECK(tvm_p9_init(&raw_srv, share, 0, err, sizeof err) == 0, "init: %s", err);
	p9_begin(&o, rq, sizeof rq, P9_TVERSION, P9_NOTAG);
	p9_put32(&o, 8192);
	p9_putstr(&o, P9_VERSION, strlen(P9_VERSION));
	CHECK(raw(&raw_srv, &o) > 0 && rp[4] == P9_RVERSION, "version");
	p9_begin(&o, rq, sizeof rq, P9_TATTACH, 1);
	p9_put32(&o, 0);
	p9_put32(&o, P9_NOFID);
	p9_putstr(&o, "", 0);
	p9_putstr(&o, "", 0);
	p9_put32(&o, 0);
	CHECK(raw(&raw_srv, &o) > 0 && rp[4] == P9_RATTACH, "attach");
	uint64_t root = qid_path_of(0);

	CHECK(raw_walk(0, 1, 1, dd) > 0 && qid_path_of(1) == root, ".. of the top is the top");
	CHECK(raw_walk(0, 2, 4, sub_dd) > 0 && qid_path_of(2) == root, "sub/../../.. is the top");
	CHECK(raw_err(raw_walk(0, 3, 1, slash)) == EPROTO, "a name with '/'");
	CHECK(raw_err(raw_walk(0, 3, 1, dot)) == EPROTO, "a name '.'");
	CHECK(raw_walk(0, 3, 2, abs) > 0 && rp[4] == P9_RWALK && rp[7] == 1, "not through an absolute link");
	CHECK(raw_walk(0, 3, 1, rel) > 0 && rp[4] == P9_RWALK, "to a link itself");
	CHECK(raw_err(raw_simple(P9_TLOPEN, 3)) == EOPNOTSUPP, "opening a link");
	CHECK(raw_walk(0, 4, 2, relout) > 0 && rp[4] == P9_RWALK && rp[7] == 1, "not through a relative link");
	CHECK(raw_err(raw_simple(P9_TGETATTR, 4)) == EBADF, "no fid made by a partial walk");
	/* a folder moved out of the share on the host: its ".." is refused */
	CHECK(raw_walk(0, 5, 1, (const char *[]){ "moving" }) > 0, "walk moving");
	CHECK(rename(hp(share, "moving"), hp(top, "moved-out")) == 0, "host moves it out");
	CHECK(raw_err(raw_walk(5, 6, 1, dd)) == EACCES, ".. of a folder moved out");
	CHECK(rename(hp(top, "moved-out"), hp(share, "moving")) == 0, "host moves it back");
	CHECK(raw_err(raw_walk(0, 0, 1, dd)) == 0, "walk onto the same fid");
	CHECK(raw_err(raw_walk(9, 10, 0, NULL)) == EBADF, "unknown fid");
	CHECK(raw_err(raw_walk(0, 1, 0, NULL)) == EEXIST, "newfid in use");
	tvm_p9_fini(&raw_srv);
}

static void server_refuses_garbage(void)
{
	struct p9_out o;
	char err[128];

	CHECK(tvm_p9_init(&raw_srv, share, 0, err, sizeof err) == 0, "init: %s", err);
	CHECK(tvm_p9_serve(&raw_srv, rq, 6, rp, sizeof rp) == -EINVAL, "6 bytes");
	CHECK(tvm_p9_serve(&raw_srv, rq, 7, rp, 10) == -EINVAL, "no room for a reply");
	p9_begin(&o, rq, sizeof rq, P9_TGETATTR, 1);
	p9_put32(&o, 0);
	CHECK(raw_err(raw(&raw_srv, &o)) == EPROTO, "before Tversion");
	p9_begin(&o, rq, sizeof rq, P9_TVERSION, P9_NOTAG);
	p9_put32(&o, 100);
	p9_putstr(&o, P9_VERSION, strlen(P9_VERSION));
	CHECK(raw(&raw_srv, &o) > 0 && rp[4] == P9_RVERSION && rp[11] == 7, "msize too small: unknown");
	p9_begin(&o, rq, sizeof rq, P9_TVERSION, P9_NOTAG);
	p9_put32(&o, 8192);
	p9_putstr(&o, P9_VERSION, strlen(P9_VERSION));
	raw(&raw_srv, &o);
	p9_begin(&o, rq, sizeof rq, 200, 1);
	CHECK(raw_err(raw(&raw_srv, &o)) == EOPNOTSUPP, "unknown type");
	p9_begin(&o, rq, sizeof rq, P9_TCLUNK, 1);
	p9_put32(&o, 0);
	rq[0] ^= 1;
	CHECK(raw_err(tvm_p9_serve(&raw_srv, rq, o.len, rp, sizeof rp)) == EPROTO, "size field wrong");
	p9_begin(&o, rq, sizeof rq, P9_TCLUNK, 1);
	p9_put32(&o, 0);
	p9_put8(&o, 0);
	CHECK(raw_err(raw(&raw_srv, &o)) == EPROTO, "a byte too many");
	p9_begin(&o, rq, sizeof rq, P9_TWALK, 1);
	p9_put32(&o, 0);
	p9_put32(&o, 1);
	p9_put16(&o, 17);
	CHECK(raw_err(raw(&raw_srv, &o)) == EPROTO, "17 names");
	p9_begin(&o, rq, sizeof rq, P9_TWALK, 1);
	p9_put32(&o, 0);
	p9_put32(&o, 1);
	p9_put16(&o, 1);
	p9_put16(&o, 3);
	p9_putbytes(&o, "a\0b", 3);
	CHECK(raw_err(raw(&raw_srv, &o)) == EPROTO, "a NUL in a name");
	p9_begin(&o, rq, sizeof rq, P9_TWRITE, 1);
	p9_put32(&o, 0);
	p9_put64(&o, 0);
	p9_put32(&o, 1000);
	p9_putbytes(&o, "abc", 3);
	CHECK(raw_err(raw(&raw_srv, &o)) == EPROTO, "write count beyond the message");
	/* every prefix of a real request, and every one-byte change */
	p9_begin(&o, rq, sizeof rq, P9_TWALK, 1);
	p9_put32(&o, 1);
	p9_put32(&o, 2);
	p9_put16(&o, 1);
	p9_putstr(&o, "sub", 3);
	long len = p9_end(&o);
	for (long cut = 7; cut < len; cut++) {
		rq[0] = (uint8_t)cut;
		long n = tvm_p9_serve(&raw_srv, rq, (size_t)cut, rp, sizeof rp);
		CHECK(n >= 11 && rp[4] == P9_RLERROR, "cut at %ld", cut);
	}
	tvm_p9_fini(&raw_srv);
	CHECK(tvm_p9_init(&raw_srv, hp(share, "hello.txt"), 0, err, sizeof err) == -1 &&
	      strstr(err, "not a folder"), "a file as the share: %s", err);
	CHECK(tvm_p9_init(&raw_srv, hp(share, "no-such"), 0, err, sizeof err) == -1 &&
	      strstr(err, "No such file"), "a missing folder: %s", err);
}

static void client_survives_garbage(void)
{
	for (garbage_mode = 0; garbage_mode <= 6; garbage_mode++) {
		int r = ts_vfs_mount("liar", "/liar", "9p", 0, NULL);

		CHECK(r == -EIO || r == -EPROTO, "mode %d: mount gives %s", garbage_mode, err_name(r));
		CHECK(!chans[2].open, "mode %d: channel closed", garbage_mode);
	}
	CHECK(ts_vfs_mount("no-such-tag", "/liar", "9p", 0, NULL) == -ENODEV, "unknown tag");
	CHECK(ts_vfs_mount(NULL, "/liar", "9p", 0, NULL) == -EINVAL, "no tag");
}

/* The reply parser on crafted replies. */
static void parser_checks(void)
{
	uint8_t b[64];
	union p9_reply r;
	struct p9_expect e = { .type = P9_TWALK, .tag = 5, .nwname = 1 };
	struct p9_out o;

	p9_begin(&o, b, sizeof b, P9_RWALK, 5);
	p9_put16(&o, 2);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "more qids than names");
	p9_begin(&o, b, sizeof b, P9_RLERROR, 5);
	p9_put32(&o, 0);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "Rlerror 0");
	p9_begin(&o, b, sizeof b, P9_RLERROR, 5);
	p9_put32(&o, 5000);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "Rlerror 5000");
	p9_begin(&o, b, sizeof b, P9_RLERROR, 5);
	p9_put32(&o, ENOENT);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -ENOENT, "Rlerror ENOENT");
	p9_begin(&o, b, sizeof b, P9_RWALK, 5);
	p9_put16(&o, 1);
	p9_put8(&o, P9_QTDIR | P9_QTSYMLINK);
	p9_put32(&o, 0);
	p9_put64(&o, 1);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "dir and link qid");
	e = (struct p9_expect){ .type = P9_TREAD, .tag = 5, .count = 2 };
	p9_begin(&o, b, sizeof b, P9_RREAD, 5);
	p9_put32(&o, 3);
	p9_putbytes(&o, "abc", 3);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "read more than asked");
	e = (struct p9_expect){ .type = P9_TREADLINK, .tag = 5 };
	p9_begin(&o, b, sizeof b, P9_RREADLINK, 5);
	p9_putstr(&o, "a\0b", 3);
	CHECK(p9_reply_parse(b, (size_t)p9_end(&o), &e, &r) == -EIO, "NUL in a target");
	uint32_t pos = 0;
	struct p9_dirent d;
	p9_begin(&o, b, sizeof b, 0, 0);
	o.len = 0;
	p9_put8(&o, 0);
	p9_put32(&o, 0);
	p9_put64(&o, 1);
	p9_put64(&o, 9);
	p9_put8(&o, 8);
	p9_putstr(&o, "a/b", 3);
	CHECK(p9_dirent_next(b, o.len, &pos, &d) == -EIO, "'/' in an entry");
}

int main(void)
{
	char err[128];

	snprintf(top, sizeof top, "%s/p9test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(top))
		return 1;
	snprintf(share, sizeof share, "%s/share", top);
	snprintf(roshare, sizeof roshare, "%s/ro", top);
	mkdir(share, 0755);
	mkdir(roshare, 0755);
	mkdir(hp(share, "sub"), 0755);
	mkdir(hp(share, "moving"), 0755);
	host_put(hp(share, "hello.txt"), "hello, guest!\n");
	chmod(hp(share, "hello.txt"), 0644);
	host_put(hp(share, "sub/deep.txt"), "deep\n");
	host_put(hp(top, "outside.txt"), "SECRET\n");
	host_put(hp(roshare, "hello.txt"), "read only\n");
	symlink("/", hp(share, "abs"));
	symlink("..", hp(share, "rel"));
	if (tvm_p9_init(&srv, share, 0, err, sizeof err) || tvm_p9_init(&rosrv, roshare, 1, err, sizeof err) ||
	    tvm_p9_init(&liarsrv, share, 0, err, sizeof err)) {
		printf("FAIL init: %s\n", err);
		return 1;
	}
	ts_vfs_mkdirat(TS_AT_FDCWD, "/data", 0755);
	ts_vfs_mkdirat(TS_AT_FDCWD, "/liar", 0755);
	if (ts_vfs_mount("vol0", "/data", "9p", 0, NULL)) {
		printf("FAIL mount vol0\n");
		return 1;
	}
	hosttest_run("9pfs reads host files", reads_host_files);
	hosttest_run("9pfs writes reach the host", writes_reach_host);
	hosttest_run("9pfs 1 MiB round trip in msize chunks", big_file_round_trip);
	hosttest_run("9pfs mkdir, rename, link, unlink, times, modes on the host", names_reach_host);
	hosttest_run("9pfs listing equals the host's (small buffers, 200 names)", lists_like_host);
	hosttest_run("9pfs read-only share: EROFS, host unchanged", readonly_share);
	hosttest_run("9pfs no escape through .. or links (VFS)", no_escape_through_vfs);
	hosttest_run("tvm 9P server: .., links, moved folders stay confined", server_confines);
	hosttest_run("tvm 9P server: garbage requests get Rlerror", server_refuses_garbage);
	hosttest_run("9pfs client: a lying server gives an error, no crash", client_survives_garbage);
	hosttest_run("9pfs reply parser: crafted replies", parser_checks);
	CHECK(ts_vfs_umount("/data", 0) == 0, "umount");
	tvm_p9_fini(&srv);
	tvm_p9_fini(&rosrv);
	tvm_p9_fini(&liarsrv);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
		if (system(cmd))
			return 1;
	}
	return hosttest_status();
}
