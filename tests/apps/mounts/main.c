/* main.c: for each path argument print "PATH: mount|same, rw|ro|ERROR" (vfs.mount= tests). */
#include <stdio.h>
#include <string.h>
#include <ts/vfs.h>

/* A mount of its own has a device number other than its parent's. */
static const char *kind(const char *path)
{
	struct ts_stat st, up;
	char parent[512];

	snprintf(parent, sizeof parent, "%s/..", path);
	if (ts_vfs_fstatat(TS_AT_FDCWD, path, &st, 0) < 0 ||
	    ts_vfs_fstatat(TS_AT_FDCWD, parent, &up, 0) < 0)
		return "missing";
	return st.st_dev != up.st_dev ? "mount" : "same";
}

/* Can a file be created there? "rw", "ro" (EROFS) or the error. */
static const char *writable(const char *path)
{
	static char err[32];
	char file[512];
	int fd;

	snprintf(file, sizeof file, "%s/.probe", path);
	fd = ts_vfs_openat(TS_AT_FDCWD, file, TS_O_WRONLY | TS_O_CREAT, 0644);
	if (fd >= 0) {
		ts_vfs_close(fd);
		return "rw";
	}
	if (fd == -30) /* EROFS */
		return "ro";
	snprintf(err, sizeof err, "error %d", -fd);
	return err;
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++)
		printf("%s: %s, %s\n", argv[i], kind(argv[i]), writable(argv[i]));
	return 0;
}
