/* dirent.c: opendir, readdir and closedir over ts_vfs_getdents64. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <ts/vfs.h>
#include "files.h"

_Static_assert(DT_DIR == TS_DT_DIR && DT_LNK == TS_DT_LNK && DT_REG == TS_DT_REG,
	       "d_type values differ from lib/vfs's");

struct ts_nolibc_dir {
	int fd;
	size_t pos, len;     /* the records not yet returned: buf[pos..len) */
	struct dirent entry; /* what readdir returns */
	/* 8-aligned: the records' 64-bit fields are read in place */
	_Alignas(8) char buf[2048];
};

DIR *fdopendir(int fd)
{
	struct ts_stat st;
	DIR *d;
	int r = ts_vfs_fstat(fd, &st);

	if (r == 0 && !TS_S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r < 0) {
		ts_nolibc_sysret(r);
		return NULL;
	}
	d = malloc(sizeof *d);
	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = ts_vfs_openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	DIR *d;

	if (fd < 0) {
		ts_nolibc_sysret(fd);
		return NULL;
	}
	d = fdopendir(fd);
	if (!d)
		ts_vfs_close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	const struct ts_dirent64 *rec;
	ssize_t n;
	size_t len;

	if (d->pos >= d->len) {
		n = ts_vfs_getdents64(d->fd, d->buf, sizeof d->buf);
		if (n <= 0) {
			ts_nolibc_sysret(n); /* sets errno only on an error */
			return NULL;
		}
		d->pos = 0;
		d->len = (size_t)n;
	}
	rec = (const struct ts_dirent64 *)(d->buf + d->pos);
	d->pos += rec->d_reclen;
	len = strnlen(rec->d_name, sizeof d->entry.d_name - 1);
	d->entry.d_ino = rec->d_ino;
	d->entry.d_off = rec->d_off;
	d->entry.d_type = rec->d_type;
	d->entry.d_reclen = (unsigned short)((offsetof(struct dirent, d_name) + len + 1 + 7) & ~7u);
	memcpy(d->entry.d_name, rec->d_name, len);
	d->entry.d_name[len] = '\0';
	return &d->entry;
}

void rewinddir(DIR *d)
{
	ts_vfs_lseek(d->fd, 0, TS_SEEK_SET);
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int closedir(DIR *d)
{
	int r = ts_vfs_close(d->fd);

	free(d);
	return (int)ts_nolibc_sysret(r);
}
