/* build.c - driving the build system through make: tess build, menu and clean. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tess.h"

#define MAX_JOBS 1024

/*
 * Drop make's own failure chatter ("make[1]: *** [Makefile:9: all] Error 1",
 * "make: *** Waiting for unfinished jobs....", "make: *** Deleting file ..."):
 * the build system has already printed a one-line error. Other "***" lines
 * ("No rule to make target", "Stop.") are make's only word on a real
 * problem and are kept.
 */
/*
 * make's own fatal messages ("app.mk:118: *** <message>.  Stop.", from the
 * build system's parse-time checks) become "error: <message>": the file and
 * line of the makefile mean nothing to the user.
 */
static int make_fatal_line(const char *line, size_t len)
{
	static const char stop[] = ".  Stop.";
	const char *star = memmem(line, len, ": *** ", 6);
	size_t n = sizeof(stop) - 1;

	if (!star || len < n || memcmp(line + len - n, stop, n) != 0)
		return 0;
	star += 6;
	fprintf(stderr, "error: %.*s\n", (int)(line + len - n - star), star);
	return 1;
}

static int make_line(void *ctx, const char *line, size_t len)
{
	static const char *const noise[] = {
		"[", "Waiting for unfinished jobs", "Deleting ",
	};
	const char *p = line, *end = line + len;
	size_t i;

	(void)ctx;
	if (make_fatal_line(line, len))
		return TESS_LINE_DROP;
	if (len < 4 || memcmp(p, "make", 4) != 0)
		return TESS_LINE_KEEP;
	p += 4;
	if (p < end && *p == '[') {
		const char *digits = ++p;

		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == digits || p >= end || *p != ']')
			return TESS_LINE_KEEP;
		p++;
	}
	if ((size_t)(end - p) < 6 || memcmp(p, ": *** ", 6) != 0)
		return TESS_LINE_KEEP;
	p += 6;
	for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++) {
		size_t n = strlen(noise[i]);

		if ((size_t)(end - p) >= n && memcmp(p, noise[i], n) == 0)
			return TESS_LINE_DROP;
	}
	return TESS_LINE_KEEP;
}

int tess_make(const struct tess_app *app, const char *target, unsigned jobs, int verbose)
{
	struct tess_child_opts o = { .filter = make_line };
	struct tess_child_result res;
	struct tess_vec argv = { 0 };
	int interactive = target && strcmp(target, "menu") == 0;

	tess_vec_push(&argv, "make");
	tess_vec_push(&argv, "-C");
	tess_vec_push(&argv, app->root);
	tess_vec_push(&argv, "--no-print-directory");
	if (!verbose)
		tess_vec_push(&argv, "-s");
	tess_vec_pushf(&argv, "A=%s", app->appdir);
	tess_vec_pushf(&argv, "O=%s", app->builddir);
	if (jobs)
		tess_vec_pushf(&argv, "-j%u", jobs);
	if (verbose)
		tess_vec_push(&argv, "V=1");
	if (app->plat)
		tess_vec_pushf(&argv, "TS_PLAT=%s", app->plat);
	if (target)
		tess_vec_push(&argv, target);

	/* A fresh make: a caller's jobserver (tess run inside a make recipe)
	 * would only draw "-j forced in submake" warnings. */
	unsetenv("MAKEFLAGS");
	unsetenv("MFLAGS");
	unsetenv("MAKELEVEL");
	/* The menu owns the terminal: stderr too, unfiltered. */
	if (interactive)
		o.filter = NULL;
	if (tess_child_run(argv.v, &o, &res) < 0) {
		if (errno == ENOENT)
			tess_err("'make' not found; install the Debian package 'make'");
		else
			tess_err("cannot run make: %s", strerror(errno));
		return tess_fail_status;
	}
	if (res.signal)
		return 128 + res.signal;
	if (WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0)
		return 0;
	if (WIFSIGNALED(res.status))
		tess_err("make killed by signal %d", WTERMSIG(res.status));
	return tess_fail_status;
}

