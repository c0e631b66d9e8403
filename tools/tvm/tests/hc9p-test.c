/* hc9p-test.c: the TVM_HC_9P hypercall without KVM — a volume device served by tvm's own 9P server, what the boundary refuses, and a whole session under tvm's real seccomp filter.
 *
 * Built with gcc against hypercall.c, paging.c, volume.c, p9.c, p9host.c,
 * seccomp.c and -lseccomp (tests/groups/volume.sh). Prints ok/FAIL per
 * case and exits 1 on a failure. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

/* ---- a session of every request the client sends, under the filter ---- */

static uint8_t *sram;
static struct tvm_machine *sm;
static uint32_t slen;

static void b8(uint8_t v) { sram[REQ_GPA + slen++] = v; }
static void b16(uint16_t v) { b8((uint8_t)v); b8((uint8_t)(v >> 8)); }
static void b32(uint32_t v) { b16((uint16_t)v); b16((uint16_t)(v >> 16)); }
static void b64(uint64_t v) { b32((uint32_t)v); b32((uint32_t)(v >> 32)); }
static void bstr(const char *s) { b16((uint16_t)strlen(s)); while (*s) b8((uint8_t)*s++); }
static void begin(uint8_t type) { slen = 0; b32(0); b8(type); b16(1); }

/* Send the request built; the reply's type (P9_RLERROR + its code << 8 on error). */
static int send(void)
{
	memcpy(sram + REQ_GPA, &slen, 4);
	int32_t r = hc9p(sm, 0, REQ_GPA, slen, REP_GPA, CAP);
	if (r < 7)
		return -1;
	return sram[REP_GPA + 4] == P9_RLERROR ? P9_RLERROR | sram[REP_GPA + 7] << 8 : sram[REP_GPA + 4];
}

static int walk1(uint32_t fid, uint32_t nfid, const char *name)
{
	begin(P9_TWALK); b32(fid); b32(nfid); b16(name ? 1 : 0); if (name) bstr(name);
	return send();
}

/* Every request type, each expected to succeed; 0 or the first failing step. */
static int session(void)
{
	int step = 0;
#define STEP(expr, want) do { step++; if ((expr) != (want)) return step; } while (0)
	slen = tversion(sram);
	STEP(send(), P9_RVERSION);
	begin(P9_TATTACH); b32(0); b32(P9_NOFID); bstr(""); bstr(""); b32(0);
	STEP(send(), P9_RATTACH);
	begin(P9_TMKDIR); b32(0); bstr("d"); b32(0755); b32(0);
	STEP(send(), P9_RMKDIR);
	STEP(walk1(0, 1, NULL), P9_RWALK);
	begin(P9_TLCREATE); b32(1); bstr("f"); b32(2 | 0100); b32(0644); b32(0);
	STEP(send(), P9_RLCREATE);
	begin(P9_TWRITE); b32(1); b64(0); b32(5); for (int i = 0; i < 5; i++) b8('x');
	STEP(send(), P9_RWRITE);
	begin(P9_TFSYNC); b32(1); b32(0);
	STEP(send(), P9_RFSYNC);
	STEP(walk1(0, 2, "f"), P9_RWALK);
	begin(P9_TLOPEN); b32(2); b32(0);
	STEP(send(), P9_RLOPEN);
	begin(P9_TREAD); b32(2); b64(0); b32(100);
	STEP(send(), P9_RREAD);
	begin(P9_TGETATTR); b32(2); b64(P9_GETATTR_BASIC);
	STEP(send(), P9_RGETATTR);
	STEP(walk1(0, 3, "f"), P9_RWALK);
	begin(P9_TSETATTR); b32(3); b32(P9_SETATTR_MODE | P9_SETATTR_SIZE | P9_SETATTR_ATIME |
					P9_SETATTR_MTIME | P9_SETATTR_MTIME_SET);
	b32(0600); b32(0); b32(0); b64(2); b64(0); b64(0); b64(1000); b64(0);
	STEP(send(), P9_RSETATTR);
	begin(P9_TSYMLINK); b32(0); bstr("l"); bstr("f"); b32(0);
	STEP(send(), P9_RSYMLINK);
	STEP(walk1(0, 4, "l"), P9_RWALK);
	begin(P9_TREADLINK); b32(4);
	STEP(send(), P9_RREADLINK);
	begin(P9_TLINK); b32(0); b32(3); bstr("h");
	STEP(send(), P9_RLINK);
	begin(P9_TRENAMEAT); b32(0); bstr("h"); b32(0); bstr("h2");
	STEP(send(), P9_RRENAMEAT);
	STEP(walk1(0, 5, "d"), P9_RWALK);
	STEP(walk1(5, 6, ".."), P9_RWALK);
	STEP(walk1(0, 7, NULL), P9_RWALK);
	begin(P9_TLOPEN); b32(7); b32(0);
	STEP(send(), P9_RLOPEN);
	begin(P9_TREADDIR); b32(7); b64(0); b32(4000);
	STEP(send(), P9_RREADDIR);
	begin(P9_TUNLINKAT); b32(0); bstr("d"); b32(P9_AT_REMOVEDIR);
	STEP(send(), P9_RUNLINKAT);
	for (uint32_t fid = 0; fid < 8; fid++) {
		begin(P9_TCLUNK); b32(fid);
		STEP(send(), P9_RCLUNK);
	}
	return 0;
#undef STEP
}

/* The session in a child confined by tvm's own filter for this machine:
 * a system call the server makes but the filter lacks kills it (SIGSYS). */
static void session_under_seccomp(struct tvm_machine *m)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (tvm_seccomp_install(-1, m))
			_exit(100);
		_exit(session());
	}
	waitpid(pid, &st, 0);
	char why[64];
	snprintf(why, sizeof why, WIFSIGNALED(st) ? "killed by signal %d" : "step %d failed",
		 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "every 9P request served under tvm's seccomp filter", why);
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
	sram = ram;
	sm = &m;
	session_under_seccomp(&m);
	tvm_p9_fini(m.dev[0].priv);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd))
			fails++;
	}
	free(ram);
	return fails ? 1 : 0;
}
