/* rw.c: read, write, their vector and positioned forms, and lseek, onto lib/vfs. */
#include "posix_files.h"

/* preadv2/pwritev2 flags (Linux's RWF_*). */
#define RWF_HIPRI  0x01
#define RWF_DSYNC  0x02
#define RWF_SYNC   0x04
#define RWF_NOWAIT 0x08
#define RWF_APPEND 0x10

/* lseek's data/hole searches. */
#define SEEK_DATA 3
#define SEEK_HOLE 4

TS_SYSCALL_DEFINE3(read, "fBu:l", int, fd, void *, buf, size_t, n)
{
	if (!ts_user_ok(buf, n, 1))
		return -EFAULT;
	return ts_vfs_read(fd, buf, n);
}

TS_SYSCALL_DEFINE3(write, "fbu:l", int, fd, const void *, buf, size_t, n)
{
	if (!ts_user_ok(buf, n, 0))
		return -EFAULT;
	return ts_vfs_write(fd, buf, n);
}

/* The vector and each buffer it names are checked before any is used;
 * a total beyond SSIZE_MAX is -EINVAL, as on Linux. */
int pf_iov_ok(const struct ts_iovec *iov, int cnt, int write)
{
	size_t total = 0;

	if (cnt < 0 || cnt > PF_IOV_MAX)
		return -EINVAL;
	if (!ts_user_ok(iov, (size_t)cnt * sizeof(*iov), 0))
		return -EFAULT;
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (size_t)INT64_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
		if (!ts_user_ok(iov[i].iov_base, iov[i].iov_len, write))
			return -EFAULT;
	}
	return 0;
}

TS_SYSCALL_DEFINE3(readv, "fpd:l", int, fd, const struct ts_iovec *, iov, int, cnt)
{
	int err = pf_iov_ok(iov, cnt, 1);

	return err ? err : ts_vfs_readv(fd, iov, cnt);
}

TS_SYSCALL_DEFINE3(writev, "fpd:l", int, fd, const struct ts_iovec *, iov, int, cnt)
{
	int err = pf_iov_ok(iov, cnt, 0);

	return err ? err : ts_vfs_writev(fd, iov, cnt);
}

TS_SYSCALL_DEFINE4(pread64, "fBul:l", int, fd, void *, buf, size_t, n, off_t, off)
{
	if (!ts_user_ok(buf, n, 1))
		return -EFAULT;
	return ts_vfs_pread(fd, buf, n, off);
}

TS_SYSCALL_DEFINE4(pwrite64, "fbul:l", int, fd, const void *, buf, size_t, n, off_t, off)
{
	if (!ts_user_ok(buf, n, 0))
		return -EFAULT;
	return ts_vfs_pwrite(fd, buf, n, off);
}

/*
 * preadv/pwritev: buffer after buffer at increasing offsets, stopping at
 * the first short transfer; an error after some bytes returns the bytes.
 * lib/vfs has no positioned vector call, so another thread's write may
 * land between two buffers (Linux holds no lock across them either for
 * most filesystems). A zero-length transfer first checks fd and off.
 */
static long prwv(int fd, const struct ts_iovec *iov, int cnt, off_t off, int write)
{
	long done = 0, r;
	int err = pf_iov_ok(iov, cnt, !write);

	if (err)
		return err;
	r = write ? ts_vfs_pwrite(fd, NULL, 0, off) : ts_vfs_pread(fd, NULL, 0, off);
	if (r < 0)
		return r;
	for (int i = 0; i < cnt && done < PF_RW_MAX; i++) {
		size_t n = iov[i].iov_len;

		if (!n)
			continue;
		if (n > (size_t)(PF_RW_MAX - done))
			n = (size_t)(PF_RW_MAX - done);
		r = write ? ts_vfs_pwrite(fd, iov[i].iov_base, n, off + done)
			  : ts_vfs_pread(fd, iov[i].iov_base, n, off + done);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < n)
			break;
	}
	return done;
}

/* On x86_64 the whole offset arrives in pos_l; pos_h is unused. */
TS_SYSCALL_DEFINE5(preadv, "fpdll:l", int, fd, const struct ts_iovec *, iov, int, cnt, off_t,
		   pos_l, long, pos_h)
{
	(void)pos_h;
	return prwv(fd, iov, cnt, pos_l, 0);
}

TS_SYSCALL_DEFINE5(pwritev, "fpdll:l", int, fd, const struct ts_iovec *, iov, int, cnt, off_t,
		   pos_l, long, pos_h)
{
	(void)pos_h;
	return prwv(fd, iov, cnt, pos_l, 1);
}

/*
 * The v2 forms: offset -1 means the file position (readv/writev).
 * RWF_HIPRI is a hint and accepted; RWF_DSYNC/RWF_SYNC sync the file
 * after a write. RWF_NOWAIT and RWF_APPEND are refused with -EOPNOTSUPP
 * (what Linux answers for a file that does not support them), as are
 * unknown flags.
 */
static long rwv2(int fd, const struct ts_iovec *iov, int cnt, off_t off, int flags, int write)
{
	long r;

	if (flags & ~(RWF_HIPRI | RWF_DSYNC | RWF_SYNC))
		return -EOPNOTSUPP;
	if (off == -1) {
		int err = pf_iov_ok(iov, cnt, !write);

		if (err)
			return err;
		r = write ? ts_vfs_writev(fd, iov, cnt) : ts_vfs_readv(fd, iov, cnt);
	} else {
		r = prwv(fd, iov, cnt, off, write);
	}
	if (r > 0 && write && (flags & (RWF_DSYNC | RWF_SYNC))) {
		int err = ts_vfs_fsync(fd);

		/* files that cannot be synced (the console) have nothing to sync */
		if (err && err != -EINVAL)
			return err;
	}
	return r;
}

TS_SYSCALL_DEFINE6(preadv2, "fpdllx:l", int, fd, const struct ts_iovec *, iov, int, cnt, off_t,
		   pos_l, long, pos_h, int, flags)
{
	(void)pos_h;
	return rwv2(fd, iov, cnt, pos_l, flags, 0);
}

TS_SYSCALL_DEFINE6(pwritev2, "fpdllx:l", int, fd, const struct ts_iovec *, iov, int, cnt, off_t,
		   pos_l, long, pos_h, int, flags)
{
	(void)pos_h;
	return rwv2(fd, iov, cnt, pos_l, flags, 1);
}

/*
 * SEEK_DATA and SEEK_HOLE as Linux's generic version: a regular file is
 * data from 0 to its end, with one hole at the end (no filesystem here
 * reports its holes). -ENXIO at or beyond the end.
 */
static long seek_data_hole(int fd, off_t off, int whence)
{
	struct ts_stat st;
	int err = ts_vfs_fstat(fd, &st);

	if (err)
		return err;
	if (!TS_S_ISREG(st.st_mode))
		return ts_vfs_lseek(fd, off, whence); /* lib/vfs refuses: -EINVAL / -ESPIPE */
	if (off < 0 || off >= st.st_size)
		return -ENXIO;
	return ts_vfs_lseek(fd, whence == SEEK_DATA ? off : st.st_size, TS_SEEK_SET);
}

TS_SYSCALL_DEFINE3(lseek, "fld:l", int, fd, off_t, off, int, whence)
{
	if (whence == SEEK_DATA || whence == SEEK_HOLE)
		return seek_data_hole(fd, off, whence);
	return ts_vfs_lseek(fd, off, whence);
}
