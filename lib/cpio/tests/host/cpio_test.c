/*
 * cpio_test.c: host tests of lib/cpio: archives written by the host's
 * `cpio -o -H newc` / `-H crc` read entry by entry and unpacked into a
 * ramfs through the VFS, and every kind of bad archive refused with its
 * error and offset, never a crash (ASan + UBSan watch).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/cpio.h>
#include <ts/vfs.h>
#include "hosttest.h"
#include "../../../vfs/tests/host/support.h"

static char tmp[] = "/tmp/cpio-test-XXXXXX";

/* Read a whole host file into a heap buffer. */

static int sh(const char *fmt, const char *arg)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg);
	return system(cmd);
}

/* The host tree: files, an empty one, a directory with a set time, a
 * symbolic link, two hard links, a 0600 file, a 200-byte name. */
static int make_tree(void)
{
	return sh("set -e; cd %s; mkdir -p t/d/sub t/empty; printf 'hello\\n' > t/d/f; : > t/zero;"
		  " head -c 70001 /dev/urandom > t/d/sub/big; ln t/d/sub/big t/hard;"
		  " ln -s d/f t/link; printf secret > t/d/priv; chmod 600 t/d/priv;"
		  " touch -d @1234567890 t/d/f t/d; touch t/$(printf 'n%%.0s' $(seq 200));"
		  " cd t; find . | cpio -o -H newc > ../a.cpio 2>/dev/null;"
		  " find . | cpio -o -H crc > ../c.cpio 2>/dev/null", tmp);
}

static char *archive(const char *name, size_t *n)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	return (char *)hosttest_slurp(path, n);
}

/* Read every entry; returns the count or the error. */
static int count_entries(const void *buf, size_t n, struct ts_cpio *c)
{
	struct ts_cpio_entry e;
	int r, count = 0;

	ts_cpio_init(c, buf, n);
	while ((r = ts_cpio_next(c, &e)) > 0)
		count++;
	return r < 0 ? r : count;
}

static void read_host_archives(void)
{
	const char *files[] = { "a.cpio", "c.cpio" };

	for (int i = 0; i < 2; i++) {
		size_t n;
		char *buf = archive(files[i], &n);
		struct ts_cpio c;
		struct ts_cpio_entry e;
		int seen_root = 0, seen_f = 0, seen_link = 0, r;

		CHECK(buf, "%s not made", files[i]);
		if (!buf)
			return;
		r = count_entries(buf, n, &c);
		CHECK(r == 11, "%s: %d entries (want 11): %s", files[i], r, c.err ? c.err : "");
		ts_cpio_init(&c, buf, n);
		while (ts_cpio_next(&c, &e) > 0) {
			CHECK(e.name[0] != '.' || e.name[1] != '/', "name %s kept its ./", e.name);
			if (!strcmp(e.name, ""))
				seen_root = (e.mode & TS_CPIO_S_IFMT) == TS_CPIO_S_IFDIR;
			if (!strcmp(e.name, "d/f"))
				seen_f = e.size == 6 && !memcmp(e.data, "hello\n", 6) && e.mtime == 1234567890;
			if (!strcmp(e.name, "link"))
				seen_link = (e.mode & TS_CPIO_S_IFMT) == TS_CPIO_S_IFLNK && e.size == 3 &&
					    !memcmp(e.data, "d/f", 3);
		}
		CHECK(seen_root && seen_f && seen_link, "%s: root %d, d/f %d, link %d", files[i],
		      seen_root, seen_f, seen_link);
		CHECK(ts_cpio_next(&c, &e) == 0, "after the trailer: still the end");
		free(buf);
	}
}

static void unpack_host_archive(void)
{
	size_t n;
	char *buf = archive("a.cpio", &n), got[100];
	struct ts_cpio_error err;
	struct ts_stat st, st2;
	int r = ts_cpio_unpack(buf, n, &err);

	CHECK(r == 0, "unpack: %d %s at %zu", r, err.what, err.offset);
	CHECK(get_file("/d/f", got, sizeof(got)) == 6 && !strcmp(got, "hello\n"), "/d/f: %s", got);
	CHECK(get_file("/d/priv", got, sizeof(got)) == 6, "/d/priv");
	st = stat_of("/d/priv");
	CHECK((st.st_mode & 07777) == 0600, "/d/priv mode %o", st.st_mode);
	st = stat_of("/d/f");
	CHECK(st.st_mtim.tv_sec == 1234567890, "/d/f mtime %lld", (long long)st.st_mtim.tv_sec);
	st = stat_of("/d");
	CHECK(TS_S_ISDIR(st.st_mode) && st.st_mtim.tv_sec == 1234567890,
	      "/d: directory time kept after its files went in (%lld)", (long long)st.st_mtim.tv_sec);
	st = stat_of("/d/sub/big");
	st2 = stat_of("/hard");
	CHECK(st.st_ino && st.st_ino == st2.st_ino && st.st_nlink == 2 && st.st_size == 70001,
	      "hard links: ino %llu/%llu nlink %llu size %lld", (unsigned long long)st.st_ino,
	      (unsigned long long)st2.st_ino, (unsigned long long)st.st_nlink, (long long)st.st_size);
	CHECK(ts_vfs_readlinkat(TS_AT_FDCWD, "/link", got, sizeof(got)) == 3 && !memcmp(got, "d/f", 3),
	      "/link");
	CHECK(stat_of("/zero").st_size == 0 && TS_S_ISDIR(stat_of("/empty").st_mode), "/zero, /empty");
	free(buf);
}

