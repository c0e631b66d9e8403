/* main.c: list every name under / with its type, permissions, times, links, size, cksum or target. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/vfs.h>
#include "../cksum.h"

/*
 * One line per name below "/", in directory order (tests/run sorts):
 *   d PERM MTIME PATH
 *   f PERM MTIME NLINK SIZE CKSUM PATH   (CKSUM: POSIX cksum's CRC)
 *   l TARGET PATH
 * then "rootfs: N names".
 */

static long count;

static void show(const char *path)
{
	struct ts_stat st;
	static char target[4096];
	ssize_t n;

	count++;
	if (ts_vfs_fstatat(TS_AT_FDCWD, path, &st, TS_AT_SYMLINK_NOFOLLOW) < 0) {
		printf("? %s\n", path);
		return;
	}
	if (TS_S_ISLNK(st.st_mode)) {
		n = ts_vfs_readlinkat(TS_AT_FDCWD, path, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		printf("l %s %s\n", target, path);
	} else if (TS_S_ISDIR(st.st_mode)) {
		printf("d %o %lld %s\n", st.st_mode & 07777, (long long)st.st_mtim.tv_sec, path);
	} else {
		printf("f %o %lld %llu %lld %lu %s\n", st.st_mode & 07777,
		       (long long)st.st_mtim.tv_sec, (unsigned long long)st.st_nlink,
		       (long long)st.st_size, (unsigned long)cksum_file(path), path);
	}
}

/* Walk dir (a path without a trailing '/', "" for the root) depth first;
 * each level has its own buffer (heap, not the thread's small stack). */
static void walk(const char *dir)
{
	char *buf = malloc(4096), *path = malloc(4096);
	int fd = ts_vfs_openat(TS_AT_FDCWD, *dir ? dir : "/", TS_O_RDONLY | TS_O_DIRECTORY, 0);
	ssize_t n;

	while (fd >= 0 && buf && path && (n = ts_vfs_getdents64(fd, buf, 4096)) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(path, 4096, "%s/%s", dir, d->d_name);
			show(path);
			if (d->d_type == TS_DT_DIR)
				walk(path);
		}
	}
	if (fd >= 0)
		ts_vfs_close(fd);
	free(buf);
	free(path);
}

int main(void)
{
	walk("");
	printf("rootfs: %ld names\n", count);
	return 0;
}
