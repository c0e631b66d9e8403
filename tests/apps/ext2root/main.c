/* main.c: list the names in / (an ext2 disk mounted by LIBEXT2_ROOT) and write /from-the-guest. */
#include <stdio.h>
#include <string.h>
#include <ts/vfs.h>

int main(void)
{
	static char buf[4096];
	struct ts_stat st;
	ssize_t n;
	int fd = ts_vfs_openat(TS_AT_FDCWD, "/", TS_O_RDONLY | TS_O_DIRECTORY, 0);

	while (fd >= 0 && (n = ts_vfs_getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct ts_dirent64 *d = (struct ts_dirent64 *)(buf + off);

			off += d->d_reclen;
			printf("name %s\n", d->d_name);
		}
	}
	if (fd >= 0)
		ts_vfs_close(fd);
	fd = ts_vfs_openat(TS_AT_FDCWD, "/from-the-guest", TS_O_WRONLY | TS_O_CREAT, 0644);
	if (fd < 0 || ts_vfs_write(fd, "root on ext2\n", 13) != 13 || ts_vfs_close(fd)) {
		printf("ext2root: FAIL writing /from-the-guest\n");
		return 1;
	}
	if (ts_vfs_fstatat(TS_AT_FDCWD, "/", &st, 0) || !TS_S_ISDIR(st.st_mode))
		return 1;
	printf("ext2root: ok, / has %llu links\n", (unsigned long long)st.st_nlink);
	return 0; /* no unmount: the exit writes the disk back */
}
