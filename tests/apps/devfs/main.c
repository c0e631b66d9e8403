/* main.c: checks of /dev's devices — one command per argument (semantics, list, readonly, random, console, tty). */
#include <stdio.h>
#include <string.h>
#include <ts/vfs.h>

/*
 * Also built for the host (host/vfs_host.c maps ts_vfs_* onto Linux's
 * system calls), so "semantics" prints exactly what Linux's /dev gives and
 * the test compares the two outputs line for line.
 */

static const char *err_name(long r)
{
	static const struct { int e; const char *n; } names[] = {
		{ 1, "EPERM" },   { 2, "ENOENT" },  { 5, "EIO" },     { 9, "EBADF" },
		{ 11, "EAGAIN" }, { 14, "EFAULT" }, { 17, "EEXIST" }, { 20, "ENOTDIR" },
		{ 21, "EISDIR" }, { 22, "EINVAL" }, { 25, "ENOTTY" }, { 28, "ENOSPC" },
		{ 29, "ESPIPE" }, { 30, "EROFS" },  { 39, "ENOTEMPTY" },
	};
	static char buf[32];

	if (r >= 0) {
		snprintf(buf, sizeof buf, "%ld", r);
		return buf;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == -r)
			return names[i].n;
	snprintf(buf, sizeof buf, "error %ld", -r);
	return buf;
}

/* "N zeros" / "N bytes" for what a read returned. */
static const char *content(const unsigned char *buf, long n)
{
	static char out[32];
	long zeros = 0;

	for (long i = 0; i < n; i++)
		zeros += buf[i] == 0;
	snprintf(out, sizeof out, zeros == n ? " (zeros)" : " (data)");
	return n > 0 ? out : "";
}

static unsigned int dev_major(uint64_t rdev)
{
	return (unsigned int)(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffull));
}

static unsigned int dev_minor(uint64_t rdev)
{
	return (unsigned int)((rdev & 0xff) | ((rdev >> 12) & ~0xffull));
}

/* Everything Linux's null, zero, full, random and urandom answer that a
 * program can see, without the numbers that differ between systems
 * (device and inode numbers, times). */
static void semantics_of(const char *name)
{
	char path[64];
	unsigned char buf[64];
	struct ts_stat st;
	long r;
	int fd;

	snprintf(path, sizeof path, "/dev/%s", name);
	fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDWR, 0);
	if (fd < 0) {
		printf("%s: open -> %s\n", name, err_name(fd));
		return;
	}
	r = ts_vfs_fstat(fd, &st);
	printf("%s: fstat -> %s, mode %o, rdev %u,%u, size %lld, nlink %llu, blksize %lld, blocks %lld\n",
	       name, err_name(r), st.st_mode, dev_major(st.st_rdev), dev_minor(st.st_rdev),
	       (long long)st.st_size, (unsigned long long)st.st_nlink, (long long)st.st_blksize,
	       (long long)st.st_blocks);
	r = ts_vfs_fstatat(TS_AT_FDCWD, path, &st, 0);
	printf("%s: stat -> %s, mode %o, rdev %u,%u\n", name, err_name(r), st.st_mode,
	       dev_major(st.st_rdev), dev_minor(st.st_rdev));
	memset(buf, 0xee, sizeof buf);
	r = ts_vfs_read(fd, buf, 16);
	printf("%s: read 16 -> %s%s\n", name, err_name(r),
	       strcmp(name, "random") && strcmp(name, "urandom") ? content(buf, r) : "");
	r = ts_vfs_write(fd, "hello", 5);
	printf("%s: write 5 -> %s\n", name, err_name(r));
	r = ts_vfs_lseek(fd, 10, TS_SEEK_SET);
	printf("%s: lseek 10 -> %s\n", name, err_name(r));
	r = ts_vfs_lseek(fd, -5, TS_SEEK_END);
	printf("%s: lseek -5 from the end -> %s\n", name, err_name(r));
	r = ts_vfs_pread(fd, buf, 4, 100);
	printf("%s: pread 4 at 100 -> %s\n", name, err_name(r));
	r = ts_vfs_pwrite(fd, "abc", 3, 7);
	printf("%s: pwrite 3 at 7 -> %s\n", name, err_name(r));
	r = ts_vfs_ftruncate(fd, 0);
	printf("%s: ftruncate -> %s\n", name, err_name(r));
	r = ts_vfs_ioctl(fd, 0x5401 /* TCGETS */, buf);
	printf("%s: ioctl TCGETS -> %s\n", name, err_name(r));
	r = ts_vfs_poll(fd, TS_POLLIN | TS_POLLOUT);
	printf("%s: poll -> %s%s\n", name, r & TS_POLLIN ? "in" : "", r & TS_POLLOUT ? " out" : "");
	r = ts_vfs_getdents64(fd, buf, sizeof buf);
	printf("%s: getdents64 -> %s\n", name, err_name(r));
	ts_vfs_close(fd);
	r = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY | TS_O_DIRECTORY, 0);
	printf("%s: open O_DIRECTORY -> %s\n", name, err_name(r));
	fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT | TS_O_TRUNC, 0644);
	printf("%s: open O_WRONLY|O_CREAT|O_TRUNC -> %s\n", name, fd >= 0 ? "ok" : err_name(fd));
	if (fd >= 0) {
		r = ts_vfs_read(fd, buf, 4);
		printf("%s: read on a write-only descriptor -> %s\n", name, err_name(r));
		ts_vfs_close(fd);
	}
	r = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT | TS_O_EXCL, 0644);
	printf("%s: open O_CREAT|O_EXCL -> %s\n", name, err_name(r));
	if (r >= 0)
		ts_vfs_close((int)r);
}

