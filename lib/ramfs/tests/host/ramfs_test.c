/*
 * ramfs_test.c: host tests of ramfs through the VFS: sparse and large
 * files, truncate, running out of memory (the allocator refuses on
 * demand), memory given back, links, sizes, deep trees.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/vfs.h>
#include "hosttest.h"
#include "mem_fail.h"
#include "../../ramfs.h"
#include "../../../vfs/tests/host/support.h"

#define AT TS_AT_FDCWD
#define MB (1024 * 1024l)
#define EQ(a, b)                                                                        \
	do {                                                                            \
		long a_ = (long)(a), b_ = (long)(b);                                    \
		CHECK(a_ == b_, "line %d: %s is %s, want %s", __LINE__, #a, err_name(a_), \
		      err_name(b_));                                                    \
	} while (0)

static int open_(const char *path, int flags)
{
	return ts_vfs_openat(AT, path, flags, 0644);
}

static void fill(char *buf, size_t n, long seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(seed * 31 + (long)i * 7 + (long)(i >> 12));
}

/* A fresh ramfs on a new directory dir, so memory counts concern only
 * this case (from after the directory is made in /). */
static void mount_fresh(const char *dir, long *pages, long *meta)
{
	EQ(ts_vfs_mkdirat(AT, dir, 0755), 0);
	*pages = mem_pages_live;
	*meta = mem_meta_live;
	EQ(ts_vfs_mount(NULL, dir, "ramfs", 0, NULL), 0);
}

static void sparse_300mb(void)
{
	long pages, meta;
	char buf[8], *mid = malloc(MB), *zero = calloc(1, MB);
	struct ts_stat st;
	int fd;

	mount_fresh("/sp", &pages, &meta);
	fd = open_("/sp/big", TS_O_RDWR | TS_O_CREAT);
	EQ(ts_vfs_pwrite(fd, "head", 4, 0), 4);
	EQ(ts_vfs_pwrite(fd, "tail", 4, 300 * MB - 4), 4);
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_size, 300 * MB);
	EQ(st.st_blocks, 2 * 8); /* two pages hold data */
	CHECK(mem_pages_live - pages <= 2 + 3, "%ld pages for two bytes ranges", mem_pages_live - pages);
	EQ(ts_vfs_pread(fd, buf, 4, 0), 4);
	CHECK(!memcmp(buf, "head", 4), "head");
	EQ(ts_vfs_pread(fd, buf, 8, 300 * MB - 4), 4);
	CHECK(!memcmp(buf, "tail", 4), "tail");
	EQ(ts_vfs_pread(fd, mid, MB, 150 * MB), MB);
	CHECK(!memcmp(mid, zero, MB), "the middle is zeros");
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_END), 300 * MB);
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_umount("/sp", 0), 0);
	EQ(mem_pages_live, pages);
	EQ(mem_meta_live, meta);
	free(mid);
	free(zero);
}

static void dense_file(void)
{
	long pages, meta, n = 64 * MB, chunk = 256 * 1024;
	char *buf = malloc((size_t)chunk), *got = malloc((size_t)chunk);
	struct ts_stat st;
	int fd;

	mount_fresh("/dn", &pages, &meta);
	fd = open_("/dn/f", TS_O_RDWR | TS_O_CREAT);
	for (long off = 0; off < n; off += chunk) {
		fill(buf, (size_t)chunk, off);
		EQ(ts_vfs_write(fd, buf, (size_t)chunk), chunk);
	}
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_size, n);
	EQ(st.st_blocks, n / 512);
	EQ(ts_vfs_lseek(fd, 0, TS_SEEK_SET), 0);
	for (long off = 0; off < n; off += chunk) {
		fill(buf, (size_t)chunk, off);
		EQ(ts_vfs_read(fd, got, (size_t)chunk), chunk);
		CHECK(!memcmp(buf, got, (size_t)chunk), "data at %ld", off);
	}
	/* unaligned pieces across page boundaries */
	EQ(ts_vfs_pwrite(fd, "0123456789", 10, 4096 * 3 - 5), 10);
	EQ(ts_vfs_pread(fd, got, 12, 4096 * 3 - 6), 12);
	fill(buf, 1, 0);
	CHECK(!memcmp(got + 1, "0123456789", 10), "across a page boundary");
	EQ(ts_vfs_unlinkat(AT, "/dn/f", 0), 0);
	CHECK(mem_pages_live > pages, "pages kept while open");
	EQ(ts_vfs_close(fd), 0);
	EQ(mem_pages_live, pages + 0); /* freed at the last close */
	EQ(ts_vfs_umount("/dn", 0), 0);
	EQ(mem_meta_live, meta);
	free(buf);
	free(got);
}

