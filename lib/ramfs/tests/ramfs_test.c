/* ramfs_test.c: in-kernel tests of ramfs through the VFS — paths, files,
 * directories, mounts, a 300 MB sparse file, two threads at once, and
 * running out of memory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/sched.h>
#include <ts/test.h>
#include <ts/vfs.h>

#define AT TS_AT_FDCWD
#define MB (1024 * 1024l)

static int open_(const char *path, int flags)
{
	return ts_vfs_openat(AT, path, flags, 0644);
}

static struct ts_stat stat_of(const char *path)
{
	struct ts_stat st;

	if (ts_vfs_fstatat(AT, path, &st, 0))
		memset(&st, 0, sizeof(st));
	return st;
}

static int put(const char *path, const char *data)
{
	int fd = open_(path, TS_O_WRONLY | TS_O_CREAT | TS_O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = ts_vfs_write(fd, data, strlen(data));
	ts_vfs_close(fd);
	return n < 0 ? (int)n : 0;
}

/* With LIBRAMFS_ROOT off there is no root yet: make one. */
static void need_root(void)
{
	if (!stat_of("/").st_ino)
		ts_vfs_mount(NULL, "/", "ramfs", 0, NULL);
}

TS_TEST(paths_and_links)
{
	char target[8];
	struct ts_stat st;
	int fd;

	need_root();
	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kp", 0755), 0);
	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kp/a/", 0755), 0);
	TS_EXPECT_EQ(put("/kp/a/f", "data"), 0);
	TS_EXPECT_EQ(stat_of("//kp/./a/../a/f").st_size, 4);
	TS_EXPECT_EQ(stat_of("/..").st_ino, stat_of("/").st_ino);
	TS_EXPECT_EQ(open_("/kp/a/f/", TS_O_RDONLY), -ENOTDIR);
	TS_EXPECT_EQ(open_("/kp/a/new/", TS_O_RDWR | TS_O_CREAT), -EISDIR);
	TS_EXPECT_EQ(ts_vfs_symlinkat("a/f", AT, "/kp/l0"), 0);
	for (int i = 1; i <= 40; i++) {
		char name[16], prev[16];

		snprintf(prev, sizeof(prev), "l%d", i - 1);
		snprintf(name, sizeof(name), "/kp/l%d", i);
		TS_EXPECT_EQ(ts_vfs_symlinkat(prev, AT, name), 0);
	}
	TS_EXPECT_EQ(stat_of("/kp/l39").st_size, 4);
	TS_EXPECT_EQ(ts_vfs_fstatat(AT, "/kp/l40", &st, 0), -ELOOP);
	TS_EXPECT_EQ(open_("/kp/l0", TS_O_RDONLY | TS_O_NOFOLLOW), -ELOOP);
	TS_EXPECT_EQ(ts_vfs_readlinkat(AT, "/kp/l0", target, sizeof(target)), 3);
	TS_EXPECT_EQ(ts_vfs_symlinkat("made", AT, "/kp/dangling"), 0);
	fd = open_("/kp/dangling", TS_O_WRONLY | TS_O_CREAT);
	TS_EXPECT(fd >= 0);
	ts_vfs_close(fd);
	TS_EXPECT(TS_S_ISREG(stat_of("/kp/made").st_mode));
	TS_EXPECT_EQ(ts_vfs_linkat(AT, "/kp/a/f", AT, "/kp/hard", 0), 0);
	TS_EXPECT_EQ(stat_of("/kp/a/f").st_nlink, 2);
	TS_EXPECT_EQ(ts_vfs_chdir("/kp/a"), 0);
	char cwd[16];
	TS_EXPECT_EQ(ts_vfs_getcwd(cwd, sizeof(cwd)), 6);
	TS_EXPECT_STREQ(cwd, "/kp/a");
	TS_EXPECT_EQ(stat_of("f").st_size, 4);
	TS_EXPECT_EQ(ts_vfs_chdir("/"), 0);
}

