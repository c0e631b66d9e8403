/* instance-state.c - the per-user state folder of background instances, their names and state files, and whether their processes live. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "instance.h"

#define STATE_MAX 8192 /* a state file is a few hundred bytes */
#define MAGIC "tessera-instance "
#define STARTING_MAX_S 60 /* "starting" for longer: its tess run -d died */

/* mkdir -p with mode 0700 for what it creates. */
static int mkdirs(const char *path)
{
	char *p = tess_xstrdup(path), *s;
	int r = 0;

	for (s = p + 1; *s && r == 0; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	if (r == 0 && mkdir(p, 0700) < 0 && errno != EEXIST)
		r = -1;
	free(p);
	return r;
}

const char *tess_inst_dir(void)
{
	static char *dir;
	const char *env;

	if (dir)
		return dir;
	if ((env = getenv("TESS_STATE_DIR")) && *env)
		dir = tess_path_abs(env);
	else if ((env = getenv("XDG_RUNTIME_DIR")) && *env == '/')
		dir = tess_path_join(env, "tessera/instances");
	else if ((env = getenv("HOME")) && *env == '/')
		dir = tess_path_join(env, ".local/state/tessera/instances");
	else
		tess_die("no state folder: set HOME, XDG_RUNTIME_DIR or TESS_STATE_DIR");
	if (mkdirs(dir) < 0 || !tess_is_dir(dir))
		tess_die("state folder %s: %s", dir, strerror(errno ? errno : ENOTDIR));
	return dir;
}

int tess_inst_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > TESS_INST_NAME_MAX)
		return 0;
	if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", name[0]))
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

void tess_inst_name_check(const char *name)
{
	if (!tess_inst_name_ok(name))
		tess_usage("'%.80s%s': not an instance name (a letter or digit, then up to 63 "
			   "letters, digits, '_', '.' or '-')", name, strlen(name) > 80 ? "..." : "");
}

char *tess_inst_path(const char *name)
{
	return tess_path_join(tess_inst_dir(), name);
}

void tess_inst_free(struct tess_inst *st)
{
	free(st->name);
	free(st->app);
	free(st->vmm);
	free(st->image);
	free(st->dbg);
	free(st->ports);
	free(st->phase);
	free(st->result);
	memset(st, 0, sizeof(*st));
}

/* A decimal number that fits in int64; -1 otherwise. */
static int parse_num(const char *s, int64_t *v)
{
	char *end;
	long long n;

	if (!*s)
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || *end || n < 0)
		return -1;
	*v = n;
	return 0;
}

/* Take one "key=value" line into st; -1 for a bad value. Unknown keys are
 * ignored, so a later version of this format may add some. */
static int take(struct tess_inst *st, const char *key, const char *val)
{
	static const struct { const char *key; size_t off; } strs[] = {
		{ "name", offsetof(struct tess_inst, name) },
		{ "app", offsetof(struct tess_inst, app) },
		{ "vmm", offsetof(struct tess_inst, vmm) },
		{ "image", offsetof(struct tess_inst, image) },
		{ "dbg", offsetof(struct tess_inst, dbg) },
		{ "ports", offsetof(struct tess_inst, ports) },
		{ "phase", offsetof(struct tess_inst, phase) },
		{ "result", offsetof(struct tess_inst, result) },
	};
	int64_t n;
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		if (strcmp(key, strs[i].key) == 0) {
			char **p = (char **)((char *)st + strs[i].off);

			free(*p);
			*p = tess_xstrdup(val);
			return 0;
		}
	}
	if (!*val)
		return 0; /* an empty number: absent */
	if (parse_num(val, &n) < 0)
		return -1;
	if (strcmp(key, "gdb_port") == 0)
		st->gdb_port = n <= 65535 ? (int)n : 0;
	else if (strcmp(key, "mem_kib") == 0)
		st->mem_kib = (uint64_t)n;
	else if (strcmp(key, "created") == 0)
		st->created = n;
	else if (strcmp(key, "sup_pid") == 0)
		st->sup_pid = n <= 0x7fffffff ? (pid_t)n : 0;
	else if (strcmp(key, "sup_start") == 0)
		st->sup_start = (uint64_t)n;
	else if (strcmp(key, "mon_pid") == 0)
		st->mon_pid = n <= 0x7fffffff ? (pid_t)n : 0;
	else if (strcmp(key, "mon_start") == 0)
		st->mon_start = (uint64_t)n;
	else if (strcmp(key, "started") == 0)
		st->started = n;
	else if (strcmp(key, "status") == 0)
		st->status = n <= 255 ? (int)n : 255;
	else if (strcmp(key, "ended") == 0)
		st->ended = n;
	return 0;
}

