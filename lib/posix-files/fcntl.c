/* fcntl.c: fcntl (descriptor flags, status flags, advisory locks), flock, dup, dup2, dup3 and close_range. */
#include "posix_files.h"

/* fcntl commands lib/vfs does not know (Linux's values). */
#define F_GETLK      5
#define F_SETLK      6
#define F_SETLKW     7
#define F_SETOWN     8
#define F_GETOWN     9
#define F_SETSIG     10
#define F_GETSIG     11
#define F_OFD_GETLK  36
#define F_OFD_SETLK  37
#define F_OFD_SETLKW 38

/* struct flock's lock types. */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

/* flock operations. */
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

/* Linux's struct flock on x86_64 (32 bytes). */
struct k_flock {
	int16_t l_type;
	int16_t l_whence;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
};
_Static_assert(sizeof(struct k_flock) == 32, "struct flock is 32 bytes");

/*
 * Advisory record locks. The instance is one process, and POSIX locks
 * never conflict within one process; open-file-description locks could
 * conflict between two opens of one file by two threads, which no
 * program we run relies on. So every lock is granted at once and F_GETLK
 * always finds the range free (l_type F_UNLCK). The arguments are checked
 * as Linux checks them: lock type and whence (-EINVAL), a read lock needs
 * a readable and a write lock a writable descriptor (-EBADF), OFD locks
 * need l_pid 0 (-EINVAL), a range ending before offset 0 is -EINVAL.
 */
static long record_lock(int fd, int cmd, struct k_flock *fl)
{
	int get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	int ofd = cmd >= F_OFD_GETLK;
	int flags = pf_fd_flags(fd), acc;
	struct k_flock l;

	if (flags < 0)
		return flags;
	if (flags & TS_O_PATH)
		return -EBADF;
	if (!ts_user_ok(fl, sizeof(*fl), get))
		return -EFAULT;
	l = *fl;
	if (l.l_type != F_RDLCK && l.l_type != F_WRLCK && l.l_type != F_UNLCK)
		return -EINVAL;
	if (l.l_whence != TS_SEEK_SET && l.l_whence != TS_SEEK_CUR && l.l_whence != TS_SEEK_END)
		return -EINVAL;
	if (ofd && l.l_pid != 0)
		return -EINVAL;
	if (l.l_whence == TS_SEEK_SET && (l.l_start < 0 || (l.l_len < 0 && l.l_start + l.l_len < 0)))
		return -EINVAL;
	if (get) {
		if (l.l_type == F_UNLCK)
			return -EINVAL;
		fl->l_type = F_UNLCK;
		return 0;
	}
	acc = flags & TS_O_ACCMODE;
	if ((l.l_type == F_RDLCK && acc == TS_O_WRONLY) || (l.l_type == F_WRLCK && acc == TS_O_RDONLY))
		return -EBADF;
	return 0;
}

TS_SYSCALL_DEFINE3(fcntl, "fdx:d", int, fd, int, cmd, unsigned long, arg)
{
	int r;

	switch (cmd) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return record_lock(fd, cmd, (struct k_flock *)arg);
	case F_GETOWN:
	case F_GETSIG:
		/* no signal-driven I/O: nobody owns a descriptor's signals */
		r = pf_fd_flags(fd);
		return r < 0 ? r : 0;
	case F_SETOWN:
	case F_SETSIG:
		/* accepted; O_ASYNC raises no signal here (docs/posix-files.md) */
		r = pf_fd_flags(fd);
		return r < 0 ? r : 0;
	default:
		/* F_DUPFD*, F_GETFD/SETFD, F_GETFL/SETFL and whatever lib/vfs
		 * learns later (pipe sizes); -EINVAL for the rest */
		return ts_vfs_fcntl(fd, cmd, arg);
	}
}

/* Whole-file advisory locks: granted at once, as record locks are. */
TS_SYSCALL_DEFINE2(flock, "fd:d", int, fd, int, op)
{
	int r = pf_fd_flags(fd);

	if (r < 0)
		return r;
	if (r & TS_O_PATH)
		return -EBADF;
	switch (op & ~LOCK_NB) {
	case LOCK_SH:
	case LOCK_EX:
	case LOCK_UN:
		return 0;
	default:
		return -EINVAL;
	}
}

TS_SYSCALL_DEFINE1(dup, "f:f", int, fd)
{
	return ts_vfs_dup(fd);
}

TS_SYSCALL_DEFINE2(dup2, "ff:f", int, oldfd, int, newfd)
{
	return ts_vfs_dup2(oldfd, newfd);
}

TS_SYSCALL_DEFINE3(dup3, "ffx:f", int, oldfd, int, newfd, int, flags)
{
	return ts_vfs_dup3(oldfd, newfd, flags);
}

#define CLOSE_RANGE_UNSHARE 2
#define CLOSE_RANGE_CLOEXEC 4

/*
 * Close (or, with CLOSE_RANGE_CLOEXEC, mark close-on-exec) every open
 * descriptor from first to last. CLOSE_RANGE_UNSHARE is accepted: there
 * is one descriptor table and nobody to share it with. first > last or
 * another flag is -EINVAL.
 */
TS_SYSCALL_DEFINE3(close_range, "uux:d", unsigned int, first, unsigned int, last,
		   unsigned int, flags)
{
	if (first > last || (flags & ~(unsigned int)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)))
		return -EINVAL;
	if (last >= CONFIG_LIBVFS_MAX_FDS)
		last = CONFIG_LIBVFS_MAX_FDS - 1;
	for (unsigned int fd = first; fd <= last && fd < CONFIG_LIBVFS_MAX_FDS; fd++) {
		if (flags & CLOSE_RANGE_CLOEXEC)
			ts_vfs_fcntl((int)fd, TS_F_SETFD, TS_FD_CLOEXEC);
		else
			ts_vfs_close((int)fd);
	}
	return 0;
}