static void truncation(void)
{
	char buf[4096 * 3], zero[4096 * 3] = { 0 };
	struct ts_stat st, st2;
	long pages, meta;
	int fd, d;

	mount_fresh("/tr", &pages, &meta);
	fd = open_("/tr/f", TS_O_RDWR | TS_O_CREAT);
	memset(buf, 'x', sizeof(buf));
	EQ(ts_vfs_write(fd, buf, sizeof(buf)), sizeof(buf));
	EQ(ts_vfs_fstat(fd, &st), 0);
	EQ(st.st_blocks, 3 * 8);
	EQ(ts_vfs_ftruncate(fd, 5000), 0);
	EQ(ts_vfs_fstat(fd, &st2), 0);
	EQ(st2.st_size, 5000);
	EQ(st2.st_blocks, 2 * 8); /* the third page went */
	CHECK(st2.st_mtim.tv_nsec != st.st_mtim.tv_nsec || st2.st_mtim.tv_sec != st.st_mtim.tv_sec,
	      "truncate changed mtime");
	EQ(ts_vfs_ftruncate(fd, 4096 * 3), 0); /* grow: a hole */
	EQ(ts_vfs_fstat(fd, &st2), 0);
	EQ(st2.st_blocks, 2 * 8);
	EQ(ts_vfs_pread(fd, buf, sizeof(buf), 0), sizeof(buf));
	CHECK(buf[4999] == 'x' && !memcmp(buf + 5000, zero, sizeof(buf) - 5000),
	      "what was cut reads as zeros after growing again");
	EQ(ts_vfs_ftruncate(fd, 0), 0);
	EQ(ts_vfs_fstat(fd, &st2), 0);
	CHECK(st2.st_size == 0 && st2.st_blocks == 0, "empty");
	EQ(ts_vfs_ftruncate(fd, -1), -EINVAL);
	EQ(ts_vfs_ftruncate(fd, RAMFS_MAX_SIZE), 0);
	EQ(ts_vfs_ftruncate(fd, RAMFS_MAX_SIZE + 1), -EFBIG);
	EQ(ts_vfs_pwrite(fd, "x", 1, RAMFS_MAX_SIZE - 1), 1);
	EQ(ts_vfs_pwrite(fd, "xy", 2, RAMFS_MAX_SIZE - 1), 1); /* cut at the limit */
	EQ(ts_vfs_pwrite(fd, "x", 1, RAMFS_MAX_SIZE), -EFBIG);
	EQ(ts_vfs_ftruncate(fd, 0), 0);
	EQ(ts_vfs_close(fd), 0);
	d = open_("/tr", TS_O_RDONLY);
	EQ(ts_vfs_ftruncate(d, 0), -EINVAL);
	EQ(ts_vfs_close(d), 0);
	EQ(ts_vfs_umount("/tr", 0), 0);
	EQ(mem_pages_live, pages);
	EQ(mem_meta_live, meta);
}