/* Parse the text of a state file (NUL-terminated, modified). */
static int parse(char *text, struct tess_inst *st, const char **why)
{
	char *line, *save = NULL, *nl;
	int64_t v;

	nl = strchr(text, '\n');
	if (!nl || strncmp(text, MAGIC, strlen(MAGIC)) != 0) {
		*why = "not a tess state file";
		return -2;
	}
	*nl = 0;
	if (parse_num(text + strlen(MAGIC), &v) < 0 || v != TESS_INST_VERSION) {
		*why = "written by another version of tess";
		return -2;
	}
	for (line = strtok_r(nl + 1, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq) {
			*why = "malformed state file";
			return -2;
		}
		*eq = 0;
		if (take(st, line, eq + 1) < 0) {
			*why = "malformed state file";
			return -2;
		}
	}
	if (!st->name || !st->phase || !st->vmm) {
		*why = "incomplete state file";
		return -2;
	}
	st->version = TESS_INST_VERSION;
	return 0;
}

int tess_inst_read(const char *dir, struct tess_inst *st, const char **why)
{
	char *path = tess_path_join(dir, TESS_INST_STATE);
	char buf[STATE_MAX + 1];
	ssize_t n = 0, r;
	int fd, e;

	memset(st, 0, sizeof(*st));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	e = errno;
	free(path);
	if (fd < 0) {
		if (e == ENOENT && access(dir, F_OK) < 0) {
			errno = ENOENT;
			return -1;
		}
		*why = e == ENOENT ? "no state file" : "state file unreadable";
		return -2;
	}
	while (n < STATE_MAX && (r = read(fd, buf + n, (size_t)(STATE_MAX - n))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = 0;
	if (n == STATE_MAX || memchr(buf, 0, (size_t)n)) {
		*why = "malformed state file";
		return -2;
	}
	r = parse(buf, st, why);
	if (r < 0)
		tess_inst_free(st);
	return (int)r;
}

/* A value as one line: control characters (newlines) become '?'. */
static void put(struct tess_buf *b, const char *key, const char *val)
{
	tess_buf_adds(b, key);
	tess_buf_addc(b, '=');
	for (; val && *val; val++)
		tess_buf_addc(b, (unsigned char)*val < 0x20 || *val == 0x7f ? '?' : *val);
	tess_buf_addc(b, '\n');
}

static void putn(struct tess_buf *b, const char *key, long long v, int present)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	put(b, key, present ? num : "");
}

int tess_inst_write(const char *dir, const struct tess_inst *st)
{
	struct tess_buf b = { 0 };
	char *tmp = tess_xasprintf("%s/.%s.tmp", dir, TESS_INST_STATE);
	char *path = tess_path_join(dir, TESS_INST_STATE);
	int fd, r = -1, e;

	tess_buf_adds(&b, MAGIC "1\n");
	put(&b, "name", st->name);
	put(&b, "app", st->app);
	put(&b, "vmm", st->vmm);
	put(&b, "image", st->image);
	put(&b, "dbg", st->dbg);
	putn(&b, "gdb_port", st->gdb_port, st->gdb_port > 0);
	putn(&b, "mem_kib", (long long)st->mem_kib, 1);
	put(&b, "ports", st->ports ? st->ports : "");
	putn(&b, "created", st->created, 1);
	put(&b, "phase", st->phase);
	putn(&b, "sup_pid", st->sup_pid, st->sup_pid > 0);
	putn(&b, "sup_start", (long long)st->sup_start, st->sup_pid > 0);
	putn(&b, "mon_pid", st->mon_pid, st->mon_pid > 0);
	putn(&b, "mon_start", (long long)st->mon_start, st->mon_pid > 0);
	putn(&b, "started", st->started, st->started > 0);
	put(&b, "result", st->result ? st->result : "");
	putn(&b, "status", st->status, st->result != NULL);
	putn(&b, "ended", st->ended, st->ended > 0);

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		ssize_t w = write(fd, b.s, b.len);

		r = (w == (ssize_t)b.len && close(fd) == 0) ? 0 : -1;
		if (w != (ssize_t)b.len)
			close(fd);
		if (r == 0 && rename(tmp, path) < 0)
			r = -1;
		e = errno;
		if (r < 0)
			unlink(tmp);
		errno = e;
	}
	free(b.s);
	free(tmp);
	free(path);
	return r;
}