/* ---- archives made here, entry by entry ---- */

struct arch {
	char buf[16384];
	size_t n;
};

/* Append an entry; namesize < 0: the name's length + 1. */
static void ent(struct arch *a, const char *magic, uint32_t mode, const char *name, long namesize,
		const char *data, size_t size, uint32_t check)
{
	size_t nl = strlen(name) + 1;

	a->n += (size_t)sprintf(a->buf + a->n, "%s%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08lX%08X",
				magic, 7u, mode, 0u, 0u, 1u, 1000u, size, 0u, 0u, 0u, 0u,
				namesize < 0 ? (long)nl : namesize, check);
	memcpy(a->buf + a->n, name, nl);
	a->n = (a->n + nl + 3) & ~(size_t)3;
	memcpy(a->buf + a->n, data, size);
	a->n = (a->n + size + 3) & ~(size_t)3;
}

static void trailer(struct arch *a)
{
	ent(a, "070701", 0, "TRAILER!!!", -1, "", 0, 0);
}

/* Expect the archive to be refused with err, what containing why, at off. */
static void refused(const char *label, struct arch *a, int err, const char *why, long off)
{
	struct ts_cpio c;
	int r = count_entries(a->buf, a->n, &c);

	CHECK(r == err, "%s: %d, want %d (%s)", label, r, err, c.err ? c.err : "no error");
	CHECK(r >= 0 || (c.err && strstr(c.err, why)), "%s: said '%s', want '%s'", label, c.err, why);
	CHECK(off < 0 || (size_t)off == c.err_offset, "%s: at %zu, want %ld", label, c.err_offset, off);
}

