/* fuzz_hc.c: libFuzzer target for the hypercall boundary (hypercall.c).
 *
 * Input: a 32-bit hypercall GPA, a mode byte, device parameters, then bytes
 * written into guest RAM at that GPA (the struct tvm_hc and what follows).
 * RAM holds a machine built by paging.c for a fake image; mode bit 0 also
 * scribbles the input over the page tables. Fake backends abort when the
 * handler lets through a range it should have refused: outside the device,
 * outside RAM, or (with intact page tables) into memory CPL 3 cannot write. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/fake_image.h"

#define RAM_SIZE (2u << 20)
#define DISK_SECTORS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t *ram;
static uint8_t disk[DISK_SECTORS * TVM_SECTOR_SIZE];
static int tables_intact;
static size_t next_frame;


static void check_in_ram(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (p < ram || p > ram + RAM_SIZE || len > (size_t)(ram + RAM_SIZE - p))
		abort();
}

/* With tvm's page tables intact, the user-writable RAM is known
 * independently of the walker: everything but page 0, the reserved pages
 * other than the boot info, and the image's non-writable segments. */
static void check_writable(const void *buf, size_t len)
{
	uint64_t a = (uint64_t)((const uint8_t *)buf - ram), b = a + len;

	check_in_ram(buf, len);
	if (!tables_intact || len == 0)
		return;
	/* 2 MiB of RAM need one page table, the first page of the pool */
	if (a < TVM_BOOTINFO_GPA || (b > TVM_PT_POOL_GPA && a < TVM_PT_POOL_GPA + TVM_PAGE))
		abort();
	for (unsigned i = 0; i < sizeof fake_segs / sizeof fake_segs[0]; i++)
		if (!(fake_segs[i].flags & PF_W) && a < fake_segs[i].end && fake_segs[i].start < b)
			abort();
}

static void check_readable(const void *buf, size_t len)
{
	uint64_t a = (uint64_t)((const uint8_t *)buf - ram), b = a + len;

	check_in_ram(buf, len);
	if (!tables_intact || len == 0)
		return;
	if (a < TVM_BOOTINFO_GPA || (b > TVM_PT_POOL_GPA && a < TVM_PT_POOL_GPA + TVM_PAGE) ||
	    (a < 0x101000 && b > 0x100000) /* ring 0 */)
		abort();
}

static void check_disk(struct tvm_dev *d, uint64_t off, size_t len)
{
	if (off % TVM_SECTOR_SIZE || len % TVM_SECTOR_SIZE || off > d->info.size * TVM_SECTOR_SIZE ||
	    len > d->info.size * TVM_SECTOR_SIZE - off || len > TVM_BLK_MAX_SECTORS * TVM_SECTOR_SIZE)
		abort();
}

static int blk_read(struct tvm_dev *d, uint64_t off, void *buf, size_t len)
{
	check_disk(d, off, len);
	check_writable(buf, len);
	memcpy(buf, disk + off, len);
	return 0;
}

static int blk_write(struct tvm_dev *d, uint64_t off, const void *buf, size_t len)
{
	check_disk(d, off, len);
	check_readable(buf, len);
	if (d->info.flags & TVM_DEVF_READONLY)
		abort();
	memcpy(disk + off, buf, len);
	return 0;
}

static int blk_flush(struct tvm_dev *d)
{
	(void)d;
	return 0;
}

static int net_send(struct tvm_dev *d, const void *buf, size_t len)
{
	(void)d;
	if (len < 14 || len > TVM_NET_MTU_FRAME)
		abort();
	check_readable(buf, len);
	return (int)len;
}

static int net_recv(struct tvm_dev *d, void *buf, size_t len)
{
	(void)d;
	check_writable(buf, len);
	if (next_frame == 0)
		return -EAGAIN;
	if (next_frame > len)
		return -EMSGSIZE;
	memset(buf, 0xab, next_frame);
	return (int)next_frame;
}

static int console_write(const void *buf, size_t len)
{
	if (len > (1u << 20))
		abort();
	check_readable(buf, len);
	return (int)len;
}

static uint64_t wallclock(void)
{
	return 1;
}

