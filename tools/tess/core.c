/* core.c - tess run --core FILE: checking FILE, taking a crashed QEMU guest's memory over QMP, writing the ELF core. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "elfcore.h"
#include "tess.h"

#define QMP_TIMEOUT_MS 60000 /* a pmemsave of gigabytes takes seconds */
#define CORE_RAM_MAX (2ull << 30) /* below every machine's hole under 4 GiB */

void tess_core_check(struct tess_core *c, const char *path)
{
	char *abs = tess_path_abs(path), *dir = tess_xstrdup(abs), *base = tess_xstrdup(abs);
	const char *d = dirname(dir), *b = basename(base);
	struct stat st;

	if (!*path)
		tess_usage("--core: needs a file name");
	if (stat(d, &st) < 0)
		tess_die("--core %s: folder %s: %s", path, d, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		tess_die("--core %s: %s is not a folder", path, d);
	if (access(d, W_OK) < 0)
		tess_die("--core %s: folder %s: %s", path, d, strerror(errno));
	if (stat(abs, &st) == 0 && !S_ISREG(st.st_mode))
		tess_die("--core %s: exists and is not a regular file", path);
	c->path = abs;
	/* Written beside FILE and renamed into place, so an existing FILE
	 * stays as it was unless a crash leaves a whole core. */
	c->tmp = tess_xasprintf("%s/.%s.tess-core-%ld", d, b, (long)getpid());
	free(dir);
	free(base);
}

void tess_core_finish(const struct tess_core *c)
{
	struct stat st;

	if (!c->tmp)
		return;
	if (stat(c->tmp, &st) == 0 && st.st_size > 0) {
		if (rename(c->tmp, c->path) == 0) {
			tess_err("core dump written to %s", c->path);
			return;
		}
		tess_err("--core %s: %s", c->path, strerror(errno));
	}
	unlink(c->tmp);
}

/* ---- QMP: QEMU's JSON control protocol, one command at a time ---- */

static long long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read lines until one is a command's answer: 0 for {"return"...}, -1 for
 * {"error"...}, a closed socket or the timeout (events are skipped). */
static int qmp_answer(int fd, char *buf, size_t cap)
{
	long long end = ms_now() + QMP_TIMEOUT_MS;
	size_t len = 0;

	for (;;) {
		char *nl;

		while ((nl = memchr(buf, '\n', len))) {
			size_t line = (size_t)(nl - buf) + 1;
			int ret = strncmp(buf, "{\"return\"", 9) == 0, err = strncmp(buf, "{\"error\"", 8) == 0;

			if (ret || err) {
				*nl = 0;
				return ret ? 0 : -1;
			}
			memmove(buf, buf + line, len - line);
			len -= line;
		}
		if (len == cap - 1)
			len = 0; /* an event too long to care about */
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = end - ms_now();

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return -1;
		ssize_t n = read(fd, buf + len, cap - 1 - len);

		if (n <= 0)
			return -1;
		len += (size_t)n;
		buf[len] = 0;
	}
}

static int qmp_cmd(int fd, const char *json, const char *what)
{
	char buf[4096];

	tess_write_all(fd, json, strlen(json));
	if (qmp_answer(fd, buf, sizeof(buf)) == 0)
		return 0;
	tess_err("--core: QEMU could not %s%s%s", what, *buf == '{' ? ": " : "",
		 *buf == '{' ? buf : "");
	return -1;
}

static int qmp_connect(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	char greeting[4096];
	size_t len = 0;

	if (fd < 0 || strlen(path) >= sizeof(a.sun_path))
		return -1;
	strcpy(a.sun_path, path);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	/* The greeting is one line: {"QMP": {...}} */
	while (!memchr(greeting, '\n', len) && len < sizeof(greeting)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, QMP_TIMEOUT_MS) <= 0 || (n = read(fd, greeting + len, sizeof(greeting) - len)) <= 0) {
			close(fd);
			return -1;
		}
		len += (size_t)n;
	}
	if (qmp_cmd(fd, "{\"execute\":\"qmp_capabilities\"}\n", "start QMP") < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Registers from the guest's crash frame (at frame in the dump) and the
 * dump itself as one PT_LOAD at address 0 (RAM is identity-mapped). */
static int write_core(const struct tess_core *c, const uint8_t *ram,
		      uint64_t size, uint64_t frame)
{
	struct ts_trap_frame f;
	struct ts_elfcore_regs r;
	struct ts_elfcore_seg seg = { .vaddr = 0, .data = ram, .size = size };
	int fd, rc;

	if (frame % 8 || frame >= size || size - frame < sizeof(f)) {
		tess_err("--core: the guest named registers at 0x%llx, outside its memory",
			 (unsigned long long)frame);
		return -1;
	}
	memcpy(&f, ram + frame, sizeof(f));
	ts_elfcore_regs_from_frame(&f, &r);
	fd = open(c->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		tess_err("--core %s: %s", c->path, strerror(errno));
		return -1;
	}
	rc = ts_elfcore_write(fd, &r, ts_elfcore_signal(f.vector), &seg, 1);
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (rc) {
		tess_err("--core %s: %s", c->path, strerror(-rc));
		unlink(c->tmp);
		return -1;
	}
	return 0;
}

int tess_core_qemu_take(const struct tess_core *c, const char *qmp_path, uint64_t mem_bytes,
			uint64_t frame)
{
	uint64_t size = mem_bytes < CORE_RAM_MAX ? mem_bytes : CORE_RAM_MAX;
	char *mem = tess_xasprintf("%s.mem", c->tmp), *cmd;
	int fd = qmp_connect(qmp_path), rc = -1;
	void *ram = MAP_FAILED;
	struct stat st;

	if (fd < 0) {
		tess_err("--core: cannot talk to QEMU over QMP (%s)", qmp_path);
		free(mem);
		return -1;
	}
	cmd = tess_xasprintf("{\"execute\":\"pmemsave\",\"arguments\":{\"val\":0,\"size\":%llu,"
			     "\"filename\":\"%s\"}}\n", (unsigned long long)size, mem);
	/* The paths are tess's own (no quotes or backslashes: make-safe). */
	if (qmp_cmd(fd, "{\"execute\":\"stop\"}\n", "stop the guest") == 0 &&
	    qmp_cmd(fd, cmd, "save the guest's memory") == 0) {
		int mfd = open(mem, O_RDONLY | O_CLOEXEC);

		if (mfd >= 0 && fstat(mfd, &st) == 0 && (uint64_t)st.st_size == size)
			ram = mmap(NULL, size, PROT_READ, MAP_PRIVATE, mfd, 0);
		if (mfd >= 0)
			close(mfd);
		if (ram == MAP_FAILED)
			tess_err("--core: QEMU's memory dump %s: %s", mem,
				 mfd < 0 ? strerror(errno) : "short or unreadable");
		else
			rc = write_core(c, ram, size, frame);
	}
	if (ram != MAP_FAILED)
		munmap(ram, size);
	unlink(mem);
	/* Done with the guest: QEMU exits (0) and tess reports the crash.
	 * The answer is awaited: a socket closed at once may lose the
	 * command. (tess also stops QEMU itself should this fail.) */
	qmp_cmd(fd, "{\"execute\":\"quit\"}\n", "quit");
	close(fd);
	free(cmd);
	free(mem);
	return rc;
}
