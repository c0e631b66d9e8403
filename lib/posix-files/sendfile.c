/* sendfile.c: sendfile and copy_file_range — copies between descriptors inside the kernel, through a bounce buffer. */
#include <stdlib.h>
#include "posix_files.h"

/* Bytes moved per round: big enough for the console and for ext2's
 * blocks, small enough to allocate anywhere. */
#define CHUNK 65536

/*
 * Copy up to count bytes from in_fd at *off to out_fd — at its position
 * when out_off is NULL, else at *out_off; returns the bytes written, and
 * *off (and *out_off) move by exactly that many (a short write leaves the
 * rest unread, as Linux's splice does). Errors after some bytes return
 * the bytes.
 */
static long copy(int out_fd, off_t *out_off, int in_fd, off_t *off, size_t count)
{
	char *buf = malloc(count < CHUNK ? (count ? count : 1) : CHUNK);
	long done = 0;

	if (!buf)
		return -ENOMEM;
	while ((size_t)done < count) {
		size_t want = count - (size_t)done < CHUNK ? count - (size_t)done : CHUNK;
		long got = ts_vfs_pread(in_fd, buf, want, *off), put = 0;

		if (got <= 0) {
			if (got < 0 && !done)
				done = got;
			break;
		}
		while (put < got) {
			long w = out_off ? ts_vfs_pwrite(out_fd, buf + put, (size_t)(got - put), *out_off)
					 : ts_vfs_write(out_fd, buf + put, (size_t)(got - put));

			if (w <= 0) {
				if (w < 0 && !done && !put)
					done = w;
				goto out;
			}
			put += w;
			*off += w;
			if (out_off)
				*out_off += w;
			done += w;
		}
	}
out:
	free(buf);
	return done;
}

/*
 * in_fd must be readable and have a position (a file in a filesystem;
 * else -EINVAL, as on Linux for what cannot be read page by page), out_fd
 * writable (-EBADF). With offset, in_fd's position stays; *offset moves.
 * Without, in_fd's position moves by the bytes sent.
 */
TS_SYSCALL_DEFINE4(sendfile, "ffpu:l", int, out_fd, int, in_fd, off_t *, offset, size_t, count)
{
	int inflags = pf_fd_flags(in_fd), outflags = pf_fd_flags(out_fd);
	off_t off;
	long r;

	if (inflags < 0 || (inflags & TS_O_PATH) || (inflags & TS_O_ACCMODE) == TS_O_WRONLY)
		return -EBADF;
	if (outflags < 0 || (outflags & TS_O_PATH) || (outflags & TS_O_ACCMODE) == TS_O_RDONLY)
		return -EBADF;
	if (offset && !ts_user_ok(offset, sizeof(*offset), 1))
		return -EFAULT;
	if (count > (size_t)PF_RW_MAX)
		count = (size_t)PF_RW_MAX;
	if (offset) {
		off = *offset;
		if (off < 0)
			return -EINVAL;
		r = ts_vfs_pread(in_fd, NULL, 0, off);
		if (r < 0)
			return r == -ESPIPE || r == -EISDIR ? -EINVAL : r;
		r = copy(out_fd, NULL, in_fd, &off, count);
		*offset = off;
		return r;
	}
	off = ts_vfs_lseek(in_fd, 0, TS_SEEK_CUR);
	if (off < 0)
		return off == -ESPIPE ? -EINVAL : off;
	r = copy(out_fd, NULL, in_fd, &off, count);
	if (r > 0)
		ts_vfs_lseek(in_fd, off, TS_SEEK_SET);
	return r == -EISDIR ? -EINVAL : r;
}

/* The regular file open on fd with the access copy_file_range needs
 * (write: writable and not appending): 0, -EBADF, -EISDIR, -EINVAL. */
static int cfr_file(int fd, int write, struct ts_stat *st)
{
	int flags = pf_fd_flags(fd), err;

	if (flags < 0 || (flags & TS_O_PATH))
		return -EBADF;
	if (write ? (flags & TS_O_ACCMODE) == TS_O_RDONLY || (flags & TS_O_APPEND)
		  : (flags & TS_O_ACCMODE) == TS_O_WRONLY)
		return -EBADF;
	err = ts_vfs_fstat(fd, st);
	if (err)
		return err;
	if (TS_S_ISDIR(st->st_mode))
		return -EISDIR;
	return TS_S_ISREG(st->st_mode) ? 0 : -EINVAL;
}

/* An offset argument: its value in *out, or the descriptor's position
 * when ptr is NULL. 0, -EFAULT, -EOVERFLOW (negative: Linux's checks see
 * an offset that wraps). */
static int cfr_offset(int fd, const off_t *ptr, off_t *out)
{
	if (!ptr) {
		*out = ts_vfs_lseek(fd, 0, TS_SEEK_CUR);
		return *out < 0 ? (int)*out : 0;
	}
	if (!ts_user_ok(ptr, sizeof(*ptr), 1))
		return -EFAULT;
	*out = *ptr;
	return *out < 0 ? -EOVERFLOW : 0;
}

/*
 * copy_file_range between regular files of any filesystems (Linux allows
 * crossing filesystems since 5.19): bytes copied, 0 at in's end. flags
 * must be 0; overlapping ranges of one file are -EINVAL. Offsets given
 * move by the bytes copied, else the descriptors' positions do.
 */
TS_SYSCALL_DEFINE6(copy_file_range, "fpfpux:l", int, fd_in, off_t *, off_in, int, fd_out,
		   off_t *, off_out, size_t, len, unsigned int, flags)
{
	struct ts_stat sin, sout;
	off_t in, out;
	long r;
	int err;

	if (flags)
		return -EINVAL;
	err = cfr_file(fd_in, 0, &sin);
	if (!err)
		err = cfr_file(fd_out, 1, &sout);
	if (!err)
		err = cfr_offset(fd_in, off_in, &in);
	if (!err)
		err = cfr_offset(fd_out, off_out, &out);
	if (err)
		return err;
	if (len > (size_t)PF_RW_MAX)
		len = (size_t)PF_RW_MAX;
	if (sin.st_dev == sout.st_dev && sin.st_ino == sout.st_ino && in < out + (off_t)len
	    && out < in + (off_t)len)
		return -EINVAL;
	if (!len)
		return 0;
	r = copy(fd_out, &out, fd_in, &in, len);
	if (r <= 0)
		return r;
	if (off_in)
		*off_in = in;
	else
		ts_vfs_lseek(fd_in, in, TS_SEEK_SET);
	if (off_out)
		*off_out = out;
	else
		ts_vfs_lseek(fd_out, out, TS_SEEK_SET);
	return r;
}
