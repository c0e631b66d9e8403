/* main.c: volume — what a guest does with shared host folders; tests/groups/volume.sh checks it against the host.
 *
 *   volume            with tess run -v HOST:/data -v HOST2:/ro:ro (vol0 and
 *                     vol1, mounted at boot by vfs.mount=): every case
 *                     below, one "volume: ..." line each
 *   volume bench F    (-v HOST:/data only) read /data/F whole, print its
 *                     size and the time taken
 *
 * Exit status: the number of guest-side checks that failed (0: all held;
 * the host then compares what it sees). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/plat/time.h>
#include <ts/vfs.h>

static int failed;
static uint8_t buf[65536];

#define EXPECT(cond, ...)                                  \
	do {                                               \
		if (!(cond)) {                             \
			printf("volume: FAIL " __VA_ARGS__); \
			printf("\n");                      \
			failed++;                          \
		}                                          \
	} while (0)

static uint32_t crc_byte(uint32_t crc, uint8_t b)
{
	crc ^= (uint32_t)b << 24;
	for (int i = 0; i < 8; i++)
		crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
	return crc;
}

/* POSIX cksum and length of the file at path: 0, or -errno. */
static long cksum_file(const char *path, uint32_t *crc_out, uint64_t *len_out)
{
	uint32_t crc = 0;
	uint64_t len = 0;
	ssize_t n;
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);

	if (fd < 0)
		return fd;
	while ((n = ts_vfs_read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			crc = crc_byte(crc, buf[i]);
		len += (uint64_t)n;
	}
	ts_vfs_close(fd);
	if (n < 0)
		return n;
	for (uint64_t l = len; l; l >>= 8)
		crc = crc_byte(crc, (uint8_t)l);
	*crc_out = ~crc;
	*len_out = len;
	return 0;
}

/* The first line of a small file, or "" with the error in *err. */
static const char *first_line(const char *path, long *err)
{
	static char line[256];
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);
	ssize_t n;

	line[0] = '\0';
	*err = fd;
	if (fd < 0)
		return line;
	n = ts_vfs_read(fd, line, sizeof(line) - 1);
	ts_vfs_close(fd);
	*err = n < 0 ? n : 0;
	line[n > 0 ? n : 0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	return line;
}

static long put(const char *path, const void *data, size_t n)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT | TS_O_TRUNC, 0644);
	ssize_t w;

	if (fd < 0)
		return fd;
	w = ts_vfs_write(fd, data, n);
	if (w >= 0 && ts_vfs_fsync(fd) < 0)
		w = -1;
	ts_vfs_close(fd);
	return w;
}

static long copy(const char *from, const char *to)
{
	int in = ts_vfs_openat(TS_AT_FDCWD, from, TS_O_RDONLY, 0);
	int out = ts_vfs_openat(TS_AT_FDCWD, to, TS_O_WRONLY | TS_O_CREAT | TS_O_TRUNC, 0644);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = ts_vfs_read(in, buf, sizeof(buf))) > 0)
		if (ts_vfs_write(out, buf, (size_t)n) != n)
			n = -1;
	ts_vfs_close(in);
	ts_vfs_close(out);
	return in < 0 ? in : out < 0 ? out : n;
}

static void list(const char *dir)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, dir, TS_O_RDONLY | TS_O_DIRECTORY, 0);
	ssize_t n;

	EXPECT(fd >= 0, "open %s: %d", dir, fd);
	while (fd >= 0 && (n = ts_vfs_getdents64(fd, buf, 512)) > 0)
		for (ssize_t pos = 0; pos < n;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + pos);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				printf("volume: list %s %s\n", dir, d->d_name);
			pos += d->d_reclen;
		}
	ts_vfs_close(fd);
}

static void reads(void)
{
	uint32_t crc = 0;
	uint64_t len = 0;
	long err;
	const char *s = first_line("/data/in/hello.txt", &err);

	printf("volume: hello %s\n", s);
	EXPECT(err == 0, "read hello.txt: %ld", err);
	err = cksum_file("/data/in/random.bin", &crc, &len);
	EXPECT(err == 0, "read random.bin: %ld", err);
	printf("volume: cksum %u %llu\n", crc, (unsigned long long)len);
	list("/data/in");
}

