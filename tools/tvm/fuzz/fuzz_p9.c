/* fuzz_p9.c: libFuzzer target for tvm's 9P server (p9.c, p9host.c): request parsing and every operation, on a real scratch folder.
 *
 * Input: a flags byte, then messages, each len[2] and that many bytes.
 * Flags bit 0: put the right size[4] into each message (to get past the
 * header check); bit 1: a read-only share. Every run starts a fresh
 * server with Tversion and Tattach (fid 0) done, on a share folder rebuilt
 * from scratch, beside a sentinel file and folder outside it. The target
 * aborts when a reply is malformed (length, size field, type, tag) or
 * when anything outside the share changed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "p9.h"
#include "ts/9p.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char top[64], share[96], outside[96], outdir[96];
static uint8_t rep[16384];

static void put(const char *dir, const char *name, const char *data)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(data, f);
	fclose(f);
}

/* Empty the folder open on dirfd (recursively, without following links). */
static void empty(int dirfd)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(dirfd, e->d_name, 0) == 0)
			continue;
		int sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		if (sub >= 0) {
			fchmod(sub, 0755);
			empty(sub);
		}
		unlinkat(dirfd, e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

static void rebuild(void)
{
	char path[256];

	chmod(share, 0755);
	empty(open(share, O_RDONLY | O_DIRECTORY));
	snprintf(path, sizeof path, "%s/sub", share);
	mkdir(path, 0755);
	put(share, "file", "some data\n");
	put(path, "deep", "deeper\n");
	snprintf(path, sizeof path, "%s/up", share);
	symlink("..", path);
	snprintf(path, sizeof path, "%s/abs", share);
	symlink(top, path);
}

/* Nothing outside the share changed. */
static void check_outside(void)
{
	char buf[64] = "";
	struct stat st;
	FILE *f = fopen(outside, "r");

	if (!f || !fgets(buf, sizeof buf, f) || strcmp(buf, "outside\n"))
		abort();
	fclose(f);
	if (stat(outdir, &st) || !S_ISDIR(st.st_mode) || (st.st_mode & 07777) != 0755)
		abort();
	DIR *d = opendir(top);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "share") &&
		    strcmp(e->d_name, "outside") && strcmp(e->d_name, "outdir"))
			abort();
	closedir(d);
	d = opendir(outdir);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			abort();
	closedir(d);
}

static void serve(struct tvm_p9 *s, const uint8_t *req, size_t len, uint16_t tag)
{
	long n = tvm_p9_serve(s, req, len, rep, sizeof rep);

	if (len < 7) {
		if (n != -EINVAL)
			abort();
		return;
	}
	if (n < 7 || (size_t)n > sizeof rep)
		abort();
	uint32_t sz = rep[0] | rep[1] << 8 | rep[2] << 16 | (uint32_t)rep[3] << 24;
	if (sz != (uint32_t)n || (rep[4] != P9_RLERROR && rep[4] != req[4] + 1) ||
	    (rep[5] | rep[6] << 8) != tag)
		abort();
}

static void start(struct tvm_p9 *s, int ro)
{
	static const uint8_t version[] = { 21, 0, 0, 0, P9_TVERSION, 0xff, 0xff, 0, 0x40, 0, 0,
					   8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L' };
	static const uint8_t attach[] = { 23, 0, 0, 0, P9_TATTACH, 1, 0, 0, 0, 0, 0,
					  0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 };
	char err[128];

	if (tvm_p9_init(s, share, ro, err, sizeof err))
		abort();
	serve(s, version, sizeof version, 0xffff);
	serve(s, attach, sizeof attach, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tvm_p9 s;
	static uint8_t msg[8192];

	if (!top[0]) {
		strcpy(top, "/tmp/fuzz_p9.XXXXXX");
		if (!mkdtemp(top))
			abort();
		snprintf(share, sizeof share, "%s/share", top);
		snprintf(outside, sizeof outside, "%s/outside", top);
		snprintf(outdir, sizeof outdir, "%s/outdir", top);
		mkdir(share, 0755);
		mkdir(outdir, 0755);
		put(top, "outside", "outside\n");
	}
	if (size < 1)
		return 0;
	rebuild();
	start(&s, data[0] & 2);
	int fix = data[0] & 1;
	size_t pos = 1;
	while (pos + 2 <= size) {
		size_t len = data[pos] | (size_t)data[pos + 1] << 8;

		pos += 2;
		if (len > size - pos)
			len = size - pos;
		if (len > sizeof msg)
			len = sizeof msg;
		memcpy(msg, data + pos, len);
		pos += len;
		if (fix && len >= 4) {
			msg[0] = (uint8_t)len;
			msg[1] = (uint8_t)(len >> 8);
			msg[2] = msg[3] = 0;
		}
		serve(&s, msg, len, len >= 7 ? (uint16_t)(msg[5] | msg[6] << 8) : 0);
	}
	tvm_p9_fini(&s);
	check_outside();
	return 0;
}
