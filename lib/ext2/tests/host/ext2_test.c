/*
 * ext2_test.c: host tests of lib/ext2 through the VFS, on image files
 * made by mkfs.ext2 (1 KiB and 4 KiB blocks, 128- and 256-byte inodes):
 * every operation, files the host put in (mkfs.ext2 -d), sparse files
 * beyond the double-indirect range, a full disk, read-only disks, unknown
 * features and damaged metadata. After each case that writes, `e2fsck -fn`
 * must find the image clean; debugfs reads back what the driver wrote.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ts/vfs.h>
#include "disk.h"
#include "hosttest.h"
#include "ts/print.h"
#include "../../ext2.h"
#include "../../../vfs/tests/host/support.h"

#define AT TS_AT_FDCWD
#define KB 1024l
#define MB (1024 * 1024l)
#define EQ(a, b)                                                                        \
	do {                                                                            \
		long a_ = (long)(a), b_ = (long)(b);                                    \
		CHECK(a_ == b_, "line %d: %s is %s, want %s", __LINE__, #a, err_name(a_), \
		      err_name(b_));                                                    \
	} while (0)

static char tmp[] = "/tmp/ext2-test-XXXXXX";
static char img[300];

static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	r = system(cmd);
	return r == -1 ? -1 : WEXITSTATUS(r);
}

/* A new image tmp/name.img of kb KiB with block size bs and extra mkfs
 * options; its path in img. */
static int mkimg(const char *name, int bs, long kb, const char *opts)
{
	snprintf(img, sizeof(img), "%s/%s.img", tmp, name);
	return sh("rm -f %s; mkfs.ext2 -q -F -b %d %s %s %ldk >/dev/null 2>&1", img, bs, opts, img, kb);
}

/* e2fsck -fn finds nothing: 0, else its status (its report is printed). */
static int fsck(const char *path)
{
	int r = sh("e2fsck -fn %s >%s.fsck 2>&1", path, path);

	if (r)
		sh("sed 's/^/    e2fsck: /' %s.fsck | head -20", path);
	return r;
}

static int mount_img(const char *path, int ro_disk, unsigned long flags)
{
	int err = disk_attach("vda", path, ro_disk);

	if (err)
		return err;
	ts_vfs_mkdirat(AT, "/mnt", 0755);
	return ts_vfs_mount("/dev/vda", "/mnt", "ext2", flags, NULL);
}

static int umount_img(void)
{
	int err = ts_vfs_umount("/mnt", 0);

	if (!err)
		disk_detach("vda");
	return err;
}

/* The superblock's free block count, read from the image file. */
static long sb_free_blocks(const char *path)
{
	unsigned char sb[16];
	FILE *f = fopen(path, "rb");
	long n = -1;

	if (f && fseek(f, 1024, SEEK_SET) == 0 && fread(sb, 1, 16, f) == 16)
		n = sb[12] | sb[13] << 8 | sb[14] << 16 | (long)sb[15] << 24;
	if (f)
		fclose(f);
	return n;
}

/* The names in directory path, sorted, space-separated, into out. */
static int list_dir(const char *path, char *out, size_t size)
{
	char buf[4096], *names[512];
	int fd = ts_vfs_openat(AT, path, TS_O_RDONLY | TS_O_DIRECTORY, 0), n = 0;
	ssize_t len;

	if (fd < 0)
		return fd;
	while ((len = ts_vfs_getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < len;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

			if (n < 512)
				names[n] = strdup(d->d_name);
			n++; /* counted beyond what is kept */
			off += d->d_reclen;
		}
	}
	ts_vfs_close(fd);
	if (len < 0)
		return (int)len;
	for (int i = 0; i < n && i < 512; i++)
		for (int j = i + 1; j < n && j < 512; j++)
			if (strcmp(names[i], names[j]) > 0) {
				char *t = names[i];

				names[i] = names[j];
				names[j] = t;
			}
	out[0] = '\0';
	for (int i = 0; i < n && i < 512; i++) {
		if (strlen(out) + strlen(names[i]) + 2 < size) {
			strcat(out, i ? " " : "");
			strcat(out, names[i]);
		}
		free(names[i]);
	}
	return n;
}

/* A file the host tools read back from the image (debugfs cat) equals data. */
static int debugfs_cat_is(const char *path, const char *data, size_t n)
{
	char out[400];
	size_t got = 0;
	unsigned char *buf;
	int same;

	snprintf(out, sizeof(out), "%s.cat", img);
	if (sh("debugfs -R 'cat %s' %s >%s 2>/dev/null", path, img, out))
		return 0;
	buf = hosttest_slurp(out, &got);
	same = buf && got == n && !memcmp(buf, data, n);
	free(buf);
	return same;
}

/* The first read of path: what ts_vfs_read returned (get_file hides errors). */
static ssize_t read_first(const char *path, char *buf, size_t size)
{
	int fd = ts_vfs_openat(AT, path, TS_O_RDONLY, 0);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = ts_vfs_read(fd, buf, size);
	ts_vfs_close(fd);
	return n;
}

static void fill(char *buf, size_t n, long seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(seed * 131 + (long)i * 7 + (long)(i >> 10));
}

/* ---- cases ---- */

