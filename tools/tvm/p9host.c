/* p9host.c: the host side of tvm's 9P server — every lookup one component beneath a descriptor, never a path string.
 *
 * Confinement rests on three rules: (1) a fid holds an O_PATH descriptor,
 * so nothing is ever looked up again by name from the share's top; (2) a
 * name is one component, opened with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS), so neither "..", nor a
 * symbolic link (absolute or relative), nor a /proc magic link leads out;
 * a final symbolic link is opened as itself (O_PATH | O_NOFOLLOW); (3)
 * ".." is resolved by the kernel from the directory and then proved to
 * lie beneath the share by climbing to it. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "p9host.h"

#define MAX_DEPTH 4096 /* directories climbed to prove ".." is inside */

int p9h_openat(int dirfd, const char *name, uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct open_how how = { .flags = flags | O_CLOEXEC, .mode = mode, .resolve = resolve };
	long fd;

	do
		fd = syscall(SYS_openat2, dirfd, name, &how, sizeof how);
	while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : (int)fd;
}

int p9h_stat(int fd, struct stat *st)
{
	return fstatat(fd, "", st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) ? -errno : 0;
}

static int same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Is directory fd the share's top or beneath it? Climbs with ".." until
 * the top (yes) or the host's root, where ".." is itself (no). */
static int inside(const struct tvm_p9 *s, int fd)
{
	struct stat st, up;
	int cur = fcntl(fd, F_DUPFD_CLOEXEC, 0), ok = 0;

	if (cur < 0)
		return 0;
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		int next;

		if (p9h_stat(cur, &st))
			break;
		if (st.st_dev == s->root_dev && st.st_ino == s->root_ino) {
			ok = 1;
			break;
		}
		next = p9h_openat(cur, "..", O_PATH | O_DIRECTORY, 0,
				  RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
		if (next < 0)
			break;
		if (p9h_stat(next, &up) || same(&st, &up)) {
			close(next);
			break;
		}
		close(cur);
		cur = next;
	}
	close(cur);
	return ok;
}

int p9h_walk1(const struct tvm_p9 *s, int dirfd, const char *name)
{
	struct stat st;
	int fd;

	if (strcmp(name, "..") != 0)
		return p9h_openat(dirfd, name, O_PATH | O_NOFOLLOW, 0, P9H_BENEATH);
	/* ".." of the top is the top, as on Linux at "/" */
	if (p9h_stat(dirfd, &st))
		return -errno;
	if (st.st_dev == s->root_dev && st.st_ino == s->root_ino) {
		fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
		return fd < 0 ? -errno : fd;
	}
	fd = p9h_openat(dirfd, "..", O_PATH | O_DIRECTORY, 0,
			RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	if (fd < 0)
		return fd;
	if (!inside(s, fd)) {
		/* the folder was moved out of the share on the host */
		close(fd);
		return -EACCES;
	}
	return fd;
}

int p9h_open_io(const struct tvm_p9 *s, int dirfd, const char *name, int pathfd, int *rw)
{
	struct stat want, got;
	int fd = -EACCES;

	if (p9h_stat(pathfd, &want))
		return -errno;
	if (!s->ro) {
		fd = p9h_openat(dirfd, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK, 0, P9H_BENEATH);
		*rw = fd >= 0;
	}
	if (fd == -EACCES || fd == -EPERM || fd == -EROFS || fd == -ETXTBSY) {
		fd = p9h_openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0, P9H_BENEATH);
		*rw = 0;
	}
	if (fd < 0)
		return fd;
	/* the name may have been given to another file in between */
	if (fstat(fd, &got) || !same(&want, &got) || !S_ISREG(got.st_mode)) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

int p9h_open_dir(int fd)
{
	return p9h_openat(fd, ".", O_RDONLY | O_DIRECTORY, 0, P9H_BENEATH);
}