unsigned tess_ncpus(void)
{
	cpu_set_t set;
	long n;

	/* Honour taskset/cgroup CPU limits, not just the machine's count. */
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

unsigned tess_parse_jobs(const char *s)
{
	unsigned long n = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9' && n <= MAX_JOBS; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == s || *p || n < 1 || n > MAX_JOBS)
		tess_usage("-j %s: not a number of jobs (1 to %d)", s, MAX_JOBS);
	return (unsigned)n;
}

int tess_parse_vmm_is_tvm(const char *val)
{
	if (strcmp(val, "tvm") && strcmp(val, "qemu"))
		tess_usage("--vmm %s: not supported; valid: qemu, tvm", val);
	return strcmp(val, "tvm") == 0;
}

int tess_app_opt(struct tess_app_args *a, int id, const char *val)
{
	switch (id) {
	case TESS_OPT_POSITIONAL:
		if (a->appdir)
			tess_usage("unexpected argument '%s'", val);
		a->appdir = val;
		return 1;
	case TESS_OPT_BUILDDIR:
		a->builddir = val;
		return 1;
	case TESS_OPT_JOBS:
		a->jobs = tess_parse_jobs(val);
		return 1;
	case TESS_OPT_VERBOSE:
		a->verbose = 1;
		return 1;
	}
	return 0;
}

enum { OPT_HELP = 1, OPT_VMM };

static const struct tess_opt build_opts[] = {
	{ TESS_OPT_BUILDDIR, 'O', "build-dir", 1 },
	{ OPT_VMM, 0, "vmm", 1 },
	{ TESS_OPT_JOBS, 'j', "jobs", 1 },
	{ TESS_OPT_VERBOSE, 'v', "verbose", 0 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

/* menu and clean: the same minus --vmm, -j and -v. */
static const struct tess_opt dir_opts[] = {
	{ TESS_OPT_BUILDDIR, 'O', "build-dir", 1 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

struct simple_args {
	struct tess_app_args c;
	const char *plat; /* --vmm tvm|qemu -> "tvm"|"kvm"; NULL: the configuration's */
};

static void parse_simple(int argc, char **argv, const struct tess_opt *opts,
			 struct simple_args *a)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = opts };
	const char *val;
	int id;

	memset(a, 0, sizeof(*a));
	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		if (tess_app_opt(&a->c, id, val))
			continue;
		switch (id) {
		case TESS_OPT_DASHDASH:
			p.only_positional = 1;
			break;
		case OPT_VMM:
			a->plat = tess_parse_vmm_is_tvm(val) ? "tvm" : "kvm";
			break;
		case OPT_HELP:
			tess_help(tess_cmd);
			exit(0);
		}
	}
}

int tess_cmd_build(int argc, char **argv)
{
	struct simple_args a = { 0 };
	struct tess_app app;

	parse_simple(argc, argv, build_opts, &a);
	tess_app_resolve(&app, a.c.appdir, a.c.builddir);
	app.plat = a.plat;
	return tess_make(&app, NULL, a.c.jobs ? a.c.jobs : tess_ncpus(), a.c.verbose);
}

/* menu and clean: an app folder, a build directory, one make target. */
static int make_target(int argc, char **argv, const char *target, int need_tty)
{
	struct simple_args a = { 0 };
	struct tess_app app;

	parse_simple(argc, argv, dir_opts, &a);
	tess_app_resolve(&app, a.c.appdir, a.c.builddir);
	/* kconfig-mconf spins forever without a terminal; say so instead. */
	if (need_tty && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		tess_die("menu needs a terminal (standard input and output must be one)");
	return tess_make(&app, target, 0, 0);
}

int tess_cmd_menu(int argc, char **argv)
{
	return make_target(argc, argv, "menu", 1);
}

int tess_cmd_clean(int argc, char **argv)
{
	return make_target(argc, argv, "clean", 0);
}
