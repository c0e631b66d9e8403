/* automount.c: the kernel option vfs.mount=SOURCE:DIR:TYPE[:ro|:rw] — filesystems mounted at boot, before main. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/plat/lifecycle.h>
#include <ts/vfs.h>

/*
 * One option per mount; it may be repeated (the Tessfile's `mount =` lines
 * become such options, and `tess run -k` or `-v` add more). Mounts are
 * made in the order given, after the root and its initrd, so DIR may lie
 * in the initrd or in an earlier mount.
 */
#define OPTION "vfs.mount"
#define SPEC_MAX 512 /* bytes of one option's value, NUL included */

/*
 * A program must not run without the files it was promised: a bad option
 * or a failed mount is one line and the crash status, as a bad initrd is.
 */
static _Noreturn void stop(const char *spec, const char *what, int err)
{
	fflush(stdout);
	if (err)
		fprintf(stderr, "%s=%s: %s: %s\n", OPTION, spec, what, strerror(-err));
	else
		fprintf(stderr, "%s=%s: %s\n", OPTION, spec, what);
	ts_plat_halt(TS_EXIT_CRASH);
}

/* mkdir -p dir (an absolute path, modified in place and restored). */
static int make_dirs(char *dir)
{
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		int r = ts_vfs_mkdirat(TS_AT_FDCWD, dir, 0755);
		*p = c;
		if (r < 0 && r != -EEXIST)
			return r;
		if (!c)
			return 0;
	}
}

/* Split "SOURCE:DIR:TYPE[:ro|:rw]" (a copy in buf) into its fields. */
static void parse(const char *spec, char *buf, char **src, char **dir, char **type,
		  unsigned long *flags)
{
	char *opt;

	if (strlen(spec) >= SPEC_MAX)
		stop(spec, "too long", 0);
	strcpy(buf, spec);
	*src = buf;
	*dir = strchr(buf, ':');
	*type = *dir ? strchr(*dir + 1, ':') : NULL;
	if (!*type)
		stop(spec, "expected SOURCE:DIR:TYPE[:ro]", 0);
	*(*dir)++ = '\0';
	*(*type)++ = '\0';
	opt = strchr(*type, ':');
	*flags = 0;
	if (opt) {
		*opt++ = '\0';
		if (strcmp(opt, "ro") == 0)
			*flags = TS_MS_RDONLY;
		else if (strcmp(opt, "rw") != 0)
			stop(spec, "the option after TYPE must be ro or rw", 0);
	}
	if (!**src || **dir != '/' || !**type)
		stop(spec, "expected SOURCE:DIR:TYPE[:ro] with DIR an absolute path", 0);
}

static int vfs_automount(void)
{
	char buf[SPEC_MAX];
	const char *spec;

	for (unsigned int i = 0; (spec = ts_boot_param_nth(OPTION, i)) != NULL; i++) {
		char *src, *dir, *type;
		unsigned long flags;
		int r;

		parse(spec, buf, &src, &dir, &type, &flags);
		r = make_dirs(dir);
		if (r < 0)
			stop(spec, "cannot create the mount point", r);
		r = ts_vfs_mount(src, dir, type, flags, NULL);
		if (r == -ENODEV)
			stop(spec, "no such filesystem type in this image (or no such device)", r);
		if (r < 0)
			stop(spec, "cannot mount", r);
	}
	return 0;
}
/* After the root (priority 0) and the initrd (5) at the same level. */
TS_INITCALL(vfs_automount, TS_INIT_ROOTFS, 8);
