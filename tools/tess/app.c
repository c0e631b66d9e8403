/* app.c - finding the Tessera tree, the app folder and its build directory. */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tess.h"

/* The tree is TESSERA_ROOT, or two levels above the real path of this
 * binary (<root>/bin/tess); it must hold support/build. */
char *tess_find_root(void)
{
	const char *env = getenv("TESSERA_ROOT");
	char *root, *build;

	if (env && *env) {
		root = realpath(env, NULL);
		if (!root)
			tess_die("TESSERA_ROOT=%s: %s", env, strerror(errno));
	} else {
		char *exe = realpath("/proc/self/exe", NULL);

		if (!exe)
			tess_die("cannot find the tess binary (/proc/self/exe): %s; set TESSERA_ROOT",
				 strerror(errno));
		/* dirname() edits in place and may return a static string. */
		root = tess_xstrdup(dirname(dirname(exe)));
		free(exe);
	}
	build = tess_path_join(root, "support/build");
	if (!tess_is_dir(build)) {
		if (env && *env)
			tess_die("%s: not a Tessera source tree (no support/build; check TESSERA_ROOT)",
				 root);
		tess_die("%s: not a Tessera source tree (no support/build); set TESSERA_ROOT", root);
	}
	free(build);
	return root;
}

/*
 * make splits words at spaces, and ':', '%', ',' and the shell's special
 * characters break its rules and recipes. Die, before make runs, if path
 * holds one; advice says what to do instead. support/build/lock.mk refuses
 * the same for plain make.
 */
static void check_make_safe(const char *path, const char *advice)
{
	static const char special[] = ":%,&'\"();|<>$\\`*?[]";
	const char *p;

	for (p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == ' ')
			tess_die("%s: make cannot handle spaces in paths; %s", path, advice);
		if (c < 0x20 || c == 0x7f)
			tess_die("%s: make cannot handle control characters (tabs, newlines, ...) "
				 "in paths; %s", path, advice);
		if (strchr(special, c))
			tess_die("%s: make cannot handle '%c' in paths; %s", path, c, advice);
	}
}

void tess_app_resolve(struct tess_app *app, const char *appdir, const char *builddir)
{
	const char *arg = appdir ? appdir : ".";
	char *tessfile;
	struct stat st;

	app->plat = NULL; /* the configuration decides unless a command sets it */
	app->appdir = realpath(arg, NULL);
	if (!app->appdir)
		tess_die("%s: %s", arg, strerror(errno));
	/* Name the folder the way the user did; the default by its path. */
	app->shown = appdir ? appdir : app->appdir;
	if (!tess_is_dir(app->appdir))
		tess_die("%s: not a directory", app->shown);
	tessfile = tess_path_join(app->appdir, "Tessfile");
	if (stat(tessfile, &st) != 0 || S_ISDIR(st.st_mode))
		tess_die("%s: not a Tessera app (no Tessfile)", app->shown);
	free(tessfile);

	app->root = tess_find_root();
	if (builddir) {
		if (!*builddir)
			tess_usage("option '-O' needs a directory");
		app->builddir = tess_path_abs(builddir);
	} else {
		app->builddir = tess_path_join(app->appdir, "build");
	}
	check_make_safe(app->root, "move the Tessera tree to a path without them");
	check_make_safe(app->appdir, "move the app to a path without them");
	check_make_safe(app->builddir, "choose a build folder (-O) without them");
}
