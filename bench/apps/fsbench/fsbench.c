/* fsbench.c: file benchmarks in plain POSIX, built for Linux (gcc, glibc) and for Tessera from this one source. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: fsbench DIR TEST [MiB]
 *   seq    write a file of MiB (default 64) in 4 KiB calls, read it back,
 *          then again in 1 MiB calls (no fsync: memory filesystems)
 *   sync   write MiB in 1 MiB calls then fsync; read it back
 *   small  create + write 4 KiB + close + unlink, as often as fits in 1 s
 *   files  create 1,000 files of 4 KiB, each fsynced
 *   read   read DIR/big (an existing file) in 1 MiB calls
 * Prints "key value" lines (MiB/s or operations per second), which
 * bench/fs.sh compares between the two builds.
 */

static char *buf; /* 1 MiB, from the heap: Tessera images keep .bss small */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static _Noreturn void die(const char *what, const char *path)
{
	fprintf(stderr, "fsbench: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void write_all(int fd, const char *path, size_t total, size_t chunk)
{
	for (size_t done = 0; done < total; done += chunk)
		if (write(fd, buf, chunk) != (ssize_t)chunk)
			die("write", path);
}

static size_t read_all(int fd, const char *path, size_t chunk)
{
	size_t total = 0;
	ssize_t n;

	while ((n = read(fd, buf, chunk)) > 0)
		total += (size_t)n;
	if (n < 0)
		die("read", path);
	return total;
}

/* Write then read path in chunk-sized calls; print MiB/s for each. */
static void seq_pass(const char *path, size_t total, size_t chunk, const char *tag, int sync)
{
	double t0, t1;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("open", path);
	t0 = now();
	write_all(fd, path, total, chunk);
	if (sync && fsync(fd) < 0)
		die("fsync", path);
	t1 = now();
	close(fd);
	printf("write_%s_mib_s %.1f\n", tag, (double)total / (1 << 20) / (t1 - t0));
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	t0 = now();
	if (read_all(fd, path, chunk) != total)
		die("short file", path);
	t1 = now();
	close(fd);
	printf("read_%s_mib_s %.1f\n", tag, (double)total / (1 << 20) / (t1 - t0));
}

static void small_cycle(const char *dir)
{
	char path[512];
	long n = 0;
	double t0 = now(), t;

	snprintf(path, sizeof path, "%s/small", dir);
	do {
		for (int i = 0; i < 64; i++, n++) {
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd < 0)
				die("open", path);
			write_all(fd, path, 4096, 4096);
			close(fd);
			if (unlink(path) < 0)
				die("unlink", path);
		}
		t = now();
	} while (t - t0 < 1.0);
	printf("small_cycle_per_s %.0f\n", (double)n / (t - t0));
}

static void many_files(const char *dir)
{
	char path[512];
	double t0 = now(), t1;

	for (int i = 0; i < 1000; i++) {
		snprintf(path, sizeof path, "%s/f%04d", dir, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			die("open", path);
		write_all(fd, path, 4096, 4096);
		if (fsync(fd) < 0)
			die("fsync", path);
		close(fd);
	}
	t1 = now();
	printf("files_fsynced_per_s %.0f\n", 1000 / (t1 - t0));
	for (int i = 0; i < 1000; i++) {
		snprintf(path, sizeof path, "%s/f%04d", dir, i);
		unlink(path);
	}
}

int main(int argc, char *argv[])
{
	char path[512];
	size_t mib = argc > 3 ? (size_t)atoi(argv[3]) : 64;

	if (argc < 3 || mib == 0) {
		fprintf(stderr, "usage: fsbench DIR seq|sync|small|files|read [MiB]\n");
		return 2;
	}
	buf = malloc(1 << 20);
	if (!buf) {
		fprintf(stderr, "fsbench: out of memory\n");
		return 1;
	}
	memset(buf, 'x', 1 << 20);
	snprintf(path, sizeof path, "%s/big", argv[1]);
	if (strcmp(argv[2], "seq") == 0) {
		seq_pass(path, mib << 20, 4096, "4k", 0);
		seq_pass(path, mib << 20, 1 << 20, "1m", 0);
		unlink(path);
	} else if (strcmp(argv[2], "sync") == 0) {
		seq_pass(path, mib << 20, 1 << 20, "sync_1m", 1);
		unlink(path);
	} else if (strcmp(argv[2], "small") == 0) {
		small_cycle(argv[1]);
	} else if (strcmp(argv[2], "files") == 0) {
		many_files(argv[1]);
	} else if (strcmp(argv[2], "read") == 0) {
		int fd = open(path, O_RDONLY);
		double t0 = now();
		size_t n;

		if (fd < 0)
			die("open", path);
		n = read_all(fd, path, 1 << 20);
		printf("read_1m_mib_s %.1f\n", (double)n / (1 << 20) / (now() - t0));
		close(fd);
	} else {
		fprintf(stderr, "fsbench: unknown test %s\n", argv[2]);
		return 2;
	}
	return 0;
}