static void out_of_memory_data(void)
{
	char page[4096], buf[4096];
	long pages, meta;
	int fd;

	mount_fresh("/om", &pages, &meta);
	fd = open_("/om/f", TS_O_RDWR | TS_O_CREAT);
	for (int i = 0; i < 5; i++) {
		memset(page, 'a' + i, sizeof(page));
		EQ(ts_vfs_write(fd, page, sizeof(page)), sizeof(page));
	}
	/* room for two more pages: a ten-page write is cut short after two */
	char *ten = malloc(10 * 4096);
	memset(ten, 'z', 10 * 4096);
	mem_pages_left = 2;
	EQ(ts_vfs_write(fd, ten, 10 * 4096), 2 * 4096);
	EQ(ts_vfs_write(fd, ten, 10), -ENOSPC);
	EQ(ts_vfs_pwrite(fd, ten, 10, 4096 * 7 + 100), -ENOSPC);
	/* writing into pages that exist needs no memory */
	EQ(ts_vfs_pwrite(fd, "A", 1, 0), 1);
	/* far away, a tree level is needed: still -ENOSPC, nothing broken */
	mem_pages_left = 1;
	EQ(ts_vfs_pwrite(fd, "far", 3, 512l * 512 * 4096 * 3), -ENOSPC);
	EQ(stat_of("/om/f").st_size, 7 * 4096);
	mem_pages_left = -1;
	for (int i = 0; i < 7; i++) {
		EQ(ts_vfs_pread(fd, buf, sizeof(buf), i * 4096l), sizeof(buf));
		memset(page, i < 5 ? 'a' + i : 'z', sizeof(page));
		if (i == 0)
			page[0] = 'A';
		CHECK(!memcmp(buf, page, sizeof(page)), "page %d intact", i);
	}
	EQ(ts_vfs_pwrite(fd, "far", 3, 512l * 512 * 4096 * 3), 3);
	EQ(ts_vfs_close(fd), 0);
	pages = mem_pages_live;
	EQ(ts_vfs_unlinkat(AT, "/om/f", 0), 0);
	CHECK(mem_pages_live < pages, "unlinking the closed file freed its pages");
	EQ(ts_vfs_umount("/om", 0), 0);
	free(ten);
}

static void out_of_memory_metadata(void)
{
	char names[256];
	long pages, meta;
	int fd;

	mount_fresh("/mm", &pages, &meta);
	EQ(put_file("/mm/a", "keep"), 0);
	EQ(ts_vfs_mkdirat(AT, "/mm/d", 0755), 0);
	meta = mem_meta_live;
	mem_meta_left = 0;
	EQ(open_("/mm/new", TS_O_WRONLY | TS_O_CREAT), -ENOMEM);
	EQ(ts_vfs_mkdirat(AT, "/mm/nd", 0755), -ENOMEM);
	EQ(ts_vfs_symlinkat("a", AT, "/mm/l"), -ENOMEM);
	EQ(ts_vfs_linkat(AT, "/mm/a", AT, "/mm/d/a2", 0), -ENOMEM);
	EQ(ts_vfs_renameat2(AT, "/mm/a", AT, "/mm/d/moved", 0), -ENOMEM);
	EQ(mem_meta_live, meta);
	EQ(stat_of("/mm/a").st_nlink, 1);
	mem_meta_left = 1; /* the node, not its name */
	EQ(open_("/mm/new", TS_O_WRONLY | TS_O_CREAT), -ENOMEM);
	mem_meta_left = 1;
	EQ(ts_vfs_symlinkat("a", AT, "/mm/l"), -ENOMEM);
	EQ(mem_meta_live, meta);
	mem_meta_left = 0;
	/* replacing a name needs nothing new */
	EQ(put_file("/mm/b", ""), -ENOMEM);
	mem_meta_left = -1;
	EQ(put_file("/mm/b", "old"), 0);
	mem_meta_left = 0;
	EQ(ts_vfs_renameat2(AT, "/mm/a", AT, "/mm/b", 0), 0);
	mem_meta_left = -1;
	EQ(get_file("/mm/b", names, sizeof(names)), 4);
	fd = open_("/mm", TS_O_RDONLY);
	char buf[256];
	ssize_t got = ts_vfs_getdents64(fd, buf, sizeof(buf));
	EQ(got, 24 * 4); /* ".", "..", d, b */
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_umount("/mm", 0), 0);
}

/* A tree with every kind of node, hard links across directories, an
 * unlinked directory and file; unmounting gives all memory back. */
