/* volume.c - tess run -v HOSTDIR:GUESTDIR[:ro]: checking a shared folder before anything boots. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tess.h"

/* Bytes a guest path may not hold: the kernel command line splits at
 * spaces and quotes, vfs.mount= at ':'. */
#define GUEST_BAD " \t\n\"'\\:,"

void tess_volume_parse(struct tess_volume *v, const char *opt, const char *val)
{
	char *spec = tess_xstrdup(val), *guest, *suffix, *real;
	struct stat st;

	guest = strchr(spec, ':');
	if (!guest || guest == spec)
		tess_usage("%s %s: expected HOSTDIR:GUESTDIR[:ro]", opt, val);
	*guest++ = '\0';
	suffix = strchr(guest, ':');
	v->ro = 0;
	if (suffix) {
		*suffix++ = '\0';
		if (strcmp(suffix, "ro") == 0)
			v->ro = 1;
		else if (strcmp(suffix, "rw") != 0)
			tess_usage("%s %s: unknown suffix ':%s' (only :ro or :rw)", opt, val, suffix);
	}
	if (guest[0] != '/')
		tess_usage("%s %s: GUESTDIR '%s' must be an absolute path", opt, val, guest);
	for (const char *p = guest; *p; p++)
		if (strchr(GUEST_BAD, *p) || (unsigned char)*p < 0x20)
			tess_usage("%s %s: GUESTDIR cannot hold spaces, quotes, ':' or ','", opt, val);
	if (stat(spec, &st) < 0)
		tess_die("%s %s: %s: %s", opt, val, spec, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		tess_die("%s %s: %s: not a folder", opt, val, spec);
	real = realpath(spec, NULL);
	if (!real)
		tess_die("%s %s: %s: %s", opt, val, spec, strerror(errno));
	/* QEMU's -fsdev splits at ',' and tvm's --volume takes ",ro" */
	if (strchr(real, ','))
		tess_die("%s %s: HOSTDIR %s cannot hold ','", opt, val, real);
	v->host = real;
	v->guest = tess_xstrdup(guest);
	free(spec);
}

char *tess_volume_kopt(const struct tess_volume *v, size_t n)
{
	return tess_xasprintf("vfs.mount=vol%zu:%s:9p%s", n, v->guest, v->ro ? ":ro" : "");
}
