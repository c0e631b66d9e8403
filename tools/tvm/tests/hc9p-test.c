/* hc9p-test.c: the TVM_HC_9P hypercall without KVM — a volume device served by tvm's own 9P server, and what the boundary refuses.
 *
 * Built with gcc against hypercall.c, paging.c, volume.c, p9.c and
 * p9host.c (tests/groups/volume.sh). Prints ok/FAIL per case and exits 1
 * on a failure. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake_image.h"
#include "p9.h"
#include "ts/9p.h"

#define RAM_SIZE (2u << 20)
#define HC_GPA   0x104000u /* in the image's writable data */
#define REQ_GPA  0x105000u
#define REP_GPA  0x108000u
#define CAP      0x4000u

static int fails;

void tvm_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void check(int ok, const char *name, const char *why)
{
	printf(ok ? "ok %s\n" : "FAIL %s: %s\n", name, why);
	fails += !ok;
}

static const struct tvm_host_ops no_host;

/* Issue TVM_HC_9P on dev with the given arguments; returns ret. */
static int32_t hc9p(struct tvm_machine *m, uint32_t dev, uint64_t req, uint64_t len, uint64_t rep,
		    uint64_t cap)
{
	struct tvm_hc hc = {.nr = TVM_HC_9P, .dev = dev, .arg = {req, len, rep, cap}};
	char err[160];
	int status = 0;

	memcpy(m->ram + HC_GPA, &hc, sizeof hc);
	if (tvm_hc_handle(m, HC_GPA, &status, err, sizeof err) != TVM_HC_CONTINUE)
		return -9999;
	memcpy(&hc, m->ram + HC_GPA, sizeof hc);
	return hc.ret;
}

/* Put a Tversion at REQ_GPA; its length. */
static uint32_t tversion(uint8_t *ram)
{
	uint8_t *p = ram + REQ_GPA;
	uint32_t len = 7 + 4 + 2 + 8;

	memset(p, 0, len);
	p[0] = (uint8_t)len;
	p[4] = P9_TVERSION;
	p[5] = p[6] = 0xff;
	p[7 + 1] = 0x40; /* msize 0x4000 */
	p[11] = 8;
	memcpy(p + 13, P9_VERSION, 8);
	return len;
}

int main(void)
{
	static struct tvm_machine m;
	uint8_t *ram = calloc(1, RAM_SIZE);
	struct tvm_image img;
	char err[256], dir[] = "/tmp/hc9p.XXXXXX";

	const struct tvm_dev_kind *vol = NULL;

	if (!ram || !mkdtemp(dir))
		return 1;
	for (unsigned k = 0; k < tvm_ndev_kinds; k++)
		if (!strcmp(tvm_dev_kinds[k].option, "volume"))
			vol = &tvm_dev_kinds[k];
	if (!vol)
		return 1;
	m.ndev = 2;
	check(tvm_dev_open(vol, &m.dev[0], dir, 0) == 0 &&
	      m.dev[0].info.type == TVM_DEV_9P && m.dev[0].info.flags == 0,
	      "--volume DIR opens a 9P device", "not opened");
	check(tvm_dev_open(vol, &m.dev[1], "/no/such/folder,ro", 1) == -1,
	      "--volume of a missing folder is refused", "opened");
	m.dev[1] = (struct tvm_dev){ .info = { .type = TVM_DEV_BLOCK, .size = 8 }, .fd = -1 };
	fake_image(&img);
	if (tvm_machine_build(ram, RAM_SIZE, &img, "", m.dev, m.ndev, NULL, 1, err, sizeof err))
		return 1;
	m.ram = ram;
	m.ram_size = RAM_SIZE;
	m.cr3 = TVM_PML4_GPA;
	m.host = &no_host;

	uint32_t len = tversion(ram);
	int32_t r = hc9p(&m, 0, REQ_GPA, len, REP_GPA, CAP);
	check(r == 21 && ram[REP_GPA + 4] == P9_RVERSION && !memcmp(ram + REP_GPA + 13, P9_VERSION, 8),
	      "Tversion through the hypercall gets Rversion", "no Rversion");
	check(hc9p(&m, 1, REQ_GPA, len, REP_GPA, CAP) == -ENODEV, "a block device is not a volume",
	      "accepted");
	check(hc9p(&m, 7, REQ_GPA, len, REP_GPA, CAP) == -ENODEV, "a device id beyond the last",
	      "accepted");
	check(hc9p(&m, 0, REQ_GPA, len, REQ_GPA + 8, CAP) == -EINVAL, "request and reply overlap",
	      "accepted");
	check(hc9p(&m, 0, REQ_GPA, 6, REP_GPA, CAP) == -EINVAL, "a request under 7 bytes", "accepted");
	check(hc9p(&m, 0, REQ_GPA, len, REP_GPA, 10) == -EINVAL, "a reply buffer under 11 bytes",
	      "accepted");
	check(hc9p(&m, 0, REQ_GPA, (1u << 20) + 1, REP_GPA, CAP) == -EINVAL, "a request over 1 MiB",
	      "accepted");
	check(hc9p(&m, 0, 0x100000, len, REP_GPA, CAP) == -EFAULT, "a request in ring-0 memory",
	      "accepted");
	check(hc9p(&m, 0, REQ_GPA, len, 0x101000, CAP) == -EFAULT, "a reply into code",
	      "accepted");
	check(hc9p(&m, 0, REQ_GPA, len, RAM_SIZE - 16, CAP) == -EFAULT, "a reply past RAM",
	      "accepted");
	ram[REQ_GPA] ^= 1; /* the size field no longer matches */
	r = hc9p(&m, 0, REQ_GPA, len, REP_GPA, CAP);
	check(r == 11 && ram[REP_GPA + 4] == P9_RLERROR && ram[REP_GPA + 7] == EPROTO,
	      "a garbled request gets Rlerror EPROTO", "other answer");
	tvm_p9_fini(m.dev[0].priv);
	rmdir(dir);
	free(ram);
	return fails ? 1 : 0;
}
