/* instance-cmds.c - tess ps, tess stop and tess rm: listing, stopping and removing background instances. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "instance.h"

#define STOP_DEFAULT_S 10
#define STOP_MAX_S 86400
#define POLL_MS 20
#define KILL_WAIT_MS 5000 /* after SIGKILL: the supervisor records the end */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- tess ps ---- */

enum { OPT_HELP = 1, OPT_ALL, OPT_FORMAT, OPT_TIME, OPT_FORCE };

static const struct tess_opt ps_opts[] = {
	{ OPT_ALL, 'a', "all", 0 },
	{ OPT_FORMAT, 0, "format", 1 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

struct row {
	struct tess_inst st;
	enum tess_inst_live live;
	const char *why; /* unknown state: the reason */
	char *name;      /* the folder's name */
	char state[64];
};

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->st.created != y->st.created)
		return x->st.created < y->st.created ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* "45s", "12m", "3h", "2d": the largest unit that is at least 1. */
static void fmt_age(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, len, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm", (long long)(s / 60));
	else if (s < 86400)
		snprintf(buf, len, "%lldh", (long long)(s / 3600));
	else
		snprintf(buf, len, "%lldd", (long long)(s / 86400));
}

/* A JSON string (the values are one line; control characters escaped). */
static void json_str(struct tess_buf *b, const char *s)
{
	if (!s) {
		tess_buf_adds(b, "null");
		return;
	}
	tess_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '"' || c == '\\') {
			tess_buf_addc(b, '\\');
			tess_buf_addc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			tess_buf_adds(b, esc);
		} else {
			tess_buf_addc(b, (char)c);
		}
	}
	tess_buf_addc(b, '"');
}

static void json_num(struct tess_buf *b, const char *key, long long v, int present)
{
	char num[64];

	if (present)
		snprintf(num, sizeof(num), "\"%s\": %lld", key, v);
	else
		snprintf(num, sizeof(num), "\"%s\": null", key);
	tess_buf_adds(b, num);
}

static void json_field(struct tess_buf *b, const char *key, const char *val)
{
	tess_buf_addc(b, '"');
	tess_buf_adds(b, key);
	tess_buf_adds(b, "\": ");
	json_str(b, val);
}

/* One object; the fields are documented in docs/tess.md (tess ps). */
static void json_row(struct tess_buf *b, const struct row *r, int64_t now)
{
	const struct tess_inst *st = &r->st;
	int known = r->live != TESS_LIVE_UNKNOWN, running = r->live == TESS_LIVE_RUNNING;
	int ended = r->live == TESS_LIVE_ENDED;

	tess_buf_adds(b, "{");
	json_field(b, "name", r->name);
	tess_buf_adds(b, ", ");
	json_field(b, "app", known ? st->app : NULL);
	tess_buf_adds(b, ", ");
	json_field(b, "monitor", known ? st->vmm : NULL);
	tess_buf_adds(b, ", ");
	json_field(b, "state", r->state);
	tess_buf_adds(b, ", ");
	json_num(b, "status", st->status, ended);
	tess_buf_adds(b, ", ");
	json_num(b, "memory_kib", (long long)st->mem_kib, known);
	tess_buf_adds(b, ", ");
	json_num(b, "created", st->created, known);
	tess_buf_adds(b, ", ");
	json_num(b, "started", st->started, known && st->started > 0);
	tess_buf_adds(b, ", ");
	json_num(b, "ended", st->ended, ended && st->ended > 0);
	tess_buf_adds(b, ", ");
	json_num(b, "uptime_s", now - st->started, running && st->started > 0);
	tess_buf_adds(b, ", ");
	json_num(b, "pid", st->mon_pid, running && st->mon_pid > 0);
	tess_buf_adds(b, ", \"ports\": []");
	tess_buf_adds(b, ", ");
	json_field(b, "image", known ? st->image : NULL);
	tess_buf_adds(b, ", ");
	json_field(b, "dbg", known ? st->dbg : NULL);
	tess_buf_adds(b, ", ");
	json_num(b, "gdb_port", st->gdb_port, known && st->gdb_port > 0);
	tess_buf_adds(b, ", ");
	json_field(b, "message", r->live == TESS_LIVE_UNKNOWN ? r->why : NULL);
	tess_buf_adds(b, "}");
}

