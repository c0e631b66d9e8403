/* guest.c: tvm's test guest (tests only): behaviour chosen by the command line.
 *   hello   CONSOLE_WRITE "hi", HALT 3
 *   ud2     an invalid instruction: the trap stubs turn it into a triple fault
 *   badhc   a hypercall block outside RAM: tvm must stop the guest
 *   checks  hypercall and boot-info checks, one "ok"/"FAIL" line each, HALT 0 if all pass
 *   blk / blkro   block device checks (image built with -DNBLOCK=1)
 *   net     network checks over a TAP whose host end is 10.99.0.1 (-DNNET=1)
 *   bootinfo      prints boot-info fields for the host to check */
#include <stddef.h>
#include <stdint.h>

#include "ts/tvm_abi.h"

#ifndef NBLOCK
#define NBLOCK 0
#endif
#ifndef NNET
#define NNET 0
#endif

#define EFAULT 14
#define EINVAL 22
#define ENODEV 19
#define ENOSYS 38
#define EPERM 1
#define EAGAIN 11
#define EMSGSIZE 90

extern char _start[], isr_stubs[], __r0_start[], __r0_end[], __stack_top[];

/* 8-aligned: the PT_NOTE gets p_align 8, so the descriptor follows the name
 * padded to 8 bytes, where C puts it. */
struct note {
	uint32_t namesz, descsz, type;
	char name[8];
	struct tvm_image_info info;
};

__attribute__((section(".note.tessera"), aligned(8), used))
static const struct note tessera_note = {
	.namesz = sizeof TVM_NOTE_NAME,
	.descsz = sizeof(struct tvm_image_info),
	.type = TVM_NOTE_INFO,
	.name = TVM_NOTE_NAME,
	.info = {
		.abi_version = TVM_ABI_VERSION,
		.entry = (uint64_t)(uintptr_t)_start,
		.stack_top = (uint64_t)(uintptr_t)__stack_top,
		.isr_stubs = (uint64_t)(uintptr_t)isr_stubs,
		.ring0 = {{(uint64_t)(uintptr_t)__r0_start, (uint64_t)(uintptr_t)__r0_end}},
		.nblock = NBLOCK,
		.nnet = NNET,
	},
};

static volatile struct tvm_hc hcb; /* 16-byte aligned by its type (the ABI) */
static int failures;

static int64_t hcall_at(volatile struct tvm_hc *b, uint32_t nr, uint32_t dev, uint64_t a0,
			uint64_t a1, uint64_t a2)
{
	b->nr = nr;
	b->dev = dev;
	b->arg[0] = a0;
	b->arg[1] = a1;
	b->arg[2] = a2;
	b->arg[3] = 0;
	b->ret = 0x7fffffff;
	__asm__ volatile("outl %0, %w1" : : "a"((uint32_t)((uintptr_t)b >> TVM_HC_SHIFT)), "Nd"(TVM_HC_PORT)
			 : "memory");
	return b->ret;
}