static int wait_input(struct tvm_machine *m, uint64_t timeout_ns, int console)
{
	(void)m;
	(void)timeout_ns;
	(void)console;
	return 0;
}

/* The guest buffer must be writable for all of len, and no more is given. */
static int console_read(void *buf, size_t len)
{
	if (len > (1u << 20))
		abort();
	check_writable(buf, len);
	memset(buf, 'x', len < 7 ? len : 7);
	return len < 7 ? (int)len : 7;
}

static int random_bytes(void *buf, size_t len)
{
	if (len == 0 || len > TVM_RANDOM_MAX)
		abort();
	check_writable(buf, len);
	memset(buf, 0x5a, len);
	return 0;
}

/* A 9P server that checks what the handler passed it: the request
 * readable, the reply writable, the two apart, sizes within the ABI. */
static int p9(struct tvm_dev *d, const void *req, size_t len, void *rep, size_t cap)
{
	const uint8_t *a = req, *b = rep;

	(void)d;
	if (len < 7 || cap < 11 || len > (1u << 20) || cap > (1u << 20) || (a < b + cap && b < a + len))
		abort();
	check_readable(req, len);
	check_writable(rep, cap);
	memset(rep, 0, 11);
	return 11;
}

static const struct tvm_dev_ops fake_ops = {blk_read, blk_write, blk_flush, net_send, net_recv, p9};
static const struct tvm_host_ops fake_host = {
	.console_write = console_write, .wallclock = wallclock, .wait = wait_input,
	.console_read = console_read, .random = random_bytes,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tvm_machine m;
	struct tvm_image img;
	char err[256];
	int status = -1;

	if (size < 8)
		return 0;
	if (!ram && !(ram = malloc(RAM_SIZE)))
		abort();
	memset(ram, 0, RAM_SIZE);

	uint32_t gpa;
	memcpy(&gpa, data, 4);
	uint8_t mode = data[4];
	uint16_t sectors = (uint16_t)(data[5] | data[6] << 8);
	next_frame = (size_t)data[7] * 8;
	data += 8;
	size -= 8;

	/* devices: block (size from the input), read-only block, net, volume */
	memset(&m, 0, sizeof m);
	m.ndev = 4;
	m.dev[0].info = (struct tvm_devinfo){.type = TVM_DEV_BLOCK, .size = sectors % (DISK_SECTORS + 1)};
	m.dev[1].info = (struct tvm_devinfo){.type = TVM_DEV_BLOCK, .flags = TVM_DEVF_READONLY, .size = 8};
	m.dev[2].info = (struct tvm_devinfo){.type = TVM_DEV_NET};
	m.dev[3].info = (struct tvm_devinfo){.type = TVM_DEV_9P};
	for (unsigned i = 0; i < m.ndev; i++) {
		m.dev[i].ops = &fake_ops;
		m.dev[i].fd = -1;
	}

	fake_image(&img);
	if (tvm_machine_build(ram, RAM_SIZE, &img, "fuzz", m.dev, m.ndev, NULL, 1, err, sizeof err))
		abort();

	m.ram = ram;
	m.ram_size = RAM_SIZE;
	m.cr3 = TVM_PML4_GPA;
	m.host = &fake_host;
	tables_intact = !(mode & 1);
	if (!tables_intact)
		for (size_t i = 0; i < size && i < 0x6000; i++)
			ram[0x1000 + i] ^= data[i];
	if (mode & 2)
		m.cr3 = (uint64_t)gpa << 12; /* any root, even outside RAM */
	if (gpa < RAM_SIZE)
		memcpy(ram + gpa, data, size < RAM_SIZE - gpa ? size : RAM_SIZE - gpa);

	enum tvm_hc_outcome o = tvm_hc_handle(&m, gpa, &status, err, sizeof err);
	if (o == TVM_HC_EXIT && (status < 0 || status > 255))
		abort();
	if (o == TVM_HC_CRASH && tables_intact && !(mode & 2) && gpa % (1u << TVM_HC_SHIFT) == 0 &&
	    gpa >= 0x104000 && gpa + sizeof(struct tvm_hc) <= RAM_SIZE)
		abort(); /* a well-placed block must be answered */
	return 0;
}