static void table_row(struct tess_buf *b, const struct row *r, int64_t now)
{
	const struct tess_inst *st = &r->st;
	char mem[32] = "-", age[32] = "-", line[1024];
	const char *app = st->app ? st->app : "-";

	if (r->live == TESS_LIVE_UNKNOWN) {
		snprintf(line, sizeof(line), "%-24s %-20s %-7s %-14s %-7s %-8s %s (%s)\n", r->name, "-",
			 "-", r->state, "-", "-", "", r->why);
		tess_buf_adds(b, line);
		return;
	}
	tess_memsize_format(st->mem_kib, mem, sizeof(mem));
	if (r->live == TESS_LIVE_RUNNING && st->started > 0)
		fmt_age(now - st->started, age, sizeof(age));
	else if (r->live == TESS_LIVE_ENDED && st->ended > 0) {
		fmt_age(now - st->ended, age, sizeof(age) - 4);
		strcat(age, " ago");
	}
	snprintf(line, sizeof(line), "%-24s %-20s %-7s %-14s %-7s %-8s %s\n", r->name, app, st->vmm,
		 r->state, mem, age, st->ports ? st->ports : "");
	tess_buf_adds(b, line);
}

/* Read every instance of the state folder into *rows (folders whose name
 * starts with '.' are work in progress and skipped). */
static size_t read_all(struct row **rows)
{
	DIR *d = opendir(tess_inst_dir());
	struct dirent *e;
	size_t n = 0, cap = 0;

	if (!d)
		tess_die("%s: %s", tess_inst_dir(), strerror(errno));
	while ((e = readdir(d))) {
		struct row *r;
		char *dir;
		int rc;

		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = tess_xrealloc(*rows, cap * sizeof(**rows));
		}
		r = &(*rows)[n];
		memset(r, 0, sizeof(*r));
		dir = tess_path_join(tess_inst_dir(), e->d_name);
		rc = tess_inst_read(dir, &r->st, &r->why);
		free(dir);
		if (rc == -1)
			continue; /* removed meanwhile */
		r->name = tess_xstrdup(e->d_name);
		r->live = rc < 0 ? TESS_LIVE_UNKNOWN : tess_inst_live(&r->st);
		tess_inst_state_text(&r->st, r->live, r->state, sizeof(r->state));
		n++;
	}
	closedir(d);
	qsort(*rows, n, sizeof(**rows), row_cmp);
	return n;
}

int tess_cmd_ps(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = ps_opts };
	struct tess_buf b = { 0 };
	struct row *rows = NULL;
	int all = 0, json = 0, first = 1;
	int64_t now = (int64_t)time(NULL);
	const char *val;
	size_t n, i;
	int id;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		switch (id) {
		case OPT_ALL:
			all = 1;
			break;
		case OPT_FORMAT:
			if (strcmp(val, "json") != 0 && strcmp(val, "table") != 0)
				tess_usage("--format %s: not supported; valid: table, json", val);
			json = strcmp(val, "json") == 0;
			break;
		case OPT_HELP:
			tess_help("ps");
			exit(0);
		default:
			tess_usage("unexpected argument '%s'", val);
		}
	}
	n = read_all(&rows);
	if (json)
		tess_buf_adds(&b, "[");
	else
		tess_buf_adds(&b, "NAME                     APP                  MONITOR STATE          MEMORY  UPTIME   PORTS\n");
	for (i = 0; i < n; i++) {
		if (!all && rows[i].live != TESS_LIVE_RUNNING && rows[i].live != TESS_LIVE_STARTING)
			continue;
		if (json) {
			tess_buf_adds(&b, first ? "\n  " : ",\n  ");
			json_row(&b, &rows[i], now);
		} else {
			table_row(&b, &rows[i], now);
		}
		first = 0;
	}
	if (json)
		tess_buf_adds(&b, first ? "]\n" : "\n]\n");
	if (b.len && fwrite(b.s, 1, b.len, stdout) != b.len)
		return TESS_EXIT_FAIL;
	return fflush(stdout) == 0 ? 0 : TESS_EXIT_FAIL;
}

/* ---- tess stop ---- */

static unsigned parse_seconds(const char *val)
{
	unsigned long n = 0;
	const char *p;

	for (p = val; *p >= '0' && *p <= '9' && n <= STOP_MAX_S; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == val || *p || n > STOP_MAX_S)
		tess_usage("-t %s: not a number of seconds (0 to %d)", val, STOP_MAX_S);
	return (unsigned)n;
}

/* Wait up to ms for the supervisor to end; 1 if it has. */
static int wait_gone(const struct tess_inst *st, long ms)
{
	for (;;) {
		if (!tess_proc_alive(st->sup_pid, st->sup_start))
			return 1;
		if (ms <= 0)
			return 0;
		sleep_ms(POLL_MS);
		ms -= POLL_MS;
	}
}

/* The end of a stop: wait until the deadline (ms, monotonic) for the
 * supervisor to end, then kill the monitor (recorded as "killed"). */