TS_TEST(files)
{
	char buf[16];
	struct ts_stat st, st2;
	int fd, fd2;

	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kf", 0755), 0);
	fd = open_("/kf/f", TS_O_RDWR | TS_O_CREAT | TS_O_EXCL);
	TS_EXPECT(fd >= 0);
	TS_EXPECT_EQ(open_("/kf/f", TS_O_RDWR | TS_O_CREAT | TS_O_EXCL), -EEXIST);
	TS_EXPECT_EQ(ts_vfs_fstat(fd, &st), 0);
	TS_EXPECT_EQ(ts_vfs_write(fd, "hello", 5), 5);
	TS_EXPECT_EQ(ts_vfs_fstat(fd, &st2), 0);
	TS_EXPECT(st2.st_mtim.tv_sec > st.st_mtim.tv_sec
		  || (st2.st_mtim.tv_sec == st.st_mtim.tv_sec && st2.st_mtim.tv_nsec > st.st_mtim.tv_nsec));
	TS_EXPECT_EQ(ts_vfs_lseek(fd, 8192, TS_SEEK_SET), 8192);
	TS_EXPECT_EQ(ts_vfs_write(fd, "x", 1), 1);
	TS_EXPECT_EQ(ts_vfs_pread(fd, buf, 4, 5), 4);
	TS_EXPECT(!memcmp(buf, "\0\0\0\0", 4));
	TS_EXPECT_EQ(ts_vfs_lseek(fd, -1, TS_SEEK_END), 8192);
	TS_EXPECT_EQ(ts_vfs_ftruncate(fd, 3), 0);
	TS_EXPECT_EQ(stat_of("/kf/f").st_size, 3);
	fd2 = open_("/kf/f", TS_O_WRONLY | TS_O_APPEND);
	TS_EXPECT_EQ(ts_vfs_write(fd2, "++", 2), 2);
	ts_vfs_close(fd2);
	TS_EXPECT_EQ(ts_vfs_pread(fd, buf, sizeof(buf), 0), 5);
	TS_EXPECT(!memcmp(buf, "hel++", 5));
	TS_EXPECT_EQ(ts_vfs_unlinkat(AT, "/kf/f", 0), 0);
	TS_EXPECT_EQ(ts_vfs_pread(fd, buf, sizeof(buf), 0), 5); /* still open */
	TS_EXPECT_EQ(ts_vfs_close(fd), 0);
	TS_EXPECT_EQ(open_("/kf", TS_O_WRONLY), -EISDIR);
	fd = open_("/kf", TS_O_RDONLY);
	TS_EXPECT_EQ(ts_vfs_write(fd, "x", 1), -EBADF);
	ts_vfs_close(fd);
}

TS_TEST(directories)
{
	char buf[256];
	int fd;

	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kd", 0755), 0);
	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kd/sub", 0755), 0);
	TS_EXPECT_EQ(put("/kd/a", "A"), 0);
	TS_EXPECT_EQ(put("/kd/b", "B"), 0);
	TS_EXPECT_EQ(ts_vfs_renameat2(AT, "/kd/a", AT, "/kd/b", 0), 0);
	TS_EXPECT_EQ(stat_of("/kd/b").st_size, 1);
	TS_EXPECT_EQ(stat_of("/kd/a").st_ino, 0);
	TS_EXPECT_EQ(ts_vfs_renameat2(AT, "/kd", AT, "/kd/sub/x", 0), -EINVAL);
	TS_EXPECT_EQ(ts_vfs_unlinkat(AT, "/kd", TS_AT_REMOVEDIR), -ENOTEMPTY);
	TS_EXPECT_EQ(stat_of("/kd").st_nlink, 3);
	fd = open_("/kd", TS_O_RDONLY | TS_O_DIRECTORY);
	TS_EXPECT_EQ(ts_vfs_getdents64(fd, buf, 10), -EINVAL);
	/* ".", "..", "sub", "b": 24 bytes each */
	TS_EXPECT_EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), 4 * 24);
	TS_EXPECT_STREQ(buf + 2 * 24 + 19, "sub");
	TS_EXPECT_EQ((unsigned char)buf[2 * 24 + 18], TS_DT_DIR);
	TS_EXPECT_STREQ(buf + 3 * 24 + 19, "b");
	TS_EXPECT_EQ(ts_vfs_getdents64(fd, buf, sizeof(buf)), 0);
	ts_vfs_close(fd);
}

TS_TEST(mounts_and_read_only)
{
	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/km", 0755), 0);
	TS_EXPECT_EQ(ts_vfs_mount(NULL, "/km", "ramfs", TS_MS_RDONLY, NULL), 0);
	TS_EXPECT_EQ(put("/km/f", "x"), -EROFS);
	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/km/d", 0755), -EROFS);
	TS_EXPECT_EQ(ts_vfs_mount(NULL, "/km", NULL, TS_MS_REMOUNT, NULL), 0);
	TS_EXPECT_EQ(put("/km/f", "x"), 0);
	TS_EXPECT(stat_of("/km/f").st_dev != stat_of("/").st_dev);
	int fd = open_("/km/f", TS_O_RDONLY);
	TS_EXPECT_EQ(ts_vfs_umount("/km", 0), -EBUSY);
	ts_vfs_close(fd);
	TS_EXPECT_EQ(ts_vfs_umount("/km", 0), 0);
	TS_EXPECT_EQ(stat_of("/km/f").st_ino, 0);
}