uint64_t tess_proc_start(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long start = 0;
	ssize_t n;
	int fd, field;

	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* The command name may hold spaces and ')': fields count from the
	 * last ')'. Field 3 (the state) follows it; 22 is the start time. */
	p = strrchr(buf, ')');
	if (!p)
		return 0;
	if (p[1] && p[2] == 'Z')
		return 0; /* a zombie has ended */
	for (field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p + 1, "%llu", &start) != 1)
		return 0;
	return start ? start : 1;
}

int tess_proc_alive(pid_t pid, uint64_t start)
{
	return pid > 0 && start && tess_proc_start(pid) == start;
}

enum tess_inst_live tess_inst_live(const struct tess_inst *st)
{
	if (st->version != TESS_INST_VERSION)
		return TESS_LIVE_UNKNOWN;
	if (strcmp(st->phase, "ended") == 0 && st->result)
		return TESS_LIVE_ENDED;
	/* tess run -d publishes the folder, then the supervisor records its
	 * pid within moments; a tess killed in between leaves it "starting",
	 * which must not block the name for ever. */
	if (strcmp(st->phase, "starting") == 0 && st->sup_pid <= 0)
		return (int64_t)time(NULL) - st->created <= STARTING_MAX_S ? TESS_LIVE_STARTING
									    : TESS_LIVE_DIED;
	if (tess_proc_alive(st->sup_pid, st->sup_start))
		return TESS_LIVE_RUNNING;
	return TESS_LIVE_DIED;
}

void tess_inst_state_text(const struct tess_inst *st, enum tess_inst_live l, char *buf,
			  size_t len)
{
	switch (l) {
	case TESS_LIVE_RUNNING:
		snprintf(buf, len, "running");
		break;
	case TESS_LIVE_STARTING:
		snprintf(buf, len, "starting");
		break;
	case TESS_LIVE_DIED:
		snprintf(buf, len, "monitor died");
		break;
	case TESS_LIVE_UNKNOWN:
		snprintf(buf, len, "unknown state");
		break;
	case TESS_LIVE_ENDED:
		if (strcmp(st->result, "exited") == 0)
			snprintf(buf, len, "exited (%d)", st->status);
		else
			snprintf(buf, len, "%s", st->result);
		break;
	}
}

char *tess_inst_load(const char *name, struct tess_inst *st, enum tess_inst_live *live,
		     const char **why)
{
	char *dir;
	int r;

	tess_inst_name_check(name);
	dir = tess_inst_path(name);
	*why = NULL;
	r = tess_inst_read(dir, st, why);
	if (r == -1)
		tess_die("no instance named '%s' (see 'tess ps -a')", name);
	*live = r < 0 ? TESS_LIVE_UNKNOWN : tess_inst_live(st);
	return dir;
}

int tess_inst_remove(const char *dir, const char *name)
{
	char *gone = tess_xasprintf("%s/.rm-%s-%d", tess_inst_dir(), name, (int)getpid());
	struct dirent *e;
	DIR *d;
	int r = 0;

	/* Renamed first: the name is free at once, and a half-removed folder
	 * is never listed. */
	if (rename(dir, gone) < 0) {
		tess_err("cannot remove %s: %s", name, strerror(errno));
		free(gone);
		return -1;
	}
	d = opendir(gone);
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) < 0 && errno != ENOENT)
			r = -1;
	}
	if (d)
		closedir(d);
	if (r < 0 || rmdir(gone) < 0) {
		tess_err("cannot remove %s completely: %s (left in %s)", name, strerror(errno), gone);
		r = -1;
	}
	free(gone);
	return r;
}
