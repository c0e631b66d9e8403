/* sendfile.c: sendfile — copy from a file with a position to any descriptor, through a bounce buffer. */
#include <stdlib.h>
#include "posix_files.h"

/* Bytes moved per round: big enough for the console and for ext2's
 * blocks, small enough to allocate anywhere. */
#define CHUNK 65536

/*
 * Copy up to count bytes from in_fd at *off to out_fd; returns the bytes
 * written, and *off moves by exactly that many (a short write leaves the
 * rest unread, as Linux's splice does). Errors after some bytes return
 * the bytes.
 */
static long copy(int out_fd, int in_fd, off_t *off, size_t count)
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
			long w = ts_vfs_write(out_fd, buf + put, (size_t)(got - put));

			if (w <= 0) {
				if (w < 0 && !done && !put)
					done = w;
				goto out;
			}
			put += w;
			*off += w;
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
			return r == -ESPIPE ? -EINVAL : r;
		r = copy(out_fd, in_fd, &off, count);
		*offset = off;
		return r;
	}
	off = ts_vfs_lseek(in_fd, 0, TS_SEEK_CUR);
	if (off < 0)
		return off == -ESPIPE ? -EINVAL : off;
	r = copy(out_fd, in_fd, &off, count);
	if (r > 0)
		ts_vfs_lseek(in_fd, off, TS_SEEK_SET);
	return r;
}