static void unmount_frees_everything(void)
{
	long pages, meta;
	char buf[5000];
	int fd;

	memset(buf, 'q', sizeof(buf));
	mount_fresh("/fr", &pages, &meta);
	EQ(ts_vfs_mkdirat(AT, "/fr/a", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/fr/a/b", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/fr/a/b/c", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/fr/x", 0755), 0);
	fd = open_("/fr/a/b/c/data", TS_O_WRONLY | TS_O_CREAT);
	EQ(ts_vfs_pwrite(fd, buf, sizeof(buf), 1 << 30), sizeof(buf));
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_linkat(AT, "/fr/a/b/c/data", AT, "/fr/x/same", 0), 0);
	EQ(ts_vfs_linkat(AT, "/fr/a/b/c/data", AT, "/fr/a/again", 0), 0);
	EQ(ts_vfs_symlinkat("/fr/a/b/c/data", AT, "/fr/a/b/sym"), 0);
	EQ(put_file("/fr/x/gone", "bye"), 0);
	EQ(ts_vfs_unlinkat(AT, "/fr/x/gone", 0), 0);
	EQ(ts_vfs_mkdirat(AT, "/fr/x/rm", 0755), 0);
	EQ(ts_vfs_unlinkat(AT, "/fr/x/rm", TS_AT_REMOVEDIR), 0);
	CHECK(mem_pages_live > pages && mem_meta_live > meta, "the tree takes memory");
	EQ(ts_vfs_umount("/fr", 0), 0);
	EQ(mem_pages_live, pages);
	EQ(mem_meta_live, meta);
}

/* 2000 nested directories: unmounting does not recurse. */
static void deep_tree(void)
{
	long pages, meta;
	int fd, next;

	mount_fresh("/dp", &pages, &meta);
	fd = open_("/dp", TS_O_RDONLY);
	for (int i = 0; i < 2000 && fd >= 0; i++) {
		EQ(ts_vfs_mkdirat(fd, "d", 0755), 0);
		next = ts_vfs_openat(fd, "d", TS_O_RDONLY | TS_O_DIRECTORY, 0);
		ts_vfs_close(fd);
		fd = next;
	}
	EQ(ts_vfs_fstatat(fd, "../../..", &(struct ts_stat){ 0 }, 0), 0);
	ts_vfs_close(fd);
	EQ(ts_vfs_umount("/dp", 0), 0);
	EQ(mem_meta_live, meta);
	EQ(mem_pages_live, pages);
}

static void links_and_sizes(void)
{
	struct ts_stat st;
	long pages, meta;
	int fd;

	mount_fresh("/ls", &pages, &meta);
	EQ(ts_vfs_mkdirat(AT, "/ls/d1", 0755), 0);
	EQ(ts_vfs_mkdirat(AT, "/ls/d2", 0755), 0);
	EQ(put_file("/ls/d1/f", "12345"), 0);
	EQ(ts_vfs_linkat(AT, "/ls/d1/f", AT, "/ls/d2/g", 0), 0);
	EQ(ts_vfs_linkat(AT, "/ls/d1/f", AT, "/ls/d2/h", 0), 0);
	EQ(stat_of("/ls/d2/g").st_nlink, 3);
	fd = open_("/ls/d2/h", TS_O_RDONLY);
	EQ(ts_vfs_unlinkat(AT, "/ls/d1/f", 0), 0);
	EQ(ts_vfs_unlinkat(AT, "/ls/d2/g", 0), 0);
	EQ(ts_vfs_unlinkat(AT, "/ls/d2/h", 0), 0);
	EQ(ts_vfs_fstat(fd, &st), 0);
	CHECK(st.st_nlink == 0 && st.st_size == 5, "open, no names: nlink %lu size %ld",
	      (unsigned long)st.st_nlink, (long)st.st_size);
	EQ(ts_vfs_close(fd), 0);
	EQ(ts_vfs_symlinkat("a/target/of/21/bytes", AT, "/ls/l"), 0);
	EQ(ts_vfs_fstatat(AT, "/ls/l", &st, TS_AT_SYMLINK_NOFOLLOW), 0);
	CHECK(st.st_size == 20 && st.st_mode == (TS_S_IFLNK | 0777) && st.st_nlink == 1, "symlink stat");
	EQ(stat_of("/ls/d2").st_size, 2 * 20); /* tmpfs's 20 bytes an entry */
	EQ(stat_of("/ls").st_size, 5 * 20);
	EQ(ts_vfs_umount("/ls", 0), 0);
	EQ(mem_pages_live, pages);
	EQ(mem_meta_live, meta);
}

int main(void)
{
	hosttest_run("sparse_300mb", sparse_300mb);
	hosttest_run("dense_file", dense_file);
	hosttest_run("truncation", truncation);
	hosttest_run("out_of_memory_data", out_of_memory_data);
	hosttest_run("out_of_memory_metadata", out_of_memory_metadata);
	hosttest_run("unmount_frees_everything", unmount_frees_everything);
	hosttest_run("deep_tree", deep_tree);
	hosttest_run("links_and_sizes", links_and_sizes);
	return hosttest_status();
}
