/*
 * main.c: disk — runs the block-device commands given as arguments, in
 * order, printing one line each for the host to check:
 *   list                          "vda: 2048 sectors, rw" per disk
 *   verify DEV SECTOR COUNT TAG   "verify ...: ok" when the sectors hold
 *                                 TAG's pattern, else where they do not
 *   write DEV SECTOR COUNT TAG    writes TAG's pattern: "write ...: <status>"
 *   read DEV SECTOR COUNT         "read ...: <status>" (0 or -errno)
 *   flush DEV                     "flush DEV: <status>"
 * The pattern of sector s is the line "TAG sector NNNNNN", padded with
 * spaces to 511 bytes and a newline: what the host writes with awk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/blk.h>

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

/* Run the command at argv[0]; returns how many arguments it took, 0 for
 * a bad one. */
static int command(int argc, char **argv)
{
	const char *cmd = argv[0];
	int need = !strcmp(cmd, "list") ? 1 : !strcmp(cmd, "flush") ? 2 : !strcmp(cmd, "read") ? 4 :
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
