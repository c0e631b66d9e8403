/* file.c: regular file data — read, write, truncate over the page tree. */
#include <errno.h>
#include <string.h>
#include "ramfs.h"

static int before(const struct ts_timespec *a, const struct ts_timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

ssize_t ramfs_read(struct ts_vnode *vn, void *buf, size_t n, off_t off)
{
	struct ramfs_node *node = ramfs_node(vn);
	char *dst = buf;
	size_t done = 0;

	if (off >= vn->size)
		return 0;
	if (n > (size_t)(vn->size - off))
		n = (size_t)(vn->size - off);
	while (done < n) {
		uint64_t at = (uint64_t)off + done;
		size_t in = at % RAMFS_PAGE, chunk = RAMFS_PAGE - in;
		const char *page = ramfs_pages_find(&node->u.pages, at / RAMFS_PAGE);

		if (chunk > n - done)
			chunk = n - done;
		if (page)
			memcpy(dst + done, page + in, chunk);
		else
			memset(dst + done, 0, chunk); /* a hole */
		done += chunk;
	}
	/* relatime: the access time moves only past a change, so steady
	 * reading does not read the clock */
	if (before(&node->atime, &node->mtime) || before(&node->atime, &node->ctime))
		ts_vfs_now(&node->atime);
	return (ssize_t)n;
}

ssize_t ramfs_write(struct ts_vnode *vn, const void *buf, size_t n, off_t off)
{
	struct ramfs_node *node = ramfs_node(vn);
	const char *src = buf;
	size_t done = 0;

	while (done < n) {
		uint64_t at = (uint64_t)off + done;
		size_t in = at % RAMFS_PAGE, chunk = RAMFS_PAGE - in;
		char *page = ramfs_pages_get(&node->u.pages, at / RAMFS_PAGE);

		if (!page)
			break; /* out of memory: keep what was written */
		if (chunk > n - done)
			chunk = n - done;
		memcpy(page + in, src + done, chunk);
		done += chunk;
	}
	if (!done)
		return -ENOSPC;
	if (off + (off_t)done > vn->size)
		vn->size = off + (off_t)done;
	ramfs_touch(node, 1);
	return (ssize_t)done;
}

int ramfs_truncate(struct ts_vnode *vn, off_t len)
{
	struct ramfs_node *node = ramfs_node(vn);
	off_t old = vn->size;

	if (len < old) {
		uint64_t first = ((uint64_t)len + RAMFS_PAGE - 1) / RAMFS_PAGE;
		size_t in = (size_t)len % RAMFS_PAGE;
		char *page;

		ramfs_pages_trim(&node->u.pages, first);
		/* bytes past the end stay zero, so growing again shows zeros */
		page = in ? ramfs_pages_find(&node->u.pages, (uint64_t)len / RAMFS_PAGE) : NULL;
		if (page)
			memset(page + in, 0, RAMFS_PAGE - in);
	}
	vn->size = len;
	if (len != old)
		ramfs_touch(node, 1);
	return 0;
}
