/*
 * main.c: disk — runs the block-device commands given as arguments, in
 * order, printing one line each for the host to check:
 *   list                          "vda: 2048 sectors, rw" per disk
 *   verify DEV SECTOR COUNT TAG   "verify ...: ok" when the sectors hold
 *                                 TAG's pattern, else where they do not
 *   write DEV SECTOR COUNT TAG    writes TAG's pattern: "write ...: <status>"
 *   read DEV SECTOR COUNT         "read ...: <status>" (0 or -errno)
 *   flush DEV                     "flush DEV: <status>"
 *   threads DEV SECTOR COUNT      two threads write and read back their own
 *                                 COUNT sectors from SECTOR, 20 times each,
 *                                 at once: "threads ...: ok" or what failed
 *   speed DEV SECTOR COUNT        reads COUNT sectors (any number) in 128 KiB
 *                                 calls: "speed ...: N KiB/s"
 * The pattern of sector s is the line "TAG sector NNNNNN", padded with
 * spaces to 511 bytes and a newline: what the host writes with awk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ts/blk.h>
#include <ts/sched.h>

#define MAX_COUNT 320
static char buf[MAX_COUNT * TS_BLK_SECTOR] __attribute__((aligned(4096)));

static void pattern(char *p, const char *tag, uint64_t s)
{
	int n = snprintf(p, TS_BLK_SECTOR, "%s sector %06llu", tag, (unsigned long long)s);

	memset(p + n, ' ', TS_BLK_SECTOR - 1 - (size_t)n);
	p[TS_BLK_SECTOR - 1] = '\n';
}

static void list(void)
{
	struct ts_blkdev *d;

	for (unsigned int i = 0; (d = ts_blk_get(i)); i++)
		printf("%s: %llu sectors, %s\n", d->name, (unsigned long long)d->nsectors,
		       d->flags & TS_BLKF_READONLY ? "ro" : "rw");
}

static void verify(struct ts_blkdev *d, uint64_t sector, uint64_t count, const char *tag)
{
	char want[TS_BLK_SECTOR];
	int r = ts_blk_read(d, sector, buf, count);

	if (r) {
		printf(": read failed (%d)\n", r);
		return;
	}
	for (uint64_t i = 0; i < count; i++) {
		pattern(want, tag, sector + i);
		if (memcmp(buf + i * TS_BLK_SECTOR, want, TS_BLK_SECTOR)) {
			printf(": mismatch at sector %llu\n", (unsigned long long)(sector + i));
			return;
		}
	}
	printf(": ok\n");
}

static int write_(struct ts_blkdev *d, uint64_t sector, uint64_t count, const char *tag)
{
	for (uint64_t i = 0; i < count; i++)
		pattern(buf + i * TS_BLK_SECTOR, tag, sector + i);
	return ts_blk_write(d, sector, buf, count);
}

/* threads: each worker owns COUNT sectors and a buffer; while one waits
 * for the disk, lib/blk lets the other run. */
struct worker {
	struct ts_blkdev *d;
	uint64_t sector;
	uint64_t count;
	char tag[8];
	char *buf;
	int failed;
};

static void work(void *arg)
{
	struct worker *w = arg;
	char want[TS_BLK_SECTOR];

	for (int round = 0; round < 20 && !w->failed; round++) {
		w->tag[2] = (char)('a' + round);
		for (uint64_t i = 0; i < w->count; i++)
			pattern(w->buf + i * TS_BLK_SECTOR, w->tag, w->sector + i);
		if (ts_blk_write(w->d, w->sector, w->buf, w->count) ||
		    ts_blk_read(w->d, w->sector, w->buf, w->count)) {
			w->failed = 1;
			break;
		}
		for (uint64_t i = 0; i < w->count; i++) {
			pattern(want, w->tag, w->sector + i);
			if (memcmp(w->buf + i * TS_BLK_SECTOR, want, TS_BLK_SECTOR))
				w->failed = 2;
		}
		ts_thread_yield();
	}
}

static void threads(struct ts_blkdev *d, uint64_t sector, uint64_t count)
{
	struct worker w[2] = {
		{ d, sector, count, "T0", buf, 0 },
		{ d, sector + count, count, "T1", buf + count * TS_BLK_SECTOR, 0 },
	};
	struct ts_thread *t[2];

	if (2 * count > MAX_COUNT) {
		printf(": more than %d sectors\n", MAX_COUNT);
		return;
	}
	for (int i = 0; i < 2; i++)
		if (ts_thread_create(&t[i], NULL, work, &w[i])) {
			printf(": cannot create a thread\n");
			return;
		}
	for (int i = 0; i < 2; i++)
		ts_thread_join(t[i], NULL);
	if (w[0].failed || w[1].failed)
		printf(": thread 0 %s, thread 1 %s\n", w[0].failed ? "failed" : "ok",
		       w[1].failed ? "failed" : "ok");
	else
		printf(": ok\n");
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void speed(struct ts_blkdev *d, uint64_t sector, uint64_t count)
{
	uint64_t start = now_us(), us;
	int r = 0;

	for (uint64_t done = 0; done < count && !r; done += 256)
		r = ts_blk_read(d, sector + done, buf, count - done < 256 ? count - done : 256);
	us = now_us() - start;
	if (r)
		printf(": %d\n", r);
	else
		printf(": %llu KiB/s\n", (unsigned long long)(count / 2 * 1000000 / (us ? us : 1)));
}

/* Run the command at argv[0]; returns how many arguments it took, 0 for
 * a bad one. */
static int command(int argc, char **argv)
{
	const char *cmd = argv[0];
	int need = !strcmp(cmd, "list") ? 1 : !strcmp(cmd, "flush") ? 2 : !strcmp(cmd, "read") ? 4 :
		   !strcmp(cmd, "threads") || !strcmp(cmd, "speed") ? 4 :
		   !strcmp(cmd, "verify") || !strcmp(cmd, "write") ? 5 : 0;
	struct ts_blkdev *d;
	uint64_t sector, count;

	if (need == 0 || argc < need)
		return 0;
	if (need == 1) {
		list();
		return 1;
	}
	d = ts_blk_find(argv[1]);
	for (int i = 0; i < need; i++)
		printf("%s%s", i ? " " : "", argv[i]);
	if (!d) {
		printf(": no such disk\n");
		return need;
	}
	if (need == 2) {
		printf(": %d\n", ts_blk_flush(d));
		return need;
	}
	sector = strtoull(argv[2], NULL, 0);
	count = strtoull(argv[3], NULL, 0);
	if (!strcmp(cmd, "threads") || !strcmp(cmd, "speed")) {
		(cmd[0] == 't' ? threads : speed)(d, sector, count);
		return need;
	}
	if (count > MAX_COUNT) {
		printf(": more than %d sectors\n", MAX_COUNT);
		return need;
	}
	if (!strcmp(cmd, "read"))
		printf(": %d\n", ts_blk_read(d, sector, buf, count));
	else if (!strcmp(cmd, "verify"))
		verify(d, sector, count, argv[4]);
	else
		printf(": %d\n", write_(d, sector, count, argv[4]));
	return need;
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc;) {
		int n = command(argc - i, argv + i);

		if (n == 0) {
			printf("disk: bad command at '%s'\n", argv[i]);
			return 2;
		}
		i += n;
	}
	return 0;
}
