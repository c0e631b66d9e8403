/* disk.c - tess run --disk FILE[:ro] (and --block FILE[,ro]): each disk checked before anything is built. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tess.h"

/* Which file a value names: FILE:ro is FILE read-only; a name holding a
 * ':' of its own is taken whole when such a file exists; anything else
 * after the last ':' is a misspelt option when the part before it is a
 * file. sep is ':' (--disk) or ',' (--block, tvm's spelling). */
static void split(const char *opt, const char *val, char sep, char **path, int *ro)
{
	const char *colon = strrchr(val, sep);
	struct stat st;

	*ro = 0;
	*path = tess_xstrdup(val);
	if (!colon)
		return;
	if (strcmp(colon + 1, "ro") == 0) {
		(*path)[colon - val] = '\0';
		*ro = 1;
		return;
	}
	if (stat(val, &st) == 0)
		return;
	(*path)[colon - val] = '\0';
	if (stat(*path, &st) == 0)
		tess_usage("%s %s: '%s' after '%c' is not an option (only %cro, read-only)", opt, val,
			   colon + 1, sep, sep);
	strcpy(*path, val);
}

void tess_disk_add(struct tess_disks *d, const char *opt, const char *val)
{
	struct tess_disk disk;
	struct stat st;
	char *abs;
	size_t i;

	split(opt, val, strcmp(opt, "--block") == 0 ? ',' : ':', &disk.path, &disk.ro);
	if (d->n == TESS_DISKS_MAX)
		tess_usage("%s %s: at most %d disks", opt, val, TESS_DISKS_MAX);
	if (stat(disk.path, &st) < 0)
		tess_die("%s %s: %s", opt, disk.path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		tess_die("%s %s: is a folder, not a disk image file", opt, disk.path);
	if (!S_ISREG(st.st_mode))
		tess_die("%s %s: not a regular file", opt, disk.path);
	if (access(disk.path, disk.ro ? R_OK : R_OK | W_OK) < 0)
		tess_die("%s %s: %s%s", opt, disk.path, strerror(errno),
			 disk.ro || access(disk.path, R_OK) < 0 ? "" : " (read-only use: FILE:ro)");
	if (st.st_size == 0 || st.st_size % TESS_SECTOR)
		tess_die("%s %s: its size (%lld bytes) is not a positive multiple of %d bytes", opt,
			 disk.path, (long long)st.st_size, TESS_SECTOR);
	for (i = 0; i < d->n; i++)
		if (d->v[i].dev == st.st_dev && d->v[i].ino == st.st_ino)
			tess_die("%s %s: the same file as disk %zu (%s)", opt, disk.path, i + 1,
				 d->v[i].path);
	abs = tess_path_abs(disk.path);
	free(disk.path);
	disk.path = abs;
	disk.dev = st.st_dev;
	disk.ino = st.st_ino;
	d->v[d->n++] = disk;
}