static void semantics(void)
{
	static const char *const devs[] = { "null", "zero", "full", "random", "urandom" };
	static unsigned char big[100000];
	long r;
	int fd;

	for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++)
		semantics_of(devs[i]);
	/* Large transfers are whole. */
	fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/zero", TS_O_RDONLY, 0);
	memset(big, 1, sizeof big);
	r = ts_vfs_read(fd, big, sizeof big);
	printf("zero: read 100000 -> %s%s\n", err_name(r), content(big, r));
	ts_vfs_close(fd);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/null", TS_O_WRONLY, 0);
	r = ts_vfs_write(fd, big, sizeof big);
	printf("null: write 100000 -> %s\n", err_name(r));
	ts_vfs_close(fd);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/urandom", TS_O_RDONLY, 0);
	r = ts_vfs_read(fd, big, sizeof big);
	printf("urandom: read 100000 -> %s\n", err_name(r));
	ts_vfs_close(fd);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/full", TS_O_RDONLY, 0);
	r = ts_vfs_write(fd, "x", 1);
	printf("full: write on a read-only descriptor -> %s\n", err_name(r));
	ts_vfs_close(fd);
}

/* /dev's entries as getdents64 gives them: name, type, in order. */
static void list(void)
{
	char buf[512];
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/dev", TS_O_RDONLY | TS_O_DIRECTORY, 0);
	long n;

	if (fd < 0) {
		printf("list: open /dev -> %s\n", err_name(fd));
		return;
	}
	/* A small buffer: listing resumes where the last call stopped. */
	while ((n = ts_vfs_getdents64(fd, buf, 64)) > 0) {
		for (long off = 0; off < n;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

			printf("list: %s %s\n", d->d_name, d->d_type == TS_DT_CHR ? "chr" :
					d->d_type == TS_DT_DIR ? "dir" : "other");
			off += d->d_reclen;
		}
	}
	printf("list: end -> %s\n", err_name(n));
	ts_vfs_close(fd);
}

/* Changing /dev's names is refused. */
static void readonly(void)
{
	struct ts_stat st;
	long r;

	r = ts_vfs_openat(TS_AT_FDCWD, "/dev/newfile", TS_O_WRONLY | TS_O_CREAT, 0644);
	printf("readonly: create /dev/newfile -> %s\n", err_name(r));
	r = ts_vfs_mkdirat(TS_AT_FDCWD, "/dev/dir", 0755);
	printf("readonly: mkdir /dev/dir -> %s\n", err_name(r));
	r = ts_vfs_unlinkat(TS_AT_FDCWD, "/dev/null", 0);
	printf("readonly: unlink /dev/null -> %s\n", err_name(r));
	r = ts_vfs_renameat2(TS_AT_FDCWD, "/dev/zero", TS_AT_FDCWD, "/dev/zero2", 0);
	printf("readonly: rename /dev/zero -> %s\n", err_name(r));
	r = ts_vfs_symlinkat("null", TS_AT_FDCWD, "/dev/link");
	printf("readonly: symlink /dev/link -> %s\n", err_name(r));
	r = ts_vfs_fchmodat(TS_AT_FDCWD, "/dev/null", 0600, 0);
	printf("readonly: chmod /dev/null -> %s\n", err_name(r));
	r = ts_vfs_fstatat(TS_AT_FDCWD, "/dev/nonexistent", &st, 0);
	printf("readonly: stat /dev/nonexistent -> %s\n", err_name(r));
	r = ts_vfs_fstatat(TS_AT_FDCWD, "/dev", &st, 0);
	printf("readonly: stat /dev -> %s, mode %o\n", err_name(r), st.st_mode);
	/* Writing to a device is not changing the filesystem. */
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/null", TS_O_WRONLY, 0);
	r = ts_vfs_write(fd, "x", 1);
	printf("readonly: write /dev/null -> %s\n", err_name(r));
	ts_vfs_close(fd);
}