TS_TEST(sparse_300mb)
{
	char buf[4];
	struct ts_stat st;
	int fd = open_("/sparse", TS_O_RDWR | TS_O_CREAT);

	TS_EXPECT_EQ(ts_vfs_pwrite(fd, "head", 4, 0), 4);
	TS_EXPECT_EQ(ts_vfs_pwrite(fd, "tail", 4, 300 * MB - 4), 4);
	TS_EXPECT_EQ(ts_vfs_fstat(fd, &st), 0);
	TS_EXPECT_EQ(st.st_size, 300 * MB);
	TS_EXPECT_EQ(st.st_blocks, 16);
	TS_EXPECT_EQ(ts_vfs_pread(fd, buf, 4, 300 * MB - 4), 4);
	TS_EXPECT(!memcmp(buf, "tail", 4));
	TS_EXPECT_EQ(ts_vfs_pread(fd, buf, 4, 100 * MB), 4);
	TS_EXPECT(!memcmp(buf, "\0\0\0\0", 4));
	ts_vfs_close(fd);
	TS_EXPECT_EQ(ts_vfs_unlinkat(AT, "/sparse", 0), 0);
}

/* ---- two threads at once ---- */

#define ROUNDS 300
static int shared_log;

/* Writes, checks, renames and removes files, and appends 8-byte records
 * to one log; yields often so that the other thread runs in between. */
static void fs_worker(void *arg)
{
	int id = (int)(long)arg;
	char mine[24], shared[24], text[32], back[32], rec[9];

	snprintf(mine, sizeof(mine), "/kt/w%d", id);
	for (int i = 0; i < ROUNDS; i++) {
		int fd = open_(mine, TS_O_RDWR | TS_O_CREAT | TS_O_TRUNC), n;

		n = snprintf(text, sizeof(text), "thread %d round %d", id, i);
		if (fd < 0 || ts_vfs_write(fd, text, (size_t)n) != n)
			ts_thread_exit((void *)1);
		ts_thread_yield();
		if (ts_vfs_pread(fd, back, sizeof(back), 0) != n || memcmp(text, back, (size_t)n))
			ts_thread_exit((void *)2);
		ts_vfs_close(fd);
		snprintf(shared, sizeof(shared), "/kt/shared%d", i % 3);
		if (ts_vfs_renameat2(AT, mine, AT, shared, 0))
			ts_thread_exit((void *)3);
		ts_thread_yield();
		ts_vfs_unlinkat(AT, shared, 0); /* the other may have replaced or removed it */
		snprintf(rec, sizeof(rec), "<%d:%04d>", id, i);
		if (ts_vfs_write(shared_log, rec, 8) != 8)
			ts_thread_exit((void *)4);
	}
}

TS_TEST(two_threads)
{
	static char log[2 * ROUNDS * 8];
	struct ts_thread *t[2];
	void *r0 = NULL, *r1 = NULL;

	TS_EXPECT_EQ(ts_vfs_mkdirat(AT, "/kt", 0755), 0);
	shared_log = open_("/kt/log", TS_O_RDWR | TS_O_CREAT | TS_O_APPEND);
	TS_EXPECT_EQ(ts_thread_create(&t[0], NULL, fs_worker, (void *)0l), 0);
	TS_EXPECT_EQ(ts_thread_create(&t[1], NULL, fs_worker, (void *)1l), 0);
	ts_thread_join(t[0], &r0);
	ts_thread_join(t[1], &r1);
	TS_EXPECT_EQ((long)r0, 0);
	TS_EXPECT_EQ((long)r1, 0);
	TS_EXPECT_EQ(ts_vfs_pread(shared_log, log, sizeof(log), 0), sizeof(log));
	int torn = 0;
	for (size_t i = 0; i < sizeof(log); i += 8)
		torn += log[i] != '<' || log[i + 7] != '>';
	TS_EXPECT_EQ(torn, 0);
	ts_vfs_close(shared_log);
}

/* Writing until memory runs out: a short write or -ENOSPC, never a crash;
 * what was written stays; freeing the file gives the memory back. */
TS_TEST(full_memory)
{
	char *chunk = malloc(MB), first[16];
	long total = 0;
	ssize_t n = 0;
	int fd = open_("/full", TS_O_RDWR | TS_O_CREAT);

	TS_EXPECT(chunk != NULL && fd >= 0);
	memset(chunk, 'm', MB);
	memcpy(chunk, "first chunk", 11);
	while (total < 4096 * MB) {
		n = ts_vfs_write(fd, chunk, MB);
		if (n < MB)
			break;
		total += n;
	}
	TS_EXPECT(total > 0);
	TS_EXPECT(n == -ENOSPC || (n >= 0 && n < MB));
	TS_EXPECT_EQ(ts_vfs_write(fd, chunk, MB) < MB, 1);
	TS_EXPECT_EQ(ts_vfs_pread(fd, first, 11, 0), 11);
	TS_EXPECT(!memcmp(first, "first chunk", 11));
	free(chunk);
	TS_EXPECT_EQ(ts_vfs_close(fd), 0);
	TS_EXPECT_EQ(ts_vfs_unlinkat(AT, "/full", 0), 0);
	chunk = malloc(MB);
	TS_EXPECT(chunk != NULL);
	free(chunk);
	printf("    (filled %ld MB before running out)\n", total / MB);
}

TS_TESTSUITE(ramfs, paths_and_links, files, directories, mounts_and_read_only, sparse_300mb,
	     two_threads, full_memory);