static void fresh(int bs)
{
	char names[256];

	EQ(mkimg("fresh", bs, 4096, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(list_dir("/mnt", names, sizeof(names)), 3);
	CHECK(!strcmp(names, ". .. lost+found"), "root holds %s", names);
	EQ(stat_of("/mnt").st_nlink, 3);
	EQ(stat_of("/mnt/lost+found").st_mode & TS_S_IFMT, TS_S_IFDIR);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
}

static void fresh_1k(void) { fresh(1024); }
static void fresh_4k(void) { fresh(4096); }

/* Every namespace and data operation, checked live, after a remount, by
 * e2fsck and by debugfs. */
static void operations(int bs, const char *opts)
{
	char buf[20000], want[20000], names[4096], longt[400];
	struct ts_stat st;
	int fd;

	EQ(mkimg("ops", bs, 8192, opts), 0);
	EQ(mount_img(img, 0, 0), 0);
	/* create, write, append */
	EQ(put_file("/mnt/a", "hello"), 0);
	fd = ts_vfs_openat(AT, "/mnt/a", TS_O_WRONLY | TS_O_APPEND, 0);
	EQ(ts_vfs_write(fd, " world", 6), 6);
	EQ(ts_vfs_close(fd), 0);
	EQ(get_file("/mnt/a", buf, sizeof(buf)), 11);
	CHECK(!strcmp(buf, "hello world"), "a holds %s", buf);
	/* directories, hard links, fast and slow symbolic links */
	EQ(ts_vfs_mkdirat(AT, "/mnt/d", 0750), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d/e", 0755), 0);
	EQ(put_file("/mnt/d/e/f", "x"), 0);
	EQ(ts_vfs_linkat(AT, "/mnt/a", AT, "/mnt/d/a2", 0), 0);
	EQ(stat_of("/mnt/a").st_nlink, 2);
	EQ(ts_vfs_symlinkat("a", AT, "/mnt/s1"), 0);
	memset(longt, 'y', 300);
	memcpy(longt, "../mnt/", 7);
	longt[300] = '\0';
	EQ(ts_vfs_symlinkat(longt, AT, "/mnt/s2"), 0);
	EQ(ts_vfs_readlinkat(AT, "/mnt/s1", buf, sizeof(buf)), 1);
	EQ(ts_vfs_readlinkat(AT, "/mnt/s2", buf, sizeof(buf)), 300);
	CHECK(!memcmp(buf, longt, 300), "slow link target");
	EQ(get_file("/mnt/s1", buf, sizeof(buf)), 11);
	EQ(stat_of("/mnt/d").st_nlink, 3);
	EQ(stat_of("/mnt").st_nlink, 4);
	/* rename: a directory to another parent, a file over another, exchange */
	EQ(ts_vfs_renameat2(AT, "/mnt/d/e", AT, "/mnt/e2", 0), 0);
	EQ(stat_of("/mnt/d").st_nlink, 2);
	EQ(stat_of("/mnt").st_nlink, 5);
	EQ(get_file("/mnt/e2/f", buf, sizeof(buf)), 1);
	EQ(stat_of("/mnt/e2/..").st_ino, stat_of("/mnt").st_ino);
	EQ(put_file("/mnt/b", "B"), 0);
	EQ(ts_vfs_renameat2(AT, "/mnt/b", AT, "/mnt/a", 0), 0);
	EQ(get_file("/mnt/a", buf, sizeof(buf)), 1);
	EQ(stat_of("/mnt/d/a2").st_nlink, 1);
	EQ(ts_vfs_renameat2(AT, "/mnt/d", AT, "/mnt/e2", TS_RENAME_EXCHANGE), 0);
	EQ(get_file("/mnt/d/f", buf, sizeof(buf)), 1);
	EQ(get_file("/mnt/e2/a2", buf, sizeof(buf)), 11);
	EQ(ts_vfs_renameat2(AT, "/mnt/e2/a2", AT, "/mnt/d/g", 0), 0);
	EQ(ts_vfs_renameat2(AT, "/mnt/e2", AT, "/mnt/d", 0), -ENOTEMPTY);
	/* truncate: shrink into a block, grow with a hole */
	fill(want, 10000, 1);
	fd = ts_vfs_openat(AT, "/mnt/t", TS_O_RDWR | TS_O_CREAT, 0644);
	EQ(ts_vfs_write(fd, want, 10000), 10000);
	EQ(ts_vfs_ftruncate(fd, 5000), 0);
	EQ(ts_vfs_ftruncate(fd, 20000), 0);
	memset(want + 5000, 0, 15000);
	EQ(ts_vfs_pread(fd, buf, 20000, 0), 20000);
	CHECK(!memcmp(buf, want, 20000), "truncated file");
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_size, 20000);
	EQ(ts_vfs_close(fd), 0);
	/* a directory of many blocks, half of it removed */
	EQ(ts_vfs_mkdirat(AT, "/mnt/many", 0755), 0);
	for (int i = 0; i < 300; i++) {
		char p[128];

		snprintf(p, sizeof(p), "/mnt/many/file-%03d-with-a-rather-long-name-to-fill-blocks", i);
		EQ(put_file(p, p), 0);
	}
	for (int i = 0; i < 300; i += 2) {
		char p[128];

		snprintf(p, sizeof(p), "/mnt/many/file-%03d-with-a-rather-long-name-to-fill-blocks", i);
		EQ(ts_vfs_unlinkat(AT, p, 0), 0);
	}
	EQ(list_dir("/mnt/many", names, sizeof(names)), 152);
	/* removal */
	EQ(ts_vfs_unlinkat(AT, "/mnt/d", TS_AT_REMOVEDIR), -ENOTEMPTY);
	EQ(ts_vfs_unlinkat(AT, "/mnt/d/g", 0), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/e2", TS_AT_REMOVEDIR), 0);
	EQ(stat_of("/mnt").st_nlink, 5); /* lost+found, d, many */
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	CHECK(debugfs_cat_is("/a", "B", 1), "debugfs reads /a");
	CHECK(debugfs_cat_is("/t", want, 20000), "debugfs reads /t");
	/* all of it again after a remount */
	EQ(mount_img(img, 0, 0), 0);
	EQ(get_file("/mnt/a", buf, sizeof(buf)), 1);
	EQ(ts_vfs_readlinkat(AT, "/mnt/s2", buf, sizeof(buf)), 300);
	CHECK(!memcmp(buf, longt, 300), "slow link target after remount");
	EQ(list_dir("/mnt/many", names, sizeof(names)), 152);
	EQ(stat_of("/mnt/d").st_mode, TS_S_IFDIR | 0755);
	EQ(get_file("/mnt/d/f", buf, sizeof(buf)), 1);
	for (int i = 1; i < 300; i += 2) {
		char p[128];

		snprintf(p, sizeof(p), "/mnt/many/file-%03d-with-a-rather-long-name-to-fill-blocks", i);
		EQ(ts_vfs_unlinkat(AT, p, 0), 0);
	}
	EQ(ts_vfs_unlinkat(AT, "/mnt/many", TS_AT_REMOVEDIR), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
}

static void operations_1k(void) { operations(1024, "-I 128"); }
static void operations_4k(void) { operations(4096, "-I 256"); }
static void operations_2k(void) { operations(2048, ""); }
static void operations_nofiletype(void) { operations(1024, "-O ^filetype,^dir_index"); }

/* Each kind of rename, e2fsck after each. */
static void renames(void)
{
	static const struct {
		const char *from, *to;
		unsigned int flags;
	} steps[] = {
		{ "/mnt/d/e", "/mnt/e2", 0 },                  /* a directory to another parent */
		{ "/mnt/e2", "/mnt/d/e", 0 },                  /* and back */
		{ "/mnt/d", "/mnt/x", TS_RENAME_EXCHANGE },    /* two directories swapped */
		{ "/mnt/x/e", "/mnt/d", TS_RENAME_EXCHANGE },  /* across parents */
		{ "/mnt/a", "/mnt/d/a", 0 },                   /* a file to another parent */
		{ "/mnt/d/a", "/mnt/b", 0 },                   /* over another file */
		{ "/mnt/x/e", "/mnt/y", 0 },                   /* a directory over an empty one */
		{ "/mnt/b", "/mnt/y/b", 0 },
		{ "/mnt/y/b", "/mnt/y/c", 0 },                 /* within a directory */
	};

	EQ(mkimg("ren", 1024, 2048, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d/e", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/x", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/y", 0755), 0);
	EQ(put_file("/mnt/a", "a"), 0);
	EQ(put_file("/mnt/b", "b"), 0);
	EQ(umount_img(), 0);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		EQ(mount_img(img, 0, 0), 0);
		int r = ts_vfs_renameat2(AT, steps[i].from, AT, steps[i].to, steps[i].flags);

		CHECK(r == 0, "step %zu (%s -> %s): %s", i, steps[i].from, steps[i].to, err_name(r));
		EQ(umount_img(), 0);
		CHECK(fsck(img) == 0, "e2fsck after step %zu (%s -> %s)", i, steps[i].from, steps[i].to);
	}
}

/* Files the host put in with mkfs.ext2 -d read back byte for byte; a
 * file added by the driver reads back through debugfs. */
static void host_files(void)
{
	char dir[300], path[400], names[1024], buf[300000];
	unsigned char *want;
	size_t n;

	snprintf(dir, sizeof(dir), "%s/tree", tmp);
	EQ(sh("set -e; rm -rf %s; mkdir -p %s/sub/deeper; cd %s; printf 'hello\\n' > sub/f;"
	      " head -c 250000 /dev/urandom > big; : > empty; ln big sub/hard; ln -s sub/f fast;"
	      " ln -s $(printf './%%.0s' $(seq 78))sub/f slow; printf z > sub/deeper/z",
	      dir, dir, dir), 0);
	snprintf(img, sizeof(img), "%s/host.img", tmp);
	EQ(sh("rm -f %s; mkfs.ext2 -q -F -b 1024 -d %s %s 4096k >/dev/null 2>&1", img, dir, img), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(list_dir("/mnt", names, sizeof(names)), 8);
	CHECK(!strcmp(names, ". .. big empty fast lost+found slow sub"), "root: %s", names);
	snprintf(path, sizeof(path), "%s/big", dir);
	want = hosttest_slurp(path, &n);
	EQ(get_file("/mnt/big", buf, sizeof(buf)), 250000);
	CHECK(want && n == 250000 && !memcmp(buf, want, n), "big reads as the host's");
	EQ(get_file("/mnt/sub/hard", buf, sizeof(buf)), 250000);
	CHECK(want && !memcmp(buf, want, n), "the hard link too");
	free(want);
	EQ(stat_of("/mnt/big").st_nlink, 2);
	EQ(stat_of("/mnt/big").st_ino, stat_of("/mnt/sub/hard").st_ino);
	EQ(get_file("/mnt/empty", buf, sizeof(buf)), 0);
	EQ(get_file("/mnt/fast", buf, sizeof(buf)), 6);
	EQ(get_file("/mnt/slow", buf, sizeof(buf)), 6);
	CHECK(!strcmp(buf, "hello\n"), "slow link leads to sub/f");
	EQ(ts_vfs_readlinkat(AT, "/mnt/slow", buf, sizeof(buf)), 161);
	EQ(get_file("/mnt/sub/deeper/z", buf, sizeof(buf)), 1);
	EQ(put_file("/mnt/sub/new", "from the guest"), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/big", 0), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	CHECK(debugfs_cat_is("/sub/new", "from the guest", 14), "debugfs reads /sub/new");
}

/* A hashed directory (e2fsck -D builds its index): looked up, listed and
 * changed as a linear one; it loses its index flag, and e2fsck is happy. */
static void hashed_directory(void)
{
	char dir[300], names[64];
	struct ts_stat st;

	snprintf(dir, sizeof(dir), "%s/hashed", tmp);
	EQ(sh("set -e; rm -rf %s; mkdir -p %s/big; cd %s/big; for i in $(seq 1500); do"
	      " : > name-long-enough-to-need-many-blocks-$i; done", dir, dir, dir), 0);
	snprintf(img, sizeof(img), "%s/hashed.img", tmp);
	EQ(sh("rm -f %s; mkfs.ext2 -q -F -b 1024 -d %s %s 8192k >/dev/null 2>&1; e2fsck -fyD %s >/dev/null 2>&1;"
	      " debugfs -R 'stat /big' %s 2>/dev/null | grep -q 'Flags: 0x1000'", img, dir, img, img, img), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(ts_vfs_fstatat(AT, "/mnt/big/name-long-enough-to-need-many-blocks-777", &st, 0), 0);
	EQ(put_file("/mnt/big/new", "n"), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/big/name-long-enough-to-need-many-blocks-3", 0), 0);
	EQ(list_dir("/mnt/big", names, sizeof(names)), 1500 + 2);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sh("debugfs -R 'stat /big' %s 2>/dev/null | grep -q 'Flags: 0x0'", img), 0);
}

/* Files the host gave extended attributes: mkfs.ext2 -d puts equal ones
 * in one shared block (128-byte inodes have no room inside); removing the
 * files gives it back after the last one. */
static void xattr_blocks(void)
{
	char dir[300];
	long free0;

	snprintf(dir, sizeof(dir), "%s/xattr", tmp);
	snprintf(img, sizeof(img), "%s/xattr.img", tmp);
	if (sh("set -e; rm -rf %s; mkdir -p %s; cd %s; echo a > f; echo b > g;"
	       " python3 -c \"import os; [os.setxattr(n, 'user.t', b'v' * 100) for n in ('f', 'g')]\""
	       " 2>/dev/null; rm -f %s; mkfs.ext2 -q -F -b 1024 -I 128 -d %s %s 2048k >/dev/null 2>&1;"
	       " debugfs -R 'stat /f' %s 2>/dev/null | grep -q 'File ACL: [1-9]'",
	       dir, dir, dir, img, dir, img, img)) {
		printf("(xattr_blocks: the host could not make files with attributes; nothing to check)\n");
		return;
	}
	/* make g share f's block, as Linux does for equal attributes */
	if (sh("i=%s; acl() { debugfs -R \"stat /$1\" $i 2>/dev/null | sed -n 's/.*File ACL: \\([0-9]*\\).*/\\1/p'; };"
	       " a=$(acl f); b=$(acl g); debugfs -w -R \"sif g file_acl $a\" $i >/dev/null 2>&1 &&"
	       " debugfs -w -R \"freeb $b\" $i >/dev/null 2>&1 &&"
	       " printf '\\002' | dd of=$i bs=1 seek=$((a * 1024 + 4)) conv=notrunc status=none;"
	       " e2fsck -fy $i >/dev/null 2>&1; [ $? -le 1 ]", img) || fsck(img)) {
		CHECK(0, "could not make g share f's attribute block");
		return;
	}
	free0 = sb_free_blocks(img);
	EQ(mount_img(img, 0, 0), 0);
	EQ(stat_of("/mnt/f").st_blocks, 4); /* a data block and the attribute block */
	EQ(ts_vfs_unlinkat(AT, "/mnt/f", 0), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sb_free_blocks(img), free0 + 1);
	EQ(mount_img(img, 0, 0), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/g", 0), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sb_free_blocks(img), free0 + 3);
}

/* A file with data beyond the double-indirect range of 1 KiB blocks
 * (64 MiB + 268 KiB), sparse: few blocks, holes read as zeros, truncation
 * gives every block back. */
static void sparse_triple(void)
{
	static char zero[MB], mid[MB];
	long free0;
	struct ts_stat st;
	char buf[8];
	int fd;

	EQ(mkimg("sparse", 1024, 8192, ""), 0);
	free0 = sb_free_blocks(img);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/big", TS_O_RDWR | TS_O_CREAT, 0644);
	EQ(ts_vfs_pwrite(fd, "head", 4, 0), 4);
	EQ(ts_vfs_pwrite(fd, "midl", 4, 16 * MB), 4);
	EQ(ts_vfs_pwrite(fd, "tail", 4, 70 * MB), 4);
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_size, 70 * MB + 4);
	/* data 3, single 0, double 1+1, triple 1+1+1 (1 KiB blocks = 2 sectors) */
	EQ(st.st_blocks, (3 + 2 + 3) * 2);
	EQ(ts_vfs_pread(fd, mid, MB, 40 * MB), MB);
	CHECK(!memcmp(mid, zero, MB), "a hole reads as zeros");
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/big", TS_O_RDWR, 0);
	EQ(ts_vfs_pread(fd, buf, 8, 70 * MB), 4);
	CHECK(!memcmp(buf, "tail", 4), "tail after remount");
	EQ(ts_vfs_ftruncate(fd, 16 * MB + 2), 0);
	EQ(ts_vfs_pread(fd, buf, 8, 16 * MB), 2);
	EQ(ts_vfs_ftruncate(fd, 0), 0);
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_blocks, 0);
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/big", 0), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sb_free_blocks(img), free0);
}

/* A dense file of 20 MiB through the cache, on 4 KiB blocks. */
static void dense_file(void)
{
	long n = 20 * MB, chunk = 256 * KB;
	char *buf = malloc((size_t)chunk), *got = malloc((size_t)chunk);
	int fd;

	EQ(mkimg("dense", 4096, 32768, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/f", TS_O_RDWR | TS_O_CREAT, 0644);
	for (long off = 0; off < n; off += chunk) {
		fill(buf, (size_t)chunk, off / chunk);
		EQ(ts_vfs_write(fd, buf, (size_t)chunk), chunk);
	}
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/f", TS_O_RDONLY, 0);
	for (long off = 0; off < n; off += chunk) {
		fill(buf, (size_t)chunk, off / chunk);
		EQ(ts_vfs_read(fd, got, (size_t)chunk), chunk);
		CHECK(!memcmp(buf, got, (size_t)chunk), "chunk at %ld", off);
	}
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	free(buf);
	free(got);
}

/* Small writes (through the cache) and big ones (past it, in runs of
 * blocks) mixed with big and small reads always see the newest data. */
static void cache_coherence(void)
{
	static char want[300 * KB], got[300 * KB], big[100 * KB];
	long n = sizeof(want);
	int fd;

	EQ(mkimg("coh", 1024, 4096, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	fill(want, sizeof(want), 5);
	fd = ts_vfs_openat(AT, "/mnt/f", TS_O_RDWR | TS_O_CREAT, 0644);
	for (long off = 0; off < n; off += 100)
		EQ(ts_vfs_pwrite(fd, want + off, off + 100 <= n ? 100 : (size_t)(n - off), off),
		   off + 100 <= n ? 100 : n - off);
	EQ(ts_vfs_pread(fd, got, sizeof(got), 0), n);
	CHECK(!memcmp(want, got, sizeof(got)), "big read after small writes");
	fill(big, sizeof(big), 9);
	memcpy(want + 50 * KB, big, sizeof(big));
	EQ(ts_vfs_pwrite(fd, big, sizeof(big), 50 * KB), sizeof(big));
	for (long off = 0; off < n; off += 1000) {
		size_t len = off + 1000 <= n ? 1000 : (size_t)(n - off);

		EQ(ts_vfs_pread(fd, got, len, off), len);
		CHECK(!memcmp(want + off, got, len), "small read at %ld after a big write", off);
	}
	memcpy(want + 70 * KB + 3, "overwritten", 11);
	EQ(ts_vfs_pwrite(fd, "overwritten", 11, 70 * KB + 3), 11);
	EQ(ts_vfs_pread(fd, got, sizeof(got), 0), n);
	CHECK(!memcmp(want, got, sizeof(got)), "big read after a small write into a big one");
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	CHECK(debugfs_cat_is("/f", want, sizeof(want)), "debugfs reads /f");
}

/* Two threads write their own files (the VFS lets them run in parallel;
 * ext2's own lock keeps the shared cache and bitmaps whole) while a third
 * makes and removes directories. */
static void *writer(void *arg)
{
	char path[32], rec[64];
	long id = (long)arg;
	int fd;

	snprintf(path, sizeof(path), "/mnt/t%ld", id);
	fd = ts_vfs_openat(AT, path, TS_O_WRONLY | TS_O_CREAT | TS_O_APPEND, 0644);
	for (int i = 0; i < 2000 && fd >= 0; i++) {
		int len = snprintf(rec, sizeof(rec), "thread %ld record %04d ........................\n", id, i);

		if (ts_vfs_write(fd, rec, (size_t)len) != len)
			return (void *)1;
		if (i % 500 == 0 && ts_vfs_fsync(fd))
			return (void *)1;
	}
	return (void *)(long)(fd < 0 || ts_vfs_close(fd));
}

static void threads(void)
{
	pthread_t t[2];
	void *r[2];
	char buf[2000 * 64];

	EQ(mkimg("thr", 1024, 8192, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	for (int i = 0; i < 200; i++) {
		char p[32];

		snprintf(p, sizeof(p), "/mnt/d%d", i % 20);
		if (ts_vfs_mkdirat(AT, p, 0755))
			EQ(ts_vfs_unlinkat(AT, p, TS_AT_REMOVEDIR), 0);
	}
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], &r[i]);
		EQ((long)r[i], 0);
	}
	EQ(get_file("/mnt/t0", buf, sizeof(buf)), 2000 * 46);
	CHECK(!strncmp(buf + 1999 * 46, "thread 0 record 1999", 20), "t0's last record");
	EQ(get_file("/mnt/t1", buf, sizeof(buf)), 2000 * 46);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
}

/* A full disk: writes end short, then ENOSPC; what was written stays; a
 * full inode table too. */
static void full_disk(void)
{
	static char buf[64 * KB], got[64 * KB];
	long total = 0, free0;
	ssize_t w = 0;
	int fd, i, err = 0;

	EQ(mkimg("full", 1024, 512, "-N 32"), 0);
	free0 = sb_free_blocks(img);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/big", TS_O_RDWR | TS_O_CREAT, 0644);
	for (i = 0; i < 20; i++) {
		fill(buf, sizeof(buf), i);
		w = ts_vfs_write(fd, buf, sizeof(buf));
		if (w != (ssize_t)sizeof(buf))
			break;
		total += w;
	}
	CHECK(w >= 0 && w < (ssize_t)sizeof(buf), "a short write at the end (%zd)", w);
	total += w > 0 ? w : 0;
	EQ(ts_vfs_write(fd, buf, sizeof(buf)), -ENOSPC);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d", 0755), -ENOSPC);
	EQ(put_file("/mnt/small", "x"), -ENOSPC);
	for (long off = 0; off + (long)sizeof(buf) <= total; off += sizeof(buf)) {
		fill(buf, sizeof(buf), off / (long)sizeof(buf));
		EQ(ts_vfs_pread(fd, got, sizeof(got), off), sizeof(got));
		CHECK(!memcmp(buf, got, sizeof(buf)), "data at %ld kept", off);
	}
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(stat_of("/mnt/big").st_size, total);
	EQ(ts_vfs_unlinkat(AT, "/mnt/big", 0), 0);
	EQ(ts_vfs_unlinkat(AT, "/mnt/small", 0), 0);
	/* inodes run out: 32 minus the 11 reserved, lost+found's and ours */
	for (i = 0; i < 40 && !err; i++) {
		char p[64];

		snprintf(p, sizeof(p), "/mnt/n%d", i);
		err = put_file(p, "");
	}
	EQ(err, -ENOSPC);
	EQ(i - 1, 32 - 11);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(mount_img(img, 0, 0), 0);
	for (int j = 0; j < i - 1; j++) {
		char p[64];

		snprintf(p, sizeof(p), "/mnt/n%d", j);
		EQ(ts_vfs_unlinkat(AT, p, 0), 0);
	}
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sb_free_blocks(img), free0);
}

/* A write-protected disk, and a read-only mount, change nothing. */
static void read_only(void)
{
	unsigned char *before, *after;
	size_t n1, n2;
	char buf[64];
	int lines;

	EQ(mkimg("ro", 1024, 2048, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(put_file("/mnt/f", "kept"), 0);
	EQ(umount_img(), 0);
	before = hosttest_slurp(img, &n1);
	lines = host_log_lines;
	EQ(mount_img(img, 1, 0), 0);
	EQ(host_log_lines, lines + 1); /* "read-only: the disk is write-protected" */
	EQ(put_file("/mnt/f", "changed"), -EROFS);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d", 0755), -EROFS);
	EQ(ts_vfs_unlinkat(AT, "/mnt/f", 0), -EROFS);
	EQ(get_file("/mnt/f", buf, sizeof(buf)), 4);
	EQ(ts_vfs_mount(NULL, "/mnt", NULL, TS_MS_REMOUNT, NULL), 0); /* asks for rw */
	EQ(put_file("/mnt/g", "x"), -EROFS);
	EQ(umount_img(), 0);
	EQ(mount_img(img, 0, TS_MS_RDONLY), 0);
	EQ(put_file("/mnt/f", "changed"), -EROFS);
	EQ(get_file("/mnt/f", buf, sizeof(buf)), 4);
	EQ(umount_img(), 0);
	after = hosttest_slurp(img, &n2);
	CHECK(before && after && n1 == n2 && !memcmp(before, after, n1), "the image did not change");
	free(before);
	free(after);
}

/* Incompatible features refuse the mount in one line; unknown read-only
 * ones mount read-only. */
static void features(void)
{
	char buf[16];
	int lines;

	snprintf(img, sizeof(img), "%s/ext4.img", tmp);
	EQ(sh("rm -f %s; mkfs.ext4 -q -F %s 4096k >/dev/null 2>&1", img, img), 0);
	lines = host_log_lines;
	EQ(mount_img(img, 0, 0), -EINVAL);
	EQ(host_log_lines, lines + 1);
	CHECK(strstr(host_log_last, "unsupported incompatible features"), "says: %s", host_log_last);
	EQ(mkimg("rocompat", 1024, 2048, "-O huge_file"), 0);
	EQ(mount_img(img, 0, 0), 0);
	CHECK(strstr(host_log_last, "read-only"), "says: %s", host_log_last);
	EQ(put_file("/mnt/x", "x"), -EROFS);
	EQ(list_dir("/mnt", buf, sizeof(buf)), 3);
	EQ(umount_img(), 0);
}

/* Patch len bytes at byte offset off of the image. */
static void patch(long off, const void *bytes, size_t len)
{
	FILE *f = fopen(img, "r+b");

	if (f && fseek(f, off, SEEK_SET) == 0)
		fwrite(bytes, 1, len, f);
	if (f)
		fclose(f);
}

/* The block number debugfs gives for the first block of path. */
static long first_block(const char *path)
{
	char out[400];
	long b = -1;
	FILE *f;

	snprintf(out, sizeof(out), "%s.blocks", img);
	sh("debugfs -R 'blocks %s' %s >%s 2>/dev/null", path, img, out);
	f = fopen(out, "r");
	if (f && fscanf(f, "%ld", &b) != 1)
		b = -1;
	if (f)
		fclose(f);
	return b;
}

/* The inode number debugfs gives for path. */
static long inode_of(const char *path)
{
	char out[400];
	long ino = -1;
	FILE *f;

	snprintf(out, sizeof(out), "%s.ino", img);
	sh("debugfs -R 'stat %s' %s 2>/dev/null | sed -n 's/^Inode: *\\([0-9]*\\).*/\\1/p' >%s", path, img, out);
	f = fopen(out, "r");
	if (f && fscanf(f, "%ld", &ino) != 1)
		ino = -1;
	if (f)
		fclose(f);
	return ino;
}

/* A fresh 1 KiB-block image holding /d/f, /f, /s (symbolic link). */
static void corrupt_base(void)
{
	EQ(mkimg("bad", 1024, 2048, ""), 0);
	EQ(sh("debugfs -w -R 'mkdir d' %s >/dev/null 2>&1 && printf abc > %s/f &&"
	      " debugfs -w -R 'write %s/f f' %s >/dev/null 2>&1 &&"
	      " debugfs -w -R 'write %s/f d/f' %s >/dev/null 2>&1 &&"
	      " debugfs -w -R 'symlink s f' %s >/dev/null 2>&1",
	      img, tmp, tmp, img, tmp, img, img), 0);
}

/* One bad superblock field: the mount fails with EINVAL in one line. */
static void bad_super_field(long off, uint32_t value, size_t len, const char *what)
{
	int lines;

	corrupt_base();
	patch(1024 + off, &value, len);
	lines = host_log_lines;
	EQ(mount_img(img, 0, 0), -EINVAL);
	CHECK(host_log_lines == lines + 1, "%s: %d lines", what, host_log_lines - lines);
	disk_detach("vda");
}

static void corrupt_superblock(void)
{
	bad_super_field(56, 0x1234, 2, "magic");
	bad_super_field(24, 9, 4, "block size");
	bad_super_field(40, 0, 4, "inodes per group");
	bad_super_field(4, 0x7fffffff, 4, "blocks count");
	bad_super_field(32, 7, 4, "blocks per group");
	bad_super_field(88, 100, 2, "inode size");
	bad_super_field(84, 0, 4, "first inode");
	bad_super_field(76, 5, 4, "revision");
	/* group descriptor 0's inode table far away */
	bad_super_field(2048 - 1024 + 8, 0x00ffffff, 4, "inode table");
}

/* Damage found after mounting: EIO and one line for the operation, the
 * rest of the filesystem still usable, nothing crashes. */
static void corrupt_metadata(void)
{
	uint16_t rec = 5;
	struct ts_stat st;
	char buf[64];
	long blk;
	int lines;

	/* a directory entry with a bad record length */
	corrupt_base();
	blk = first_block("/d");
	CHECK(blk > 0, "debugfs blocks /d");
	patch(blk * 1024 + 4, &rec, 2);
	EQ(mount_img(img, 0, 0), 0);
	lines = host_log_lines;
	EQ(read_first("/mnt/d/f", buf, sizeof(buf)), -EIO);
	EQ(host_log_lines, lines + 1);
	CHECK(strstr(host_log_last, "bad record length"), "says: %s", host_log_last);
	EQ(list_dir("/mnt/d", buf, sizeof(buf)), -EIO);
	EQ(put_file("/mnt/d/new", "x"), -EIO);
	EQ(get_file("/mnt/f", buf, sizeof(buf)), 3);
	EQ(umount_img(), 0);

	/* a block pointer beyond the disk */
	corrupt_base();
	EQ(sh("debugfs -w -R 'sif f block[0] 99999999' %s >/dev/null 2>&1", img), 0);
	EQ(mount_img(img, 0, 0), 0);
	lines = host_log_lines;
	EQ(read_first("/mnt/f", buf, sizeof(buf)), -EIO);
	EQ(host_log_lines, lines + 1);
	EQ(ts_vfs_unlinkat(AT, "/mnt/f", 0), 0); /* deleting it frees what is valid */
	EQ(umount_img(), 0);

	/* a block pointer at the inode table */
	corrupt_base();
	EQ(sh("debugfs -w -R 'sif f block[0] 5' %s >/dev/null 2>&1", img), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(read_first("/mnt/f", buf, sizeof(buf)), -EIO);
	EQ(umount_img(), 0);

	/* an entry naming its own directory, a size beyond the block map,
	 * a symbolic link longer than its block, an unused inode */
	corrupt_base();
	EQ(sh("debugfs -w -R 'ln d d/loop' %s >/dev/null 2>&1", img), 0);
	EQ(sh("debugfs -w -R 'sif f size 0x7fffffffffff' %s >/dev/null 2>&1", img), 0);
	EQ(sh("debugfs -w -R 'sif s size 5000' %s >/dev/null 2>&1", img), 0);
	EQ(sh("debugfs -w -R 'sif d/f links_count 0' %s >/dev/null 2>&1", img), 0);
	EQ(mount_img(img, 0, 0), 0);
	lines = host_log_lines;
	EQ(stat_of("/mnt/d/loop").st_ino, 0);
	EQ(ts_vfs_fstatat(AT, "/mnt/d/loop", &st, 0), -EIO);
	EQ(ts_vfs_fstatat(AT, "/mnt/f", &st, 0), -EIO);
	EQ(ts_vfs_readlinkat(AT, "/mnt/s", buf, sizeof(buf)), -EIO);
	EQ(ts_vfs_fstatat(AT, "/mnt/d/f", &st, 0), -EIO);
	EQ(host_log_lines, lines + 5);
	EQ(umount_img(), 0);
}

/* Two directories whose ".." name each other: walking up from them never
 * reaches the root. Renaming a directory below them is refused (the VFS
 * bounds its walk) instead of hanging. */
static void dotdot_cycle(void)
{
	uint32_t ino_b, ino_c;
	long blk_b, blk_c;

	corrupt_base();
	EQ(sh("debugfs -w -R 'mkdir b' %s >/dev/null 2>&1 && debugfs -w -R 'mkdir d/c' %s >/dev/null 2>&1",
	      img, img), 0);
	ino_b = (uint32_t)inode_of("/b");
	ino_c = (uint32_t)inode_of("/d/c");
	blk_b = first_block("/b");
	blk_c = first_block("/d/c");
	CHECK(ino_b > 0 && ino_c > 0 && blk_b > 0 && blk_c > 0, "debugfs found b and d/c");
	patch(blk_b * 1024 + 12, &ino_c, 4); /* b/.. is d/c */
	patch(blk_c * 1024 + 12, &ino_b, 4); /* d/c/.. is b */
	EQ(mount_img(img, 0, 0), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/m", 0755), 0);
	EQ(ts_vfs_renameat2(AT, "/mnt/m", AT, "/mnt/d/c/m", 0), -EINVAL);
	EQ(ts_vfs_renameat2(AT, "/mnt/m", AT, "/mnt/d/m", 0), 0);
	EQ(umount_img(), 0);
}

/* Random bytes over the inode table and a directory: every call returns,
 * success or an error, and the unmount works. */
static void garbage(void)
{
	static unsigned char junk[8192];
	char buf[4096];
	struct ts_stat st;

	srand(7);
	for (int round = 0; round < 20; round++) {
		corrupt_base();
		for (size_t i = 0; i < sizeof(junk); i++)
			junk[i] = (unsigned char)rand();
		/* 1 KiB blocks: the first inode table sits a few blocks in */
		patch((long)(5 + round % 4) * 1024 + (round * 97) % 1024, junk, 1024 + (size_t)round * 300);
		if (mount_img(img, 0, 0)) {
			disk_detach("vda");
			continue;
		}
		list_dir("/mnt", buf, sizeof(buf));
		list_dir("/mnt/d", buf, sizeof(buf));
		get_file("/mnt/f", buf, sizeof(buf));
		get_file("/mnt/d/f", buf, sizeof(buf));
		ts_vfs_readlinkat(AT, "/mnt/s", buf, sizeof(buf));
		ts_vfs_fstatat(AT, "/mnt/d", &st, 0);
		put_file("/mnt/d/new", "x");
		ts_vfs_mkdirat(AT, "/mnt/d/sub", 0755);
		ts_vfs_unlinkat(AT, "/mnt/f", 0);
		ts_vfs_renameat2(AT, "/mnt/d", AT, "/mnt/d2", 0);
		EQ(umount_img(), 0);
	}
}

/* fsync writes everything and flushes the disk: a copy of the image
 * taken right after it (as if the machine died) holds the data, and
 * e2fsck -fy makes it clean. */
static void fsync_reaches_disk(void)
{
	char copy[400], rec[32], buf[64 * 32];
	long flushes;
	int fd;

	EQ(mkimg("sync", 1024, 4096, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/log", TS_O_WRONLY | TS_O_CREAT | TS_O_APPEND, 0644);
	for (int i = 0; i < 64; i++) {
		snprintf(rec, sizeof(rec), "record %05d\n", i);
		flushes = disk_flushes;
		EQ(ts_vfs_write(fd, rec, 13), 13);
		EQ(ts_vfs_fsync(fd), 0);
		CHECK(disk_flushes > flushes, "fsync flushed the disk");
	}
	snprintf(copy, sizeof(copy), "%s/sync-copy.img", tmp);
	EQ(sh("cp %s %s && e2fsck -fy %s >/dev/null 2>&1; [ $? -le 1 ]", img, copy, copy), 0);
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(disk_attach("vdb", copy, 0), 0);
	ts_vfs_mkdirat(AT, "/copy", 0755);
	EQ(ts_vfs_mount("vdb", "/copy", "ext2", 0, NULL), 0);
	EQ(get_file("/copy/log", buf, sizeof(buf)), 64 * 13);
	CHECK(!strncmp(buf + 63 * 13, "record 00063\n", 13), "last record");
	EQ(ts_vfs_umount("/copy", 0), 0);
	disk_detach("vdb");
	EQ(fsck(copy), 0);
}

/* What the VM's exit does (shutdown.c): everything written back and
 * marked clean while still mounted; a later change marks it again. */
static void sync_at_exit(void)
{
	char copy[400];

	EQ(mkimg("exit", 1024, 2048, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	EQ(put_file("/mnt/f", "before exit"), 0);
	EQ(ts_vfs_mkdirat(AT, "/mnt/d", 0755), 0);
	ext2_sync_all();
	EQ(fsck(img), 0);
	EQ(sh("debugfs -R stats %s 2>/dev/null | grep -q 'Filesystem state: *clean$'", img), 0);
	EQ(put_file("/mnt/g", "after"), 0);
	snprintf(copy, sizeof(copy), "%s.copy", img);
	EQ(sh("cp %s %s; debugfs -R stats %s 2>/dev/null | grep -q 'Filesystem state: *not clean$'",
	      img, copy, copy), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
}

/* An unlinked file stays readable while open; its blocks go at the last close. */
static void unlinked_open(void)
{
	static char buf[100 * KB], got[100 * KB];
	long free0;
	int fd;

	EQ(mkimg("unl", 4096, 4096, ""), 0);
	free0 = sb_free_blocks(img);
	EQ(mount_img(img, 0, 0), 0);
	fill(buf, sizeof(buf), 3);
	fd = ts_vfs_openat(AT, "/mnt/f", TS_O_RDWR | TS_O_CREAT, 0644);
	EQ(ts_vfs_write(fd, buf, sizeof(buf)), sizeof(buf));
	EQ(ts_vfs_unlinkat(AT, "/mnt/f", 0), 0);
	EQ(ts_vfs_umount("/mnt", 0), -EBUSY);
	EQ(ts_vfs_pread(fd, got, sizeof(got), 0), sizeof(got));
	CHECK(!memcmp(buf, got, sizeof(buf)), "data of the unlinked file");
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	EQ(fsck(img), 0);
	EQ(sb_free_blocks(img), free0);
}

/* A disk that stops taking writes: errors, never a crash. */
static void write_errors(void)
{
	static char buf[300 * KB];
	int fd;

	EQ(mkimg("werr", 1024, 4096, ""), 0);
	EQ(mount_img(img, 0, 0), 0);
	fd = ts_vfs_openat(AT, "/mnt/f", TS_O_RDWR | TS_O_CREAT, 0644);
	disk_fail_writes_after = 0;
	ts_vfs_write(fd, buf, sizeof(buf)); /* the cache fills; evictions fail */
	EQ(ts_vfs_fsync(fd), -EIO);
	EQ(ts_vfs_close(fd), 0);
	EQ(umount_img(), 0);
	disk_fail_writes_after = -1;
}

/* Run the case called name, unless the command line names others. */
static int argc_;
static char **argv_;
static void run(const char *name, void (*fn)(void))
{
	int wanted = argc_ < 2;

	for (int i = 1; i < argc_; i++)
		wanted |= !strcmp(argv_[i], name);
	if (wanted)
		hosttest_run(name, fn);
}

int main(int argc, char **argv)
{
	argc_ = argc;
	argv_ = argv;
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	if (sh("command -v mkfs.ext2 >/dev/null && command -v e2fsck >/dev/null && command -v debugfs >/dev/null")) {
		printf("FAIL setup: mkfs.ext2, e2fsck and debugfs (e2fsprogs) are needed\n");
		return 1;
	}
	run("fresh_1k", fresh_1k);
	run("fresh_4k", fresh_4k);
	run("operations_1k_128", operations_1k);
	run("operations_4k_256", operations_4k);
	run("operations_2k", operations_2k);
	run("operations_without_filetype", operations_nofiletype);
	run("renames", renames);
	run("host_files", host_files);
	run("hashed_directory", hashed_directory);
	run("xattr_blocks", xattr_blocks);
	run("sparse_triple_indirect", sparse_triple);
	run("dense_file", dense_file);
	run("cache_coherence", cache_coherence);
	run("threads", threads);
	run("full_disk", full_disk);
	run("read_only", read_only);
	run("features", features);
	run("corrupt_superblock", corrupt_superblock);
	run("corrupt_metadata", corrupt_metadata);
	run("dotdot_cycle", dotdot_cycle);
	run("garbage", garbage);
	run("fsync_reaches_disk", fsync_reaches_disk);
	run("sync_at_exit", sync_at_exit);
	run("unlinked_open", unlinked_open);
	run("write_errors", write_errors);
	if (!hosttest_status())
		sh("rm -rf %s", tmp);
	return hosttest_status();
}