static int64_t hcall(uint32_t nr, uint32_t dev, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return hcall_at(&hcb, nr, dev, a0, a1, a2);
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void puts_(const char *s)
{
	hcall(TVM_HC_CONSOLE_WRITE, 0, (uintptr_t)s, slen(s), 0);
}

static void putnum(int64_t v)
{
	static char buf[24];
	int i = sizeof buf - 1;
	int neg = v < 0;
	uint64_t u = neg ? -(uint64_t)v : (uint64_t)v;

	buf[i] = 0;
	do
		buf[--i] = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		buf[--i] = '-';
	puts_(buf + i);
}

static void halt(int status)
{
	hcall(TVM_HC_HALT, 0, (uint64_t)status, 0, 0);
	for (;;)
		;
}

static void expect(const char *name, int64_t got, int64_t want)
{
	puts_(got == want ? "ok " : "FAIL ");
	puts_(name);
	if (got != want) {
		puts_(": got ");
		putnum(got);
		puts_(", want ");
		putnum(want);
		failures++;
	}
	puts_("\n");
}

static void checks(const struct tvm_bootinfo *bi)
{
	expect("unknown-call", hcall(99, 0, 0, 0, 0), -ENOSYS);
	expect("console-too-long", hcall(TVM_HC_CONSOLE_WRITE, 0, (uintptr_t)_start, 2u << 20, 0), -EINVAL);
	expect("console-page0", hcall(TVM_HC_CONSOLE_WRITE, 0, 0, 4, 0), -EFAULT);
	expect("console-pagetables", hcall(TVM_HC_CONSOLE_WRITE, 0, 0x1000, 8, 0), -EFAULT);
	expect("console-ring0", hcall(TVM_HC_CONSOLE_WRITE, 0, (uintptr_t)isr_stubs, 8, 0), -EFAULT);
	expect("console-beyond-ram", hcall(TVM_HC_CONSOLE_WRITE, 0, bi->mem_size - 2, 4, 0), -EFAULT);
	expect("console-wrap", hcall(TVM_HC_CONSOLE_WRITE, 0, UINT64_MAX - 1, 4, 0), -EFAULT);
	expect("console-from-code", hcall(TVM_HC_CONSOLE_WRITE, 0, (uintptr_t)_start, 0, 0), 0);
	expect("blk-nodev", hcall(TVM_HC_BLK_READ, 0, 0, (uintptr_t)__stack_top - 4096, 1), -ENODEV);
	expect("net-nodev", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)__stack_top - 4096, 60, 0), -ENODEV);
	expect("flush-nodev", hcall(TVM_HC_BLK_FLUSH, 7, 0, 0, 0), -ENODEV);
	int64_t r = hcall(TVM_HC_WALLCLOCK, 0, 0, 0, 0);
	uint64_t now = hcb.arg[0]; /* before expect() reuses hcb */
	expect("wallclock", r, 0);
	expect("wallclock-after-2020", now > 1577836800ull * 1000000000ull, 1);
	expect("wait-timeout", hcall(TVM_HC_WAIT, 0, 1000000, 0, 0), 0);
	expect("bootinfo-magic", bi->magic, TVM_BOOT_MAGIC);
	expect("bootinfo-abi", bi->abi_version, TVM_ABI_VERSION);
	expect("bootinfo-free-start", bi->free_start, ((uintptr_t)__stack_top + 4095) & ~4095ull);
	expect("bootinfo-free-end", bi->free_end, bi->mem_size);
	expect("bootinfo-ndevices", bi->ndevices, NBLOCK + NNET);
	/* free RAM is user read-write: the first and last free pages */
	volatile uint64_t *lo = (uint64_t *)(uintptr_t)bi->free_start;
	volatile uint64_t *hi = (uint64_t *)(uintptr_t)(bi->free_end - 8);
	*lo = 0x1234;
	*hi = 0x5678;
	expect("free-ram-rw", *lo + *hi, 0x1234 + 0x5678);
	/* so is low memory after the page tables, up to 1 MiB */
	expect("bootinfo-low-free", bi->low_free_start > 0x2d000 && bi->low_free_end == 0x100000, 1);
	lo = (uint64_t *)(uintptr_t)bi->low_free_start;
	hi = (uint64_t *)(uintptr_t)(bi->low_free_end - 8);
	*lo = 0x4321;
	*hi = 0x8765;
	expect("low-free-ram-rw", *lo + *hi, 0x4321 + 0x8765);
	/* the hypercall block may live anywhere in user-writable RAM */
	expect("hc-in-free-ram", hcall_at((volatile struct tvm_hc *)(uintptr_t)bi->free_start,
					  TVM_HC_WALLCLOCK, 0, 0, 0, 0), 0);
	halt(failures ? 1 : 0);
}

static char blkbuf[2 * 512] __attribute__((aligned(512)));