static void writes(void)
{
	static const char msg[] = "written by the guest\n";

	EXPECT(put("/data/out/hello.txt", msg, sizeof(msg) - 1) == (long)sizeof(msg) - 1, "write");
	EXPECT(copy("/data/in/random.bin", "/data/out/copy.bin") == 0, "copy");
	EXPECT(ts_vfs_mkdirat(TS_AT_FDCWD, "/data/out/newdir", 0750) == 0, "mkdir");
	EXPECT(put("/data/out/newdir/inner", "x", 1) == 1, "write inner");
	EXPECT(ts_vfs_renameat2(TS_AT_FDCWD, "/data/in/rename-me", TS_AT_FDCWD,
				"/data/out/renamed", 0) == 0, "rename");
	EXPECT(ts_vfs_unlinkat(TS_AT_FDCWD, "/data/in/delete-me", 0) == 0, "unlink");
	EXPECT(ts_vfs_unlinkat(TS_AT_FDCWD, "/data/in/empty-dir", TS_AT_REMOVEDIR) == 0, "rmdir");
	EXPECT(ts_vfs_symlinkat("hello.txt", TS_AT_FDCWD, "/data/out/link") == 0, "symlink");
	printf("volume: writes done\n");
}

static void readonly(void)
{
	long err;
	const char *s = first_line("/ro/ro.txt", &err);
	int fd;

	printf("volume: ro %s\n", s);
	EXPECT(err == 0, "read ro.txt: %ld", err);
	printf("volume: ro create %ld\n", put("/ro/new.txt", "x", 1));
	printf("volume: ro mkdir %d\n", ts_vfs_mkdirat(TS_AT_FDCWD, "/ro/newdir", 0755));
	printf("volume: ro unlink %d\n", ts_vfs_unlinkat(TS_AT_FDCWD, "/ro/ro.txt", 0));
	fd = ts_vfs_openat(TS_AT_FDCWD, "/ro/ro.txt", TS_O_WRONLY, 0);
	printf("volume: ro open-write %d\n", fd < 0 ? fd : 0);
	if (fd >= 0)
		ts_vfs_close(fd);
	printf("volume: ro rename %d\n",
	       ts_vfs_renameat2(TS_AT_FDCWD, "/ro/ro.txt", TS_AT_FDCWD, "/ro/moved.txt", 0));
}

/* Paths that would lead to the host's folder above the share, through
 * "..", a link to ".." and a link to that folder's absolute path: each
 * must fail (the guest follows links in its own namespace). */
static void escapes(void)
{
	static const char *const paths[] = {
		"/data/../secret.txt", "/data/in/../../secret.txt", "/data/up/secret.txt",
		"/data/abs/secret.txt", "/data/in/up2/secret.txt",
	};

	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		long err;
		const char *s = first_line(paths[i], &err);

		printf("volume: escape %s %ld %s\n", paths[i], err, s);
	}
}

static int bench(const char *name)
{
	char path[256];
	uint64_t t0, t1, total = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/data/%s", name);
	t0 = ts_plat_monotonic_ns();
	fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);
	if (fd < 0) {
		printf("volume: bench %s: error %d\n", path, fd);
		return 1;
	}
	while ((n = ts_vfs_read(fd, buf, sizeof(buf))) > 0)
		total += (uint64_t)n;
	ts_vfs_close(fd);
	t1 = ts_plat_monotonic_ns();
	printf("volume: bench %llu bytes in %llu us\n", (unsigned long long)total,
	       (unsigned long long)((t1 - t0) / 1000));
	return n < 0;
}

int main(int argc, char *argv[])
{
	int r;

	if (argc > 2 && !strcmp(argv[1], "bench"))
		return bench(argv[2]);
	/* already mounted at boot: a second mount of a share is refused */
	r = ts_vfs_mount("vol0", "/data", "9p", 0, NULL);
	EXPECT(r == -EBUSY, "vol0 mounted twice: %d", r);
	r = ts_vfs_mount("vol9", "/data", "9p", 0, NULL);
	EXPECT(r == -ENODEV, "a tag no device has: %d", r);
	reads();
	writes();
	readonly();
	escapes();
	EXPECT(ts_vfs_umount("/data", 0) == 0, "umount /data");
	printf("volume: done, %d failed\n", failed);
	return failed;
}