static void stop_finish(const struct tess_inst *st, long long deadline)
{
	long long left = deadline - now_ms();

	if (wait_gone(st, left > 0 ? (long)left : 0))
		return;
	if (tess_proc_alive(st->mon_pid, st->mon_start))
		kill(st->mon_pid, SIGKILL);
	if (wait_gone(st, KILL_WAIT_MS))
		return;
	kill(st->sup_pid, SIGKILL); /* a hung supervisor: its monitor dies with it */
	wait_gone(st, KILL_WAIT_MS);
}

int tess_inst_stop(const char *dir, struct tess_inst *st, unsigned timeout_s)
{
	(void)dir;
	/* The supervisor asks the guest (QEMU's control port, or SIGTERM to
	 * tvm); the guest runs its fini handlers and exits. */
	kill(st->sup_pid, SIGTERM);
	stop_finish(st, now_ms() + (long long)timeout_s * 1000);
	return 0;
}

/* Refuse anything but a running instance, in one line. */
static void not_running(const char *name, enum tess_inst_live live, const char *state,
			const char *why)
{
	if (live == TESS_LIVE_UNKNOWN)
		tess_die("%s: unknown state (%s); nothing to stop ('tess rm %s' removes it)", name,
			 why, name);
	tess_die("%s is not running (%s); nothing to stop", name, state);
}

static const struct tess_opt stop_opts[] = {
	{ OPT_TIME, 't', "time", 1 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

int tess_cmd_stop(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = stop_opts };
	unsigned timeout_s = STOP_DEFAULT_S;
	struct tess_vec names = { 0 };
	const char *val;
	int id, status = 0;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		switch (id) {
		case TESS_OPT_POSITIONAL:
			tess_inst_name_check(val);
			tess_vec_push(&names, val);
			break;
		case TESS_OPT_DASHDASH:
			p.only_positional = 1;
			break;
		case OPT_TIME:
			timeout_s = parse_seconds(val);
			break;
		case OPT_HELP:
			tess_help("stop");
			exit(0);
		}
	}
	if (!names.n)
		tess_usage("which instance? (tess stop NAME...)");
	/* All are checked, then all asked at once, then waited for with one
	 * deadline: stopping many takes the time of the slowest. */
	struct tess_inst *sts = tess_xmalloc(names.n * sizeof(*sts));
	for (size_t i = 0; i < names.n; i++) {
		enum tess_inst_live live;
		const char *why;
		char state[64];
		char *dir = tess_inst_load(names.v[i], &sts[i], &live, &why);

		tess_inst_state_text(&sts[i], live, state, sizeof(state));
		if (live != TESS_LIVE_RUNNING)
			not_running(names.v[i], live, state, why);
		free(dir);
	}
	for (size_t i = 0; i < names.n; i++)
		kill(sts[i].sup_pid, SIGTERM);
	long long deadline = now_ms() + (long long)timeout_s * 1000;
	for (size_t i = 0; i < names.n; i++) {
		stop_finish(&sts[i], deadline);
		printf("%s\n", names.v[i]);
		fflush(stdout);
		tess_inst_free(&sts[i]);
	}
	free(sts);
	return status;
}

/* ---- tess rm ---- */

static const struct tess_opt rm_opts[] = {
	{ OPT_FORCE, 'f', "force", 0 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

/* Remove one instance; 0, or 1 after a one-line error. */
static int rm_one(const char *name, int force)
{
	struct tess_inst st;
	enum tess_inst_live live;
	const char *why;
	char *dir = tess_inst_load(name, &st, &live, &why);
	int r = 0;

	if (live == TESS_LIVE_RUNNING || live == TESS_LIVE_STARTING) {
		if (!force) {
			tess_err("%s is running (stop it first: 'tess stop %s', or 'tess rm -f %s')",
				 name, name, name);
			r = 1;
			goto out;
		}
		if (live == TESS_LIVE_RUNNING)
			tess_inst_stop(dir, &st, STOP_DEFAULT_S);
	}
	if (tess_inst_remove(dir, name) < 0)
		r = 1;
out:
	tess_inst_free(&st);
	free(dir);
	return r;
}

int tess_cmd_rm(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = rm_opts };
	struct tess_vec names = { 0 };
	const char *val;
	int id, force = 0, status = 0;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		switch (id) {
		case TESS_OPT_POSITIONAL:
			tess_inst_name_check(val);
			tess_vec_push(&names, val);
			break;
		case TESS_OPT_DASHDASH:
			p.only_positional = 1;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_HELP:
			tess_help("rm");
			exit(0);
		}
	}
	if (!names.n)
		tess_usage("which instance? (tess rm NAME...)");
	for (size_t i = 0; i < names.n; i++) {
		if (rm_one(names.v[i], force))
			status = TESS_EXIT_FAIL;
		else
			printf("%s\n", names.v[i]);
	}
	return status;
}