static void bad_archives(void)
{
	struct arch a = { .n = 0 };
	char longname[5000];

	ent(&a, "070703", 0100644, "f", -1, "x", 1, 0);
	refused("bad magic", &a, -EINVAL, "bad magic", 0);
	a.n = 0;
	ent(&a, "070701", 0100644, "f", -1, "x", 1, 0);
	trailer(&a);
	a.buf[6 + 8 + 3] = 'g';
	refused("bad hex digit", &a, -EINVAL, "hex", 14);
	a.buf[6 + 8 + 3] = ' ';
	refused("space in a field", &a, -EINVAL, "hex", 14);
	a.n = 0;
	ent(&a, "070701", 0100644, "ok", -1, "", 0, 0);
	ent(&a, "070701", 0100644, "f", 0, "", 0, 0);
	refused("name size 0", &a, -E2BIG, "name size", 116);
	a.n = 0;
	ent(&a, "070701", 0100644, "f", 0x7fffffff, "", 0, 0);
	refused("absurd name size", &a, -E2BIG, "name size", 0);
	a.n = 0;
	memset(longname, 'a', 4096);
	longname[4096] = '\0';
	ent(&a, "070701", 0100644, longname, -1, "", 0, 0);
	refused("name of 4097 bytes", &a, -E2BIG, "name size", 0);
	a.n = 0;
	longname[4095] = '\0';
	ent(&a, "070701", 0100644, longname, -1, "", 0, 0);
	trailer(&a);
	refused("name of 4096 bytes with its NUL", &a, 1, "", -1);
	a.n = 0;
	ent(&a, "070701", 0100644, "abc", 2, "", 0, 0);
	trailer(&a);
	refused("name without its NUL", &a, -EINVAL, "NUL", 0);
	a.n = 0;
	ent(&a, "070701", 0100644, "abc", 400, "", 0, 0);
	refused("name past the end", &a, -EINVAL, "truncated name", 0);
	a.n = 0;
	ent(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	trailer(&a);
	memcpy(a.buf + 6 + 6 * 8, "00100000", 8);
	refused("file size past the end", &a, -EINVAL, "past the end", 0);
	memcpy(a.buf + 6 + 6 * 8, "FFFFFFFF", 8);
	refused("file size 4 GiB - 1", &a, -EINVAL, "past the end", 0);
	const char *escapes[] = { "..", "../x", "a/../../b", "./..", "a/..", "//etc/passwd", "./../x" };
	for (size_t i = 0; i < sizeof(escapes) / sizeof(*escapes); i++) {
		a.n = 0;
		ent(&a, "070701", 0100644, escapes[i], -1, "", 0, 0);
		trailer(&a);
		refused(escapes[i], &a, -EINVAL, escapes[i][1] == '/' && escapes[i][0] == '/' ?
			"absolute" : "'..'", 0);
	}
	a.n = 0;
	ent(&a, "070701", 0020644, "dev", -1, "", 0, 0);
	trailer(&a);
	refused("a character device", &a, -EOPNOTSUPP, "file type", 0);
	a.n = 0;
	ent(&a, "070701", 0120777, "l", -1, "", 0, 0);
	trailer(&a);
	refused("a symbolic link without target", &a, -EINVAL, "target", 0);
	a.n = 0;
	ent(&a, "070701", 0040755, "d", -1, "xy", 2, 0);
	trailer(&a);
	refused("a directory with data", &a, -EINVAL, "directory with data", 0);
	a.n = 0;
	ent(&a, "070702", 0100644, "f", -1, "ab", 2, 'a' + 'b');
	trailer(&a);
	refused("070702 with the right checksum", &a, 1, "", -1);
	a.n = 0;
	ent(&a, "070702", 0100644, "f", -1, "ab", 2, 'a' + 'b' + 1);
	trailer(&a);
	refused("070702 with a wrong checksum", &a, -EBADMSG, "checksum", 0);
	a.n = 0;
	ent(&a, "070701", 0100644, "f", -1, "ab", 2, 0);
	refused("no trailer", &a, -EINVAL, "TRAILER", 116);
	a.n = 0;
	refused("empty archive", &a, -EINVAL, "TRAILER", 0);
}

/* A valid archive cut anywhere before its trailer is an error, never an
 * entry read past the end (ASan would see it). */
static void truncated_everywhere(void)
{
	size_t n;
	char *buf = archive("a.cpio", &n), *cut;
	struct ts_cpio c;
	size_t end = 0;
	int bad = 0;

	ts_cpio_init(&c, buf, n);
	for (struct ts_cpio_entry e; ts_cpio_next(&c, &e) > 0;)
		end = e.offset;
	end += 110 + 11; /* through the trailer's name, at the last entry's offset or later */
	for (size_t len = 0; len < n && len < end; len++) {
		cut = malloc(len ? len : 1); /* exactly len bytes: any overread is caught */
		memcpy(cut, buf, len);
		if (count_entries(cut, len, &c) >= 0)
			bad++;
		free(cut);
	}
	CHECK(bad == 0, "%d cut archives read without an error", bad);
	free(buf);
}

static void leading_dot_slash(void)
{
	struct arch a = { .n = 0 };
	struct ts_cpio c;
	struct ts_cpio_entry e;

	ent(&a, "070701", 0040755, ".", -1, "", 0, 0);
	ent(&a, "070701", 0040755, "/", -1, "", 0, 0);
	ent(&a, "070701", 0100644, "./x", -1, "", 0, 0);
	ent(&a, "070701", 0100644, "/y", -1, "", 0, 0);
	ent(&a, "070701", 0100644, "a/./b", -1, "", 0, 0);
	trailer(&a);
	ts_cpio_init(&c, a.buf, a.n);
	const char *want[] = { "", "", "x", "y", "a/./b" };
	for (int i = 0; i < 5; i++) {
		int r = ts_cpio_next(&c, &e);
		CHECK(r == 1 && !strcmp(e.name, want[i]), "entry %d: %d '%s', want '%s'", i, r,
		      r == 1 ? e.name : "", want[i]);
	}
}

static void unpack_errors(void)
{
	struct arch a = { .n = 0 };
	struct ts_cpio_error err;
	int r;

	ent(&a, "070701", 0100644, "clash", -1, "x", 1, 0);
	ent(&a, "070701", 0100644, "clash/y", -1, "", 0, 0);
	trailer(&a);
	r = ts_cpio_unpack(a.buf, a.n, &err);
	CHECK(r == -ENOTDIR && err.name && !strcmp(err.name, "clash/y") && err.offset == 120,
	      "a file under a file: %d %s %s at %zu", r, err.what, err.name ? err.name : "", err.offset);
	a.n = 0;
	ent(&a, "070701", 0100644, "deep/er/file", -1, "z", 1, 0);
	ent(&a, "070701", 0100644, "bad/../x", -1, "", 0, 0);
	trailer(&a);
	r = ts_cpio_unpack(a.buf, a.n, &err);
	CHECK(r == -EINVAL && !err.name && strstr(err.what, ".."), "escape: %d %s", r, err.what);
	CHECK(TS_S_ISREG(stat_of("/deep/er/file").st_mode), "parents made, what came before stays");
}

int main(void)
{
	if (!mkdtemp(tmp) || make_tree() != 0) {
		printf("FAIL setup: could not make archives with the host's cpio"
		       " (support/setup/deps.sh installs it)\n");
		return 1;
	}
	hosttest_run("cpio: archives of the host's cpio (newc, crc)", read_host_archives);
	hosttest_run("cpio: unpacked into the VFS", unpack_host_archive);
	hosttest_run("cpio: every bad input refused", bad_archives);
	hosttest_run("cpio: cut anywhere, an error", truncated_everywhere);
	hosttest_run("cpio: leading ./ and / dropped", leading_dot_slash);
	hosttest_run("cpio: unpack errors name the entry", unpack_errors);
	sh("rm -rf %s", tmp);
	return hosttest_status();
}
