/* file.c: the host files tvm uses (image, block devices, initrd): opened and
 * checked in one way, read in full. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tvm.h"

int tvm_file_open(const char *path, int flags, const char *what, uint64_t *size)
{
	const char *sep = what ? " " : "";
	struct stat st;
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		tvm_err("%s%s%s: %s", what ? what : "", sep, path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		tvm_err("%s%s%s: not a regular file", what ? what : "", sep, path);
		goto fail;
	}
	*size = (uint64_t)st.st_size;
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

int tvm_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	for (size_t done = 0; done < len;) {
		ssize_t r = pread(fd, (uint8_t *)buf + done, len - done, (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO; /* the file shrank under us */
		done += (size_t)r;
	}
	return 0;
}
