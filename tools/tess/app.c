/* app.c - finding the Tessera tree, the app folder and its build directory. */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tess.h"

/* The tree is TESSERA_ROOT, or two levels above the real path of this
 * binary (<root>/bin/tess); it must hold support/build. */
static char *find_root(void)
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

	app->root = find_root();
	if (builddir) {
		if (!*builddir)
			tess_usage("option '-O' needs a directory");
		app->builddir = tess_path_abs(builddir);
	} else {
		app->builddir = tess_path_join(app->appdir, "build");
	}
}