static void blk(const struct tvm_bootinfo *bi, int ro)
{
	uint64_t size = bi->dev[0].size;
	uint64_t buf = (uintptr_t)blkbuf;

	expect("blk-type", bi->dev[0].type, TVM_DEV_BLOCK);
	expect("blk-ro-flag", bi->dev[0].flags, ro ? TVM_DEVF_READONLY : 0);
	expect("blk-read", hcall(TVM_HC_BLK_READ, 0, 0, buf, 2), 0);
	expect("blk-read-content", blkbuf[0] == 'T' && blkbuf[511] == 'Z' && blkbuf[512] == 'S', 1);
	expect("blk-read-last", hcall(TVM_HC_BLK_READ, 0, size - 1, buf, 1), 0);
	expect("blk-read-past-end", hcall(TVM_HC_BLK_READ, 0, size, buf, 1), -EINVAL);
	expect("blk-read-straddle", hcall(TVM_HC_BLK_READ, 0, size - 1, buf, 2), -EINVAL);
	expect("blk-read-huge-sector", hcall(TVM_HC_BLK_READ, 0, UINT64_MAX, buf, 1), -EINVAL);
	expect("blk-read-too-many", hcall(TVM_HC_BLK_READ, 0, 0, buf, TVM_BLK_MAX_SECTORS + 1), -EINVAL);
	expect("blk-read-into-code", hcall(TVM_HC_BLK_READ, 0, 0, (uintptr_t)_start & ~511ull, 1), -EFAULT);
	expect("blk-read-into-rodata", hcall(TVM_HC_BLK_READ, 0, 0, (uintptr_t)&tessera_note & ~511ull, 1), -EFAULT);
	expect("blk-read-into-ring0", hcall(TVM_HC_BLK_READ, 0, 0, (uintptr_t)isr_stubs, 1), -EFAULT);
	expect("blk-read-into-pagetables", hcall(TVM_HC_BLK_READ, 0, 0, 0x1000, 1), -EFAULT);
	expect("blk-read-into-idt", hcall(TVM_HC_BLK_READ, 0, 0, 0x7000, 1), -EFAULT);
	expect("blk-read-into-bootinfo", hcall(TVM_HC_BLK_READ, 0, 1, (uintptr_t)bi, 1), 0);
	expect("blk-dev1", hcall(TVM_HC_BLK_READ, 1, 0, buf, 1), -ENODEV);
	expect("blk-as-net", hcall(TVM_HC_NET_RECV, 0, buf, 1514, 0), -ENODEV);
	for (int i = 0; i < 512; i++)
		blkbuf[i] = (char)('a' + i % 26);
	expect("blk-write", hcall(TVM_HC_BLK_WRITE, 0, 1, buf, 1), ro ? -EPERM : 0);
	expect("blk-flush", hcall(TVM_HC_BLK_FLUSH, 0, 0, 0, 0), 0);
	halt(failures ? 1 : 0);
}

static uint8_t frame[1514] __attribute__((aligned(8)));

/* An ARP request from 10.99.0.2 (us) for 10.99.0.1 (the host end of the TAP). */
static void arp_request(const uint8_t *mac)
{
	static const uint8_t head[] = {8, 6, 0, 1, 8, 0, 6, 4, 0, 1};

	for (int i = 0; i < 6; i++) {
		frame[i] = 0xff;
		frame[6 + i] = mac[i];
		frame[22 + i] = mac[i];
		frame[32 + i] = 0;
	}
	for (int i = 0; i < 10; i++)
		frame[12 + i] = head[i];
	frame[28] = 10, frame[29] = 99, frame[30] = 0, frame[31] = 2;
	frame[38] = 10, frame[39] = 99, frame[40] = 0, frame[41] = 1;
}

