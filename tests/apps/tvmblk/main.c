/* main.c: tvmblk — "write" fills sectors 0..7 with a pattern, "read" prints
 * sector 0; both also check that bad requests get the right errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ts/tvm.h>

static char buf[8 * TVM_SECTOR_SIZE] __attribute__((aligned(4096)));

static int check_errors(int dev, uint64_t sectors)
{
	int bad = 0;
	if (ts_tvm_blk_read(dev, sectors, buf, 1) != -EINVAL)
		bad = printf("tvmblk: read past the end was not refused\n");
	if (ts_tvm_blk_read(99, 0, buf, 1) != -ENODEV)
		bad = printf("tvmblk: a wild device id was not refused\n");
	if (ts_tvm_blk_read(dev, 0, (void *)(uintptr_t)0xfffff000u, 1) != -EFAULT)
		bad = printf("tvmblk: a wild buffer was not refused\n");
	if (ts_tvm_blk_read(dev, 0, buf, TVM_BLK_MAX_SECTORS + 1) != -EINVAL)
		bad = printf("tvmblk: an oversized request was not refused\n");
	return bad;
}

int main(int argc, char *argv[])
{
	int dev = ts_tvm_dev_find(TVM_DEV_BLOCK, 0);
	if (dev < 0 || argc < 2) {
		printf("tvmblk: usage: tvmblk write|read (with one --block FILE)\n");
		return 2;
	}
	const struct tvm_devinfo *di = ts_tvm_dev_info((unsigned)dev);
	printf("tvmblk: %llu sectors\n", (unsigned long long)di->size);
	if (check_errors(dev, di->size))
		return 1;
	if (!strcmp(argv[1], "write")) {
		for (int s = 0; s < 8; s++) {
			memset(buf + s * TVM_SECTOR_SIZE, '.', TVM_SECTOR_SIZE);
			snprintf(buf + s * TVM_SECTOR_SIZE, TVM_SECTOR_SIZE, "tessera sector %d\n", s);
		}
		int err = ts_tvm_blk_write(dev, 0, buf, 8);
		if (!err)
			err = ts_tvm_blk_flush(dev);
		printf("tvmblk: write %s (%d)\n", err ? "failed" : "ok", err);
		return err ? 1 : 0;
	}
	int err = ts_tvm_blk_read(dev, 0, buf, 1);
	if (err) {
		printf("tvmblk: read failed (%d)\n", err);
		return 1;
	}
	buf[strcspn(buf, "\n")] = '\0';
	printf("tvmblk: sector 0 says: %s\n", buf);
	return 0;
}
