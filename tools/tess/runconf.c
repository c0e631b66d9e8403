/* runconf.c - reading BUILDDIR/run.conf, the build system's description of how to boot the app. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tess.h"

#define MAX_LINES 1000 /* the file has five keys; anything huge is broken */

static int parse_kib(const char *s, uint64_t *kib)
{
	uint64_t n = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (uint64_t)(*p - '0');
		if (n > TESS_MEM_MAX_KIB)
			return -1;
	}
	if (p == s || *p || n == 0)
		return -1;
	*kib = n;
	return 0;
}

/* Store one key=value; unknown keys are ignored (newer build systems). */
static int set_key(struct tess_runconf *rc, const char *path, unsigned lineno,
		   const char *key, const char *val)
{
	char **dst = NULL;

	if (strcmp(key, "name") == 0)
		dst = &rc->name;
	else if (strcmp(key, "image") == 0)
		dst = &rc->image;
	else if (strcmp(key, "args") == 0)
		dst = &rc->args;
	else if (strcmp(key, "kernel_args") == 0)
		dst = &rc->kernel_args;
	else if (strcmp(key, "rootfs") == 0)
		dst = &rc->rootfs;
	else if (strcmp(key, "console_tty") == 0) {
		rc->console_tty = strcmp(val, "y") == 0;
		return 0;
	} else if (strcmp(key, "memory_kib") == 0) {
		if (parse_kib(val, &rc->memory_kib) < 0) {
			tess_err("%s:%u: memory_kib=%s: not a memory size in KiB (1 to %llu)",
				 path, lineno, val, (unsigned long long)TESS_MEM_MAX_KIB);
			return -1;
		}
		return 0;
	}
	if (dst) {
		free(*dst);
		*dst = tess_xstrdup(val);
	}
	return 0;
}

static int parse_line(struct tess_runconf *rc, const char *path, unsigned lineno,
		      char *line, size_t len)
{
	char *eq;

	if (strlen(line) != len) {
		tess_err("%s:%u: NUL byte in line", path, lineno);
		return -1;
	}
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (!len || line[0] == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq || eq == line) {
		tess_err("%s:%u: expected key=value", path, lineno);
		return -1;
	}
	*eq = '\0';
	return set_key(rc, path, lineno, line, eq + 1);
}

int tess_runconf_load(const char *path, struct tess_runconf *rc)
{
	unsigned lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int ret = 0;

	memset(rc, 0, sizeof(*rc));
	f = fopen(path, "re");
	if (!f) {
		tess_err("%s: %s (the build should have written it)", path, strerror(errno));
		return -1;
	}
	while (ret == 0 && (len = getline(&line, &cap, f)) >= 0) {
		if (++lineno > MAX_LINES) {
			tess_err("%s: too many lines", path);
			ret = -1;
			break;
		}
		ret = parse_line(rc, path, lineno, line, (size_t)len);
	}
	if (ret == 0 && ferror(f)) {
		tess_err("%s: %s", path, strerror(errno));
		ret = -1;
	}
	free(line);
	fclose(f);
	if (ret)
		return ret;

	if (!rc->name || !*rc->name || !rc->image || !*rc->image || !rc->memory_kib) {
		tess_err("%s: no %s= line", path,
			 !rc->name || !*rc->name ? "name" :
			 !rc->image || !*rc->image ? "image" : "memory_kib");
		return -1;
	}
	if (rc->image[0] != '/') {
		/* Relative paths are taken relative to the build directory. */
		char *dir = tess_xstrdup(path), *slash = strrchr(dir, '/');
		char *abs;

		if (slash)
			*slash = '\0';
		abs = slash ? tess_path_join(dir, rc->image) : tess_path_abs(rc->image);
		free(rc->image);
		free(dir);
		rc->image = abs;
	}
	if (!rc->args)
		rc->args = tess_xstrdup("");
	if (!rc->kernel_args)
		rc->kernel_args = tess_xstrdup("");
	if (!rc->rootfs)
		rc->rootfs = tess_xstrdup("");
	return 0;
}