static void net(const struct tvm_bootinfo *bi)
{
	const uint8_t *mac = bi->dev[0].mac;
	static const char hex[] = "0123456789abcdef";
	char macstr[18];

	for (int i = 0; i < 6; i++) {
		macstr[3 * i] = hex[mac[i] >> 4];
		macstr[3 * i + 1] = hex[mac[i] & 15];
		macstr[3 * i + 2] = i < 5 ? ':' : 0;
	}
	puts_("mac ");
	puts_(macstr);
	puts_("\n");
	expect("net-type", bi->dev[0].type, TVM_DEV_NET);
	expect("net-send-too-short", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)frame, 13, 0), -EINVAL);
	expect("net-send-too-long", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)frame, 1515, 0), -EINVAL);
	expect("net-send-from-ring0", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)isr_stubs, 60, 0), -EFAULT);
	expect("net-recv-into-code", hcall(TVM_HC_NET_RECV, 0, (uintptr_t)_start, 1514, 0), -EFAULT);
	expect("net-recv-empty", hcall(TVM_HC_NET_RECV, 0, (uintptr_t)frame, 1514, 0), -EAGAIN);
	expect("net-wait-nothing", hcall(TVM_HC_WAIT, 0, 0, 0, 0), 0);
	arp_request(mac);
	expect("net-send-arp", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)frame, 42, 0), 42);
	expect("net-wait-reply", hcall(TVM_HC_WAIT, 0, 3000000000ull, 0, 0), 1);
	expect("net-recv-too-small", hcall(TVM_HC_NET_RECV, 0, (uintptr_t)frame, 20, 0), -EMSGSIZE);
	expect("net-recv-dropped", hcall(TVM_HC_NET_RECV, 0, (uintptr_t)frame, 1514, 0), -EAGAIN);
	arp_request(mac);
	expect("net-send-arp-again", hcall(TVM_HC_NET_SEND, 0, (uintptr_t)frame, 42, 0), 42);
	expect("net-wait-forever", hcall(TVM_HC_WAIT, 0, UINT64_MAX, 0, 0), 1);
	int64_t n = hcall(TVM_HC_NET_RECV, 0, (uintptr_t)frame, 1514, 0);
	expect("net-recv-reply", n >= 42, 1);
	expect("net-reply-is-arp-reply", frame[12] == 8 && frame[13] == 6 && frame[21] == 2, 1);
	expect("net-reply-to-our-mac", frame[0] == mac[0] && frame[5] == mac[5], 1);
	expect("net-reply-from-host", frame[28] == 10 && frame[29] == 99 && frame[31] == 1, 1);
	halt(failures ? 1 : 0);
}

static void print_bootinfo(const struct tvm_bootinfo *bi)
{
	puts_("mem_size=");
	putnum((int64_t)bi->mem_size);
	puts_(" free_start=");
	putnum((int64_t)bi->free_start);
	puts_(" tsc_hz=");
	putnum((int64_t)bi->tsc_hz);
	puts_(" cmdline=[");
	puts_((const char *)(uintptr_t)bi->cmdline);
	puts_("]\n");
	halt(0);
}

void guest_main(const struct tvm_bootinfo *bi);
void guest_main(const struct tvm_bootinfo *bi)
{
	const char *cmd = (const char *)(uintptr_t)bi->cmdline;

	if (seq(cmd, "hello")) {
		hcall(TVM_HC_CONSOLE_WRITE, 0, (uintptr_t)"hi", 2, 0);
		halt(3);
	}
	if (seq(cmd, "ud2"))
		__asm__ volatile("ud2");
	if (seq(cmd, "badhc"))
		__asm__ volatile("outl %0, %w1" : : "a"(0xfffffff8u), "Nd"(TVM_HC_PORT));
	if (seq(cmd, "checks"))
		checks(bi);
	if (seq(cmd, "blk"))
		blk(bi, 0);
	if (seq(cmd, "blkro"))
		blk(bi, 1);
	if (seq(cmd, "net"))
		net(bi);
	print_bootinfo(bi);
}
