/* gdb.c - debugging a guest: --gdb ports, the gdb command line to attach, and tess gdb. */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "instance.h"
#include "tess.h"

#define GDB_BIN "gdb"

unsigned tess_gdb_port_parse(const char *opt, const char *val)
{
	unsigned long n = 0;
	const char *p;

	for (p = val; *p >= '0' && *p <= '9' && n <= 65535; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == val || *p || n < 1 || n > 65535)
		tess_usage("%s%s: not a port number (1 to 65535)", opt, val);
	return (unsigned)n;
}

void tess_gdb_port_check(unsigned port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		tess_die("--gdb: cannot make a socket: %s", strerror(errno));
	/* As QEMU and tvm bind theirs: a port in TIME_WAIT is free. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int e = errno;

		close(fd);
		if (e == EADDRINUSE)
			tess_die("--gdb=%u: port in use on 127.0.0.1 (pick another with --gdb=PORT)",
				 port);
		tess_die("--gdb=%u: cannot listen on 127.0.0.1:%u: %s", port, port, strerror(e));
	}
	close(fd);
}

void tess_gdb_argv(const char *image, unsigned port, struct tess_vec *argv)
{
	tess_vec_push(argv, GDB_BIN);
	tess_vec_pushf(argv, "%s.dbg", image);
	tess_vec_push(argv, "-ex");
	tess_vec_pushf(argv, "target remote 127.0.0.1:%u", port);
}

void tess_gdb_hint(const char *image, unsigned port, const char *appdir, const char *builddir)
{
	struct tess_vec argv = { 0 };
	struct tess_buf b = { 0 };

	tess_gdb_argv(image, port, &argv);
	tess_buf_adds(&b, "tess: the guest waits for gdb on 127.0.0.1:");
	tess_buf_adds(&b, argv.v[argv.n - 1] + strlen("target remote 127.0.0.1:"));
	tess_buf_adds(&b, "; attach with:\n  ");
	for (size_t i = 0; i < argv.n; i++) {
		if (i)
			tess_buf_addc(&b, ' ');
		tess_shell_quote(&b, argv.v[i]);
	}
	tess_buf_adds(&b, "\nor: tess gdb ");
	tess_shell_quote(&b, appdir);
	if (builddir) {
		tess_buf_adds(&b, " -O ");
		tess_shell_quote(&b, builddir);
	}
	if (port != TESS_GDB_PORT_DEFAULT) {
		char p[16];

		snprintf(p, sizeof(p), " --port %u", port);
		tess_buf_adds(&b, p);
	}
	tess_buf_addc(&b, '\n');
	tess_write_all(STDERR_FILENO, b.s, b.len);
	free(b.s);
}

enum { OPT_PORT = 1, OPT_HELP };

static const struct tess_opt gdb_opts[] = {
	{ OPT_PORT, 'p', "port", 1 },
	{ TESS_OPT_BUILDDIR, 'O', "build-dir", 1 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

/* 1 when arg names a background instance rather than an app folder: not
 * a folder here, a valid name, and its state folder exists. */
static int is_instance(const char *arg)
{
	struct stat st;
	char *dir;
	int r;

	if (!arg || stat(arg, &st) == 0 || !tess_inst_name_ok(arg))
		return 0;
	dir = tess_inst_path(arg);
	r = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	free(dir);
	return r;
}

/* The image of instance name, which must be running and have been
 * started with --gdb; *port becomes its gdb port. */
static char *instance_image(const char *name, unsigned *port)
{
	struct tess_inst st;
	enum tess_inst_live live;
	const char *why = NULL;
	char *dir = tess_inst_load(name, &st, &live, &why);

	free(dir);
	if (live == TESS_LIVE_UNKNOWN)
		tess_die("%s: unknown state (%s)", name, why ? why : "unreadable");
	if (st.gdb_port <= 0 || !st.image)
		tess_die("%s was not started with --gdb (tess run -d --gdb ...)", name);
	if (live != TESS_LIVE_RUNNING && live != TESS_LIVE_STARTING)
		tess_die("%s is not running; nothing to attach to", name);
	*port = (unsigned)st.gdb_port;
	return st.image;
}

int tess_cmd_gdb(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = gdb_opts };
	struct tess_app_args a = { 0 };
	struct tess_vec gargv = { 0 };
	struct tess_runconf rc;
	struct tess_app app;
	unsigned port = TESS_GDB_PORT_DEFAULT;
	const char *val;
	char *runconf, *dbg;
	int id;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		if (id == TESS_OPT_DASHDASH)
			break; /* the rest goes to gdb */
		if (tess_app_opt(&a, id, val))
			continue;
		if (id == OPT_PORT)
			port = tess_gdb_port_parse("--port ", val);
		if (id == OPT_HELP) {
			tess_help("gdb");
			return 0;
		}
	}
	if (is_instance(a.appdir)) {
		rc.image = instance_image(a.appdir, &port);
	} else {
		tess_app_resolve(&app, a.appdir, a.builddir);
		runconf = tess_path_join(app.builddir, "run.conf");
		if (access(runconf, R_OK) < 0)
			tess_die("%s: not built yet (no %s); start it with 'tess run --gdb' first",
				 app.shown, runconf);
		if (tess_runconf_load(runconf, &rc) < 0)
			return tess_fail_status;
	}
	dbg = tess_xasprintf("%s.dbg", rc.image);
	if (access(dbg, R_OK) < 0)
		tess_die("%s: %s", dbg, strerror(errno));
	if (!tess_in_path(GDB_BIN))
		tess_die("'%s' not found; install the Debian package 'gdb'", GDB_BIN);
	tess_gdb_argv(rc.image, port, &gargv);
	for (int i = p.i; id == TESS_OPT_DASHDASH && i < argc; i++)
		tess_vec_push(&gargv, argv[i]);
	/* gdb takes over the terminal and its signals: replace tess. */
	execvp(gargv.v[0], gargv.v);
	tess_die("cannot run %s: %s", GDB_BIN, strerror(errno));
}
