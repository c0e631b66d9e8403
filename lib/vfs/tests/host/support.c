/* support.c: helpers shared by the VFS and ramfs host tests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "support.h"

int64_t fake_clock_ns = 1700000000ll * 1000000000ll;

int64_t ts_plat_wallclock_ns(void)
{
	return __atomic_add_fetch(&fake_clock_ns, 1000, __ATOMIC_RELAXED);
}

uint64_t ts_plat_monotonic_ns(void)
{
	return (uint64_t)ts_plat_wallclock_ns();
}

int put_file(const char *path, const char *data)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_WRONLY | TS_O_CREAT | TS_O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = ts_vfs_write(fd, data, strlen(data));
	ts_vfs_close(fd);
	return n < 0 ? (int)n : 0;
}

ssize_t get_file(const char *path, char *buf, size_t size)
{
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);
	ssize_t n, total = 0;

	if (fd < 0)
		return fd;
	while ((size_t)total < size - 1 && (n = ts_vfs_read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	buf[total] = '\0';
	ts_vfs_close(fd);
	return total;
}

struct ts_stat stat_of(const char *path)
{
	struct ts_stat st;

	if (ts_vfs_fstatat(TS_AT_FDCWD, path, &st, 0))
		memset(&st, 0, sizeof(st));
	return st;
}

const char *err_name(long r)
{
	static const char *names[] = {
		[EPERM] = "EPERM", [ENOENT] = "ENOENT", [EBADF] = "EBADF", [ENOMEM] = "ENOMEM",
		[EBUSY] = "EBUSY", [EEXIST] = "EEXIST", [EXDEV] = "EXDEV", [ENODEV] = "ENODEV",
		[ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [EMFILE] = "EMFILE",
		[EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS",
		[EMLINK] = "EMLINK", [ERANGE] = "ERANGE", [ENAMETOOLONG] = "ENAMETOOLONG",
		[ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP", [EOPNOTSUPP] = "EOPNOTSUPP",
		[EACCES] = "EACCES", [EFAULT] = "EFAULT", [ENOTTY] = "ENOTTY",
	};
	static __thread char bufs[4][32]; /* several names in one message */
	static __thread unsigned int next;
	char *out = bufs[next++ % 4];

	if (r < 0 && -r < (long)(sizeof(names) / sizeof(names[0])) && names[-r])
		snprintf(out, sizeof(bufs[0]), "-%s", names[-r]);
	else
		snprintf(out, sizeof(bufs[0]), "%ld", r);
	return out;
}

int open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++) {
		struct ts_stat st;

		if (ts_vfs_fstat(fd, &st) != -EBADF)
			n++;
	}
	return n;
}