/* The bytes of /dev/random and /dev/urandom: not constant, two reads
 * differ, every byte value about as frequent as the others. */
static void random_check(const char *path)
{
	static unsigned char buf[262144];
	unsigned long count[256] = { 0 };
	unsigned char first[32];
	double mean = sizeof buf / 256.0, chi = 0;
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);

	ts_vfs_read(fd, first, sizeof first);
	if (ts_vfs_read(fd, buf, sizeof buf) != (long)sizeof buf) {
		printf("random: %s: short read\n", path);
		return;
	}
	ts_vfs_close(fd);
	for (size_t i = 0; i < sizeof buf; i++)
		count[buf[i]]++;
	for (int v = 0; v < 256; v++)
		chi += (count[v] - mean) * (count[v] - mean) / mean;
	/* 255 degrees of freedom: below 150 or above 380 is all but impossible
	 * for random bytes (p < 1e-8 each way). */
	printf("random: %s: %s, %s, chi-square %s\n", path,
	       memcmp(first, buf, sizeof first) ? "reads differ" : "REPEATED",
	       count[buf[0]] == sizeof buf ? "CONSTANT" : "not constant",
	       chi > 150 && chi < 380 ? "ok" : "BAD");
}

/* /dev/console: read it to its end in small pieces, echo each line. */
static void console(void)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/console", TS_O_RDWR, 0);
	char line[256], piece[7];
	size_t len = 0, total = 0;
	long n;

	if (fd < 0) {
		printf("console: open -> %s\n", err_name(fd));
		return;
	}
	ts_vfs_write(fd, "console: written to /dev/console\n", 33);
	while ((n = ts_vfs_read(fd, piece, sizeof piece)) > 0) {
		total += (size_t)n;
		for (long i = 0; i < n; i++) {
			if (piece[i] == '\n' || len == sizeof line - 1) {
				line[len] = '\0';
				printf("console: line \"%s\"\n", line);
				len = 0;
			} else {
				line[len++] = piece[i];
			}
		}
	}
	if (len) {
		line[len] = '\0';
		printf("console: last line \"%s\"\n", line);
	}
	printf("console: end after %zu bytes -> %s\n", total, err_name(n));
	n = ts_vfs_read(fd, piece, sizeof piece);
	printf("console: read after the end -> %s\n", err_name(n));
	ts_vfs_close(fd);
}

/* The console looks like a terminal; a non-blocking read does not wait. */
static void tty(void)
{
	unsigned char t[64];
	unsigned short ws[4];
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/dev/console", TS_O_RDONLY | TS_O_NONBLOCK, 0);
	long r;

	r = ts_vfs_ioctl(fd, 0x5401 /* TCGETS */, t);
	printf("tty: TCGETS -> %s\n", err_name(r));
	r = ts_vfs_ioctl(fd, 0x5413 /* TIOCGWINSZ */, ws);
	printf("tty: TIOCGWINSZ -> %s, %ux%u\n", err_name(r), ws[1], ws[0]);
	r = ts_vfs_ioctl(fd, 0x541b /* FIONREAD */, t);
	printf("tty: FIONREAD -> %s\n", err_name(r));
	r = ts_vfs_lseek(fd, 0, TS_SEEK_SET);
	printf("tty: lseek -> %s\n", err_name(r));
	r = ts_vfs_read(fd, t, sizeof t);
	printf("tty: non-blocking read with no input -> %s\n", err_name(r));
	ts_vfs_close(fd);
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "semantics") == 0)
			semantics();
		else if (strcmp(argv[i], "list") == 0)
			list();
		else if (strcmp(argv[i], "readonly") == 0)
			readonly();
		else if (strcmp(argv[i], "random") == 0) {
			random_check("/dev/urandom");
			random_check("/dev/random");
		} else if (strcmp(argv[i], "console") == 0)
			console();
		else if (strcmp(argv[i], "tty") == 0)
			tty();
		else
			printf("unknown command %s\n", argv[i]);
	}
	return 0;
}
